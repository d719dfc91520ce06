"""The words of the figures, for another edition of the book (``language`` set).

An explorable's labels, titles, legend entries, the literal text of its readout, its
description and its fallback are translated, with the alt text of every static
figure (which Sphinx's own extraction never sees: myst-nb makes the images after the
translation step). They are the messages of one more catalogue, ``figures``:
:func:`messages` finds an explorable's words in its stored spec; :func:`write_pot`
writes ``figures.pot`` beside the pages' ``.pot`` files, so ``make translations``
and the catalogue tests treat it like any page. An explorable's string is replaced
wherever it occurs (:func:`translate`), so a category keeps one name across data,
scales, legends and expressions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bookbuild.sources import VEGALITE_MIME
from bookbuild.sources import messages as catalogue_messages

#: The catalogue of the figures' words (locales/LANGUAGE/LC_MESSAGES/figures.po):
#: every figure's alt text, and an explorable's labels, readout and fallback.
DOMAIN = "figures"
#: Keys whose value is a Vega expression: its quoted string literals are text.
EXPRESSIONS = {"calculate", "expr", "labelExpr", "filter"}
LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'")
FORMAT = re.compile(r"^[.,~+-]?\d*[a-z%]?$")  # '.4f' and the like: not words


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


def catalogue(language: str) -> dict[str, str]:
    """msgid -> msgstr of ``locales/LANGUAGE/LC_MESSAGES/figures.po`` (empty,
    fuzzy and missing entries left out: they show the English)."""
    return catalogue_messages(language, DOMAIN)


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
