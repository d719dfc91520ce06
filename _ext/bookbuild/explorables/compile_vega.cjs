// Compiles Vega-Lite specifications to Vega with vega-lite in Node, for
// bookbuild/explorables/renderer.py: the pages then load Vega alone (no Vega-Lite compiler).
//
// Reads a JSON array of Vega-Lite specs from stdin and writes the JSON array of
// their Vega specs to stdout. A spec that does not compile, or compiles with a
// warning, stops with the message (and fails the build).
"use strict";

const vegaLite = require("vega-lite");

const specs = JSON.parse(require("fs").readFileSync(0, "utf8"));
const warnings = [];
const logger = {
  level() { return this; },
  error: (...m) => { throw new Error(m.join(" ")); },
  warn: (...m) => warnings.push(m.join(" ")),
  info() { return this; },
  debug() { return this; },
};
const out = specs.map((spec, i) => {
  const vg = vegaLite.compile(spec, { logger }).spec;
  if (warnings.length) {
    throw new Error(`explorable ${i}: Vega-Lite warned: ${warnings.join("; ")}`);
  }
  return vg;
});
process.stdout.write(JSON.stringify(out));
