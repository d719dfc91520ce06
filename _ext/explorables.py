"""Interactive figures ("explorables") on the website, from the notebooks' own output.

A chapter defines an explorable in its code, as a Vega-Lite chart (Altair), and
displays it with :func:`infolib.book.explorable`: the stored output holds the
Vega-Lite specification (``application/vnd.vegalite.v5+json``), which JupyterLab
and VS Code draw with working sliders, beside a Markdown fallback sentence. Here,
for the website:

- a myst-nb mime renderer turns that output into an empty view, a place for the
  controls, a live region and the specification compiled to Vega (by Vega-Lite in
  Node, ``_ext/compile_vega.cjs``, so the page loads Vega alone, not the Vega-Lite
  compiler); the cell's ``mystnb.figure`` caption and ``mystnb.image.alt`` text
  give it a numbered caption and its accessible description, like a static figure;
- the pages that show one load the small starter ``_ext/explorables.js``, which
  loads ``vega.min.js`` (npm ``vega``, the same version everywhere, from
  ``node_modules``: no CDN, works offline) when a figure comes near the screen, so
  a reader who never scrolls there never pays for it; other pages load neither;
- without JavaScript, the fallback sentence is shown instead (``<noscript>``).

A specification that Vega-Lite rejects or warns about fails the build.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
COMPILE = HERE / "compile_vega.cjs"
STARTER = HERE / "explorables.js"
VEGA = ROOT / "node_modules" / "vega"
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
#: Where the scripts go in the built site (``_static/explorable/``).
STATIC = "explorable"
MARKER = 'class="explorable"'


@lru_cache(maxsize=None)
def compile_to_vega(spec_json: str) -> dict:
    """The Vega specification of a Vega-Lite one (both as JSON), compiled in Node."""
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("the interactive figures need Node.js (https://nodejs.org)")
    run = subprocess.run(
        [node, str(COMPILE)],
        input=f"[{spec_json}]",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if run.returncode != 0:
        hint = " (run `npm ci`)" if "Cannot find module" in run.stderr else ""
        raise ExtensionError(
            f"Vega-Lite could not compile an explorable{hint}: {run.stderr[-2000:]}"
        )
    return json.loads(run.stdout)[0]


def explorable_html(spec: dict, description: str, fallback: str) -> str:
    """The HTML of one explorable: view, controls, live region, fallback, spec."""
    vega_spec = dict(compile_to_vega(json.dumps(spec, sort_keys=True)))
    # Vega makes it the aria-label of the view (role graphics-document)
    vega_spec["description"] = description
    payload = json.dumps(vega_spec, ensure_ascii=False).replace("</", "<\\/")
    return (
        f"<div {MARKER}>\n"
        '<div class="explorable-view"></div>\n'
        '<div class="explorable-controls"></div>\n'
        '<p class="explorable-live visually-hidden" aria-live="polite"></p>\n'
        f"<noscript><p>{html.escape(fallback)}</p></noscript>\n"
        f'<script type="application/json" class="explorable-spec">{payload}</script>\n'
        "</div>\n"
    )


class VegaLiteOutput:
    """myst-nb mime renderer plugin: a Vega-Lite output becomes an explorable (HTML)."""

    mime_priority_overrides = [
        (builder, VEGALITE_MIME, 35)  # before images (40) and Markdown (80)
        for builder in ("html", "dirhtml", "singlehtml", "readthedocs")
    ]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if data.mime_type != VEGALITE_MIME or inline:
            return None
        mystnb = data.cell_metadata.get("mystnb", {})
        description = mystnb.get("image", {}).get("alt", "")
        if not description:
            raise ExtensionError(
                f"{renderer.document['source']}: an explorable needs alt text "
                "(cell metadata mystnb.image.alt), read by screen readers"
            )
        fallback = data.content.get("usermeta", {}).get("fallback", "")
        content = explorable_html(data.content, description, fallback)
        return [nodes.raw("", content, format="html")]


def register_plugin() -> None:
    """Add :class:`VegaLiteOutput` to myst-nb's mime renderers.

    myst-nb finds plugins through the ``myst_nb.mime_renderers`` entry point of an
    installed package; the book is not a package, so the plugin joins the list
    myst-nb has loaded (a cached list, returned to every later call).
    """
    from myst_nb.core.render import load_mime_renders

    plugins = load_mime_renders()
    if VegaLiteOutput not in plugins:
        plugins.append(VegaLiteOutput)


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


def setup(app):
    register_plugin()
    # before book_extras.unique_scripts, which replaces the page's script list
    app.connect("html-page-context", add_scripts, priority=400)
    app.connect("build-finished", copy_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
