// Typesets TeX to SVG with MathJax 3 in Node, for bookbuild/formulas (__init__.py).
//
// Reads JSON from stdin: {"macros": {...}, "pages": {"name": [["tex", display], ...]}}
// and writes JSON to stdout: {"css": "...", "pages": {"name": {"cache": "<svg ...>",
// "math": ["<mjx-container ...>", ...]}}}. Each page gets its own glyph cache (one
// <svg> of shared glyph paths that its formulas reference), so a page carries each
// glyph once. Every formula carries hidden MathML for screen readers (MathJax's
// assistive-mml), as MathJax in the browser would add.
"use strict";

const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

// Without "noundefined", an undefined macro is a TeX error (and fails the build)
// instead of its name shown in red.
const PACKAGES = AllPackages.filter((name) => name !== "noundefined");

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

const out = { css: "", pages: {} };
for (const [name, formulas] of Object.entries(input.pages)) {
  const tex = new TeX({ packages: PACKAGES, macros: input.macros });
  const svg = new SVG({ fontCache: "global" });
  const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });
  const math = formulas.map(([source, display]) => {
    const node = doc.convert(source, { display, em: 16, ex: 8, containerWidth: 80 * 16 });
    // The SVG output marks a TeX error with data-mjx-error (no mjx-merror tag).
    const html = adaptor.outerHTML(node);
    const error = html.match(/data-mjx-error="([^"]*)"/);
    if (error) {
      throw new Error(`${name}: MathJax error in ${JSON.stringify(source)}: ${error[1]}`);
    }
    return html;
  });
  const cache = svg.fontCache.getCache();
  out.pages[name] = { cache: cache ? adaptor.outerHTML(cache) : "", math };
  out.css = adaptor.textContent(svg.styleSheet(doc));
}
process.stdout.write(JSON.stringify(out));
