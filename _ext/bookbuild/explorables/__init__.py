"""Interactive figures ("explorables") on the website, from the notebooks' own output.

A chapter defines an explorable in its code, as a Vega-Lite chart (Altair), and
displays it with :func:`infolib.book.explorable`: the stored output holds the
Vega-Lite specification (``application/vnd.vegalite.v5+json``), which JupyterLab
and VS Code draw with working sliders, beside a Markdown fallback sentence. For
the website:

- ``renderer.py``: the myst-nb renderer (registered through the
  ``myst_nb.mime_renderers`` entry point) turns that output into the figure's HTML,
  its spec compiled to Vega in Node (``compile_vega.cjs``);
- this extension gives the pages that show one, and only those, the small starter
  ``explorables.js``, which loads ``vega.min.js`` (npm ``vega``, the same version
  everywhere, from ``node_modules``: no CDN, works offline) when a figure comes near
  the screen; without JavaScript the fallback sentence is shown (``<noscript>``);
- ``words.py``: in another edition (``language`` set) the figures' words are
  translated, from the catalogue ``figures``, which this extension writes with the
  gettext builder (``figures.pot``); a static figure's alt text is replaced once the
  page is resolved (:func:`translate_alt_text`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

from bookbuild.explorables.renderer import MARKER, VegaLiteOutput, compile_to_vega, explorable_html
from bookbuild.explorables.words import (
    DOMAIN,
    alt_texts,
    catalogue,
    messages,
    stored_explorables,
    translate,
    write_pot,
)
from bookbuild.sources import ROOT, VEGALITE_MIME

__all__ = [
    "DOMAIN",
    "MARKER",
    "VEGALITE_MIME",
    "VegaLiteOutput",
    "alt_texts",
    "catalogue",
    "compile_to_vega",
    "explorable_html",
    "messages",
    "stored_explorables",
    "translate",
    "write_pot",
]

HERE = Path(__file__).resolve().parent
STARTER = HERE / "explorables.js"
VEGA = ROOT / "node_modules" / "vega"
#: Where the scripts go in the built site (``_static/explorable/``).
STATIC = "explorable"


def translate_alt_text(app, doctree, docname):
    """In another edition, a static figure's alt text in the page's language."""
    language = app.config.language
    table = catalogue(language) if language and language != "en" else {}
    for image in doctree.findall(nodes.image) if table else ():
        alt = image.get("alt")
        if alt in table:
            image["alt"] = table[alt]


def add_scripts(app, pagename, templatename, context, doctree):
    """Give the pages that show an explorable, and only those, the starter script;
    it loads Vega (its ``data-vega``, relative to itself) when a figure comes near
    the screen."""
    if MARKER in context.get("body", ""):
        attributes = {"data-vega": "vega.min.js"}
        app.add_js_file(f"{STATIC}/explorables.js", loading_method="defer", **attributes)


def copy_scripts(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC
    target.mkdir(parents=True, exist_ok=True)
    minified = VEGA / "build" / "vega.min.js"
    if not minified.is_file():
        raise ExtensionError(f"{minified} is missing: run `npm ci`")
    shutil.copyfile(minified, target / "vega.min.js")
    package = json.loads((VEGA / "package.json").read_text(encoding="utf-8"))
    (target / "vega-NOTICE.txt").write_text(
        f"vega.min.js is Vega {package['version']} (https://vega.github.io/vega/),\n"
        f"{package['license']} licence, copyright the University of Washington"
        " Interactive Data Lab.\n",
        encoding="utf-8",
    )
    shutil.copyfile(STARTER, target / "explorables.js")


def write_messages(app, exception):
    """With the gettext builder: the figures' words as ``figures.pot``."""
    if exception is not None or app.builder.name != "gettext":
        return
    notebooks = sorted(
        Path(app.env.doc2path(doc)) for doc in app.env.found_docs if doc.startswith("chapters/")
    )
    write_pot([n for n in notebooks if n.suffix == ".ipynb"], Path(app.outdir) / f"{DOMAIN}.pot")


def setup(app):
    # before bookbuild.pages.unique_scripts, which replaces the page's script list
    app.connect("html-page-context", add_scripts, priority=400)
    app.connect("build-finished", copy_scripts)
    app.connect("build-finished", write_messages)
    app.connect("doctree-resolved", translate_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
