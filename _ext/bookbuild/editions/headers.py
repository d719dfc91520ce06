"""The catalogues' headers: what each file is, its licence and its team.

gettext tools write placeholders into a new catalogue's header ("SOME DESCRIPTIVE
TITLE", "FIRST AUTHOR <EMAIL@ADDRESS>", "YEAR-MO-DA"). :func:`fix_headers` replaces
every catalogue's header comment and fields by the book's own, and leaves its
messages byte for byte as they are; ``make translations`` runs it after merging,
so a new page's catalogue gets the same header. Running it twice changes nothing.

    python -m bookbuild.editions.headers    # every catalogue under locales/
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from bookbuild.sources import LOCALES

TITLE = "Surprise, Entropy and the Cross-Entropy Loss"
PLACEHOLDERS = ("SOME DESCRIPTIVE TITLE", "FIRST AUTHOR", "EMAIL@ADDRESS", "YEAR-MO-DA")
#: The header entry: everything before the first message after ``msgid ""``.
HEADER = re.compile(r'\A(?:#[^\n]*\n)*msgid ""\nmsgstr ""\n(?:"[^\n]*"\n)*')
#: What each catalogue holds, by domain (a page's catalogue otherwise).
WHAT = {
    "figures": "the figures' words (alt text, explorables)",
    "descriptions": "the pages' descriptions and the footer",
    "pdf": "the PDF's own words (title page, chapter heads, download link)",
}


def _language_name(language: str) -> str:
    from babel import Locale

    return Locale.parse(language).english_name


def comment(language: str, domain: str) -> str:
    """The header comment of the catalogue ``domain`` of ``language``."""
    name = _language_name(language)
    return "\n".join(
        [
            f"# {name} translation of the book",
            f'# "{TITLE}":',
            f"# {WHAT.get(domain, f'the page {domain}')}.",
            "# Copyright (C) 2026 The infolib authors",
            "# This file is distributed under the licence of the book's text,",
            "# CC BY-SA 4.0 (LICENSE-TEXT in the repository).",
            f"# Translators: the book's {name} edition;",
            '# see CONTRIBUTING.md, "Translations".',
            "#",
        ]
    )


def fix_header(po: Path, language: str, domain: str) -> bool:
    """Give ``po`` the book's header; True if the file changed. The header is
    written by Babel, as sphinx-intl writes it (so ``make translations`` keeps it
    as it is); the messages below it are left byte for byte."""
    from babel.messages.pofile import read_po, write_po

    text = po.read_text(encoding="utf-8")
    match = HEADER.match(text)
    if match is None:
        raise ValueError(f"{po}: no gettext header entry at the top")
    catalog = read_po(io.StringIO(match.group(0)), locale=language)
    team = f"The book's {_language_name(language)} edition"
    catalog.header_comment = comment(language, domain)
    catalog.fuzzy = False
    catalog.last_translator = team
    catalog.language_team = team
    catalog.msgid_bugs_address = "the book's issue tracker (CONTRIBUTING.md)"
    if isinstance(catalog.revision_date, str):  # gettext's placeholder, YEAR-MO-DA
        catalog.revision_date = catalog.creation_date
    out = io.BytesIO()
    write_po(out, catalog, width=76)
    new = out.getvalue().decode("utf-8").rstrip("\n") + "\n" + text[match.end() :]
    if new != text:
        po.write_text(new, encoding="utf-8")
    return new != text


def fix_headers(locales: Path = LOCALES) -> list[Path]:
    """Every catalogue under ``locales`` with the book's header; the ones changed."""
    changed = []
    for po in sorted(locales.glob("*/LC_MESSAGES/**/*.po")):
        language = po.relative_to(locales).parts[0]
        domain = str(po.relative_to(locales / language / "LC_MESSAGES").with_suffix(""))
        if fix_header(po, language, domain):
            changed.append(po)
    return changed


if __name__ == "__main__":
    for path in fix_headers():
        print(f"header rewritten: {path}")
    sys.exit(0)
