"""Formulas typeset when the book is built, not in the reader's browser.

Sphinx writes each formula as TeX (``<span class="math ...">\\(...\\)</span>``,
``<div class="math ...">\\[...\\]</div>``) and has MathJax typeset it in the
browser after the page has drawn: the text around every formula then moves (a
layout shift of 0.1 to 0.2 on the chapters' first screen, measured by Lighthouse),
and typesetting a chapter's few hundred formulas blocks the page for a moment.
Here, once the HTML is written, MathJax 3 itself (npm ``mathjax-full``, run by Node:
``typeset_math.cjs``) typesets every formula of every page to SVG, with the
macros of ``mathjax3_config`` and hidden MathML for screen readers, as in the
browser; the page carries the SVG, one cache of the glyphs it uses, MathJax's
small stylesheet, and no MathJax script. The page shows its formulas from the
first paint, works without JavaScript, and in the dark theme too (the SVG draws
in ``currentColor``). A TeX error, an undefined macro included, fails the build.

On a phone, a chapter's formulas were most of its page's elements (Lighthouse's
mobile audit: 7,000 to 12,000 elements, and the style and layout work of each
load and each colour-scheme switch). Two things keep them cheap, the picture and
the MathML unchanged: each SVG's layout groups are folded into its glyphs
(``flatten.py``: a fifth fewer elements, an eighth less HTML), and
:data:`OFF_SCREEN_CSS` lets the browser skip the style and layout of the formulas
off the screen (``content-visibility: auto``: skipped content stays in the page's
text, its accessibility tree, its find-in-page and its tab order; the SVG keeps its
size from its ``width`` and ``height``, so nothing moves when it is drawn).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.errors import ExtensionError

from bookbuild.formulas.flatten import flatten
from bookbuild.node import run_script

HERE = Path(__file__).resolve().parent
TYPESET = HERE / "typeset_math.cjs"
MATH = re.compile(
    r'(<(span|div) class="math notranslate nohighlight"(?: id="[^"]*")?>)(.*?)(</\2>)', re.S
)
DELIMITERS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
MATHJAX_SCRIPTS = re.compile(
    r"<script>window\.MathJax = .*?</script>\s*"
    r'|<script[^>]*src="[^"]*mathjax[^"]*"[^>]*></script>\s*',
    re.S,
)
#: The formulas off the screen are neither styled nor laid out until they come near
#: it: their SVG (sized by its own width and height) and their hidden MathML (a
#: 1-pixel box, MathJax's own ``mjx-assistive-mml`` style).
OFF_SCREEN_CSS = (
    "mjx-container>svg{content-visibility:auto}"
    "mjx-assistive-mml{content-visibility:auto;contain-intrinsic-size:1px}"
)
GLYPH_CACHE = (
    '<svg id="MJX-SVG-global-cache" style="display: none" aria-hidden="true" '
    'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
)


def formulas(page: str) -> list[tuple[str, bool]]:
    """Every formula of a page as (TeX, display), in order."""
    found = []
    for match in MATH.finditer(page):
        if match.group(3).startswith("<mjx-container"):
            continue  # typeset by an earlier build (an unchanged page is not rewritten)
        tag, body = match.group(2), html.unescape(match.group(3)).strip()
        start, end = DELIMITERS[tag]
        if not (body.startswith(start) and body.endswith(end)):
            raise ExtensionError(f"unexpected math markup: {match.group(0)[:120]}")
        found.append((body[len(start) : -len(end)], tag == "div"))
    return found


def typeset(pages: dict[str, list[tuple[str, bool]]], macros: dict) -> dict:
    return run_script(TYPESET, {"macros": macros, "pages": pages}, "MathJax failed")


def edition_macros(config) -> dict:
    """The macros of ``mathjax3_config``, with the words of the edition's language
    (``math_macros_translated``: ``\\nats`` is ``\\,\\text{奈特}`` in Chinese)."""
    macros = dict(config.mathjax3_config.get("tex", {}).get("macros", {}))
    return {**macros, **config.math_macros_translated.get(config.language, {})}


def typeset_every_page(app, exception):
    """Replace each page's TeX by MathJax's SVG and drop the MathJax scripts."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    paths = [p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts]
    texts = {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in paths}
    pages = {name: formulas(text) for name, text in texts.items()}
    macros = edition_macros(app.config)
    result = typeset({n: f for n, f in pages.items() if f}, macros)
    style = f'<style id="MJX-SVG-styles">{result["css"]}{OFF_SCREEN_CSS}</style>\n'
    for name, text in texts.items():
        text = MATHJAX_SCRIPTS.sub("", text)
        if pages[name]:
            svg = iter(result["pages"][name]["math"])

            def swap(m, svg=svg):
                if m.group(3).startswith("<mjx-container"):
                    return m.group(0)
                return m.group(1) + flatten(next(svg)) + m.group(4)

            text = MATH.sub(swap, text)
            text = text.replace("</head>", style + "</head>", 1)
            cache = GLYPH_CACHE.format(result["pages"][name]["cache"])
            text = re.sub(r"(<body[^>]*>)", lambda m, c=cache: m.group(1) + c, text, count=1)
        (out / name).write_text(text, encoding="utf-8")


def setup(app):
    app.add_config_value("math_macros_translated", {}, "html", [dict])
    # After every other writer of HTML (the 404 page, the root page).
    app.connect("build-finished", typeset_every_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
