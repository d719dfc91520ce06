"""Translate MyST source text with the book's gettext catalogues (``locales/``).

The website's Chinese edition is made by Sphinx, which applies each translated
message to the parsed document. The reader notebooks are made from the notebook
JSON (``bookbuild.reader_notebooks``), so their Chinese edition needs the same
messages applied to the Markdown source itself: a message is one paragraph,
heading, list item, table cell, caption or box title, extracted by Sphinx with its
MyST markup verbatim and its line breaks made spaces. So each message is found in
the source as a whole block (from the start of a line, after any heading, list or
quote marker, to the end of a line, its spaces matching any run of white space)
and replaced by its translation. Untranslated or fuzzy messages stay English, as
on the website.
"""

from __future__ import annotations

import re

from bookbuild.editions.lag import is_display_math

# What may precede a block's text on its first line.
MARKER = r"(?:[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+[.)][ \t]+|>[ \t]?))*[ \t]*"
PARENS = re.compile(r"^\s*[(（]|[)）]\s*$")
PROOF = "Proof. "
PROOF_PREFIX = re.compile(r"^\s*(?:\*{0,2}(?:Proof|证明)\s*[.。:：]?\*{0,2})\s*")
DIRECTIVE_TITLE = re.compile(r"^([ \t]*(?:`{3,}|:{3,})\{[\w:-]+\}[ \t]+)(.+?)[ \t]*$", re.M)


def _pattern(msgid: str) -> re.Pattern:
    body = r"\s+".join(re.escape(w) for w in msgid.split())
    return re.compile(rf"(?m)^({MARKER}){body}[ \t]*$")


def translate(text: str, catalog: dict[str, str]) -> str:
    """``text`` (MyST Markdown) with every block that is a message translated."""
    if not catalog:
        return text

    def title(m):  # sphinx-proof extracts a box's title in parentheses
        name = m.group(2)
        new = catalog.get(name) or PARENS.sub("", catalog.get(f"({name})", name))
        return m.group(1) + new

    # sphinx-proof starts a proof's first paragraph with "Proof. "; the reader
    # notebook titles the box itself, so the paragraph is translated without it.
    catalog = {**catalog}
    for msgid, msgstr in list(catalog.items()):
        if msgid.startswith(PROOF):
            catalog.setdefault(msgid[len(PROOF) :], PROOF_PREFIX.sub("", msgstr))

    text = DIRECTIVE_TITLE.sub(title, text)
    text = re.sub(r"(?m)^(\|.*\|)[ \t]*$", lambda m: _row(m.group(1), catalog), text)
    for msgid in sorted(catalog, key=len, reverse=True):
        if is_display_math(msgid):  # a display formula's TeX, as a whole
            body = r"\s+".join(re.escape(w) for w in msgid.split())
            translated = catalog[msgid].strip()
            text = re.sub(body, lambda _, s=translated: s, text)
            continue
        if not msgid.strip() or msgid.strip().startswith(("$$", "\\begin")) or "\n" in msgid:
            continue  # matched by nothing else
        text = _pattern(msgid).sub(
            lambda m, s=catalog[msgid]: m.group(1) + s.replace("\n", " "), text
        )
    return text


def _row(row: str, catalog: dict[str, str]) -> str:
    """A table row with each cell that is a message translated."""
    cells = row.split("|")
    return "|".join(f" {catalog[c.strip()]} " if c.strip() in catalog else c for c in cells)
