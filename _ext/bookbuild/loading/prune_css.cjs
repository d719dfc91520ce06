// Trims stylesheets to the rules an edition's pages and scripts can use, with
// PurgeCSS, for bookbuild/loading/stylesheets.py (issue 24: a phone fetches and
// styles only what it shows).
//
// Reads {css: {name: text}, content: [text, ...], safelist: [regex source, ...]}
// from stdin and writes {name: trimmed text} to stdout. A selector is kept when
// every class, id, tag and attribute it names appears as a word in some page or
// script (PurgeCSS's default extractor), or when it matches a safelist pattern
// (classes that scripts build from pieces, such as Bootstrap's `bs-tooltip-${side}`).
// @font-face, @keyframes and custom properties are kept whole.
"use strict";

const { PurgeCSS } = require("purgecss");

async function main() {
  const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const names = Object.keys(input.css);
  const results = await new PurgeCSS().purge({
    content: input.content.map((raw) => ({ raw, extension: "html" })),
    css: names.map((name) => ({ raw: input.css[name], name })),
    safelist: { standard: input.safelist.map((source) => new RegExp(source)) },
    fontFace: false,
    keyframes: false,
    variables: false,
  });
  const out = {};
  results.forEach((result, i) => {
    out[names[i]] = result.css;
  });
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
