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
- without JavaScript, the fallback sentence is shown instead (``<noscript>``);
- in another edition of the book (``language`` set, see _ext/build_editions.py)
  the figure's words are translated: its labels, titles, legend entries, the
  literal text of its readout, its description and its fallback. They are the
  messages of one more catalogue, ``figures``, with the alt text of every static
  figure, which Sphinx's own extraction never sees (myst-nb makes the images after
  the translation step). :func:`messages` finds an explorable's words in its
  stored spec; :func:`write_pot` writes ``figures.pot`` beside the pages' ``.pot``
  files, so ``make translations`` and the catalogue tests treat it like any page.
  An explorable's string is replaced wherever it occurs, so a category keeps one
  name across data, scales, legends and expressions; a static figure's alt text
  is replaced once the page is resolved (:func:`translate_alt_text`).

A specification that Vega-Lite rejects or warns about fails the build.
"""

from __future__ import annotations

import html
import json
import re
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
#: The catalogue of the figures' words (locales/LANGUAGE/LC_MESSAGES/figures.po):
#: every figure's alt text, and an explorable's labels, readout and fallback.
DOMAIN = "figures"
#: Keys whose value is a Vega expression: its quoted string literals are text.
EXPRESSIONS = {"calculate", "expr", "labelExpr", "filter"}
LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'")
FORMAT = re.compile(r"^[.,~+-]?\d*[a-z%]?$")  # '.4f' and the like: not words


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


def _is_word(value: object) -> bool:
    """A string a reader could read: has a letter; no format ('.4f'), colour, URL."""
    return (
        isinstance(value, str)
        and any(c.isalpha() for c in value)
        and not FORMAT.match(value)
        and not value.startswith(("#", "http"))
    )


def _is_text(value: object) -> bool:
    """A word that cannot be a field name: the strings that may be replaced
    anywhere (a category such as "true p" is also the name of its field)."""
    return _is_word(value) and not value.isidentifier()


#: Where any word is shown as it is (a title, a data value, a control's name or
#: labels), so it is a message even if it looks like a field name...
SHOWN = {"title", "values", "name", "labels"}
#: ...and where such a word is replaced: also the order of categories (a sort
#: or a scale's domain lists the data values again).
REPLACED = SHOWN | {"sort", "domain"}


def _shown(key, parent, inherited: bool, keys: set[str] = SHOWN) -> bool:
    """Whether the value under ``key`` (in a mapping under ``parent``) is shown
    text: under one of ``keys``, or inside such a value; a control's ``name`` and
    ``labels`` only inside its ``bind`` (elsewhere a name is a reference)."""
    if key in ("name", "labels"):
        return parent == "bind"
    return inherited or key in keys


def messages(spec: dict) -> list[str]:
    """The words of a Vega-Lite spec that a translation must cover, in order:
    control names and labels, titles, data values and category names, and the
    string literals of its expressions; its config and schema aside."""
    found: list[str] = []

    def add(value, shown):
        if (_is_word(value) if shown else _is_text(value)) and value not in found:
            found.append(value)

    def walk(node, parent=None, shown=False):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("config", "$schema", "usermeta", "datasets"):
                    continue
                if k in EXPRESSIONS and isinstance(v, str):
                    for text in LITERAL.findall(v):
                        add(text, False)
                else:
                    walk(v, k, _shown(k, parent, shown))
        elif isinstance(node, list):
            for item in node:
                walk(item, parent, shown)
        else:
            add(node, shown)

    walk(spec)
    return found


def translate(spec: dict, table: dict[str, str]) -> dict:
    """``spec`` with its words replaced by ``table``'s translations, as
    :func:`messages` finds them (config and schema untouched)."""

    def literal(match):
        text = match.group(1)
        if not _is_text(text):
            return match.group(0)
        return "'" + table.get(text, text).replace("'", "\\'") + "'"

    def walk(node, key=None, shown=False):
        if isinstance(node, dict):
            return {
                k: v if k in ("config", "$schema") else walk(v, k, _shown(k, key, shown, REPLACED))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(item, key, shown) for item in node]
        if isinstance(node, str):
            if key in EXPRESSIONS:
                return LITERAL.sub(literal, node)
            if shown or _is_text(node):
                return table.get(node, node)
        return node

    return walk(spec)


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """msgid -> msgstr of ``locales/LANGUAGE/LC_MESSAGES/figures.po`` (empty,
    fuzzy and missing entries left out: they show the English)."""
    from babel.messages.pofile import read_po

    path = ROOT / "locales" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def stored_explorables(notebook: Path) -> list[tuple[dict, str]]:
    """(Vega-Lite spec, alt text) of every explorable stored in a notebook."""
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        alt = cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt", "")
        for output in cell.get("outputs", []):
            if VEGALITE_MIME in output.get("data", {}):
                found.append((output["data"][VEGALITE_MIME], alt))
    return found


def alt_texts(notebook: Path) -> list[str]:
    """The alt text of every figure of a notebook (``mystnb.image.alt``), in order."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    alts = [c.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt") for c in cells]
    return [alt for alt in alts if alt]


def output_messages(notebook: Path) -> list[str]:
    """The words a notebook's figures and printed lines used, as its execution
    stored them (:mod:`infolib.i18n`: ``messages`` in an output's metadata)."""
    found: list[str] = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            for meta in output.get("metadata", {}).values():
                if isinstance(meta, dict):
                    found += [m for m in meta.get("messages", []) if m not in found]
    return found


def write_pot(notebooks: list[Path], target: Path) -> int:
    """Write the figures' messages as ``target`` (a .pot file): every alt text,
    each explorable's fallback and words, and the words the static figures and
    printed lines used (:func:`output_messages`). The number of messages."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project="Surprise, Entropy and the Cross-Entropy Loss", fuzzy=False)
    for notebook in notebooks:
        texts = alt_texts(notebook)
        for spec, _ in stored_explorables(notebook):
            texts += [spec.get("usermeta", {}).get("fallback", ""), *messages(spec)]
        texts += output_messages(notebook)
        for text in texts:
            if text:
                catalog.add(text)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as f:
        write_po(f, catalog, width=76, omit_header=False, no_location=True)
    return len(catalog)


def translate_alt_text(app, doctree, docname):
    """In another edition, a static figure's alt text in the page's language."""
    language = app.config.language
    table = catalogue(language) if language and language != "en" else {}
    for image in doctree.findall(nodes.image) if table else ():
        alt = image.get("alt")
        if alt in table:
            image["alt"] = table[alt]


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


def write_messages(app, exception):
    """With the gettext builder: the figures' words as ``figures.pot``."""
    if exception is not None or app.builder.name != "gettext":
        return
    notebooks = sorted(
        Path(app.env.doc2path(doc)) for doc in app.env.found_docs if doc.startswith("chapters/")
    )
    write_pot([n for n in notebooks if n.suffix == ".ipynb"], Path(app.outdir) / f"{DOMAIN}.pot")


def setup(app):
    register_plugin()
    # before book_extras.unique_scripts, which replaces the page's script list
    app.connect("html-page-context", add_scripts, priority=400)
    app.connect("build-finished", copy_scripts)
    app.connect("build-finished", write_messages)
    app.connect("doctree-resolved", translate_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
