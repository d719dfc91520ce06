"""The myst-nb renderer of an explorable: a Vega-Lite output becomes an interactive
figure on the website.

myst-nb finds it through the ``myst_nb.mime_renderers`` entry point of the
``bookbuild`` package (``_ext/pyproject.toml``), so it renders in every build of the
environment it is installed in. The output becomes an empty view, a place for the
controls, a live region and the specification compiled to Vega (by Vega-Lite in
Node, ``compile_vega.cjs``, so the page loads Vega alone, not the Vega-Lite
compiler); the cell's ``mystnb.figure`` caption and ``mystnb.image.alt`` text give
it a numbered caption and its accessible description, like a static figure. In
another edition its words are translated (``words.py``). A specification that
Vega-Lite rejects or warns about fails the build.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

from bookbuild.explorables.words import catalogue, translate
from bookbuild.node import run_script
from bookbuild.sources import VEGALITE_MIME

COMPILE = Path(__file__).resolve().parent / "compile_vega.cjs"
MARKER = 'class="explorable"'


@lru_cache(maxsize=None)
def compile_to_vega(spec_json: str) -> dict:
    """The Vega specification of a Vega-Lite one (both as JSON), compiled in Node."""
    return run_script(
        COMPILE, [json.loads(spec_json)], "Vega-Lite could not compile an explorable"
    )[0]


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


def _document(renderer):
    """The docutils document a myst-nb element renderer is writing into."""
    return renderer.renderer.document


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
                f"{_document(renderer)['source']}: an explorable needs alt text "
                "(cell metadata mystnb.image.alt), read by screen readers"
            )
        spec = data.content
        fallback = spec.get("usermeta", {}).get("fallback", "")
        env = getattr(_document(renderer).settings, "env", None)
        language = env.config.language if env is not None else None
        table = catalogue(language) if language and language != "en" else {}
        if table:
            spec = translate(spec, table)
            description, fallback = (
                table.get(description, description),
                table.get(fallback, fallback),
            )
        content = explorable_html(spec, description, fallback)
        return [nodes.raw("", content, format="html")]
