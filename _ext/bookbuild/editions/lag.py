"""The translation lag: what each edition still shows in English.

An English change never waits for a translator. When a message of the book is new
or has changed, the other editions show the English sentence until a translator
has translated it (Sphinx applies only translated, non-fuzzy messages; the reader
notebooks do the same, ``bookbuild.editions.source``). This module says what each
edition lacks, catalogue by catalogue, comparing ``locales/LANGUAGE/LC_MESSAGES``
with the messages ``make build`` extracted (``_build/gettext/pot``):

- ``new``: in the book, not yet in the catalogue (``make translations`` merges it);
- ``changed``: its English changed since it was translated (sphinx-intl keeps the old
  translation, marked fuzzy, for the translator to revisit);
- ``untranslated``: in the catalogue with no translation yet;
- ``obsolete``: in the catalogue, no longer in the book (``make translations`` marks
  it obsolete; nothing shows it).

The API and references pages may stay English (``OPTIONAL``), and a message with
no words (only formulas, code, numbers, glued values) needs no translation. A
translation that is *wrong* (a lost glue key, role, formula or link) is not lag: the
tests fail on it (``tests/test_translations.py``).

``make translations`` and the test command print this report; at a release the lag
must be zero (CONTRIBUTING.md):

    python -m bookbuild.editions.lag            # the report
    python -m bookbuild.editions.lag --strict   # ... and exit 1 if anything lags
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bookbuild.sources import LOCALES, ROOT, book_editions, read_catalogue

#: Where ``make build`` (``bookbuild.editions.build``) writes the current messages.
POT = ROOT / "_build" / "gettext" / "pot"
#: Pages whose translation is optional (their catalogues are still merged).
OPTIONAL = {"api", "references"}
STATES = ("new", "changed", "untranslated", "obsolete")

MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S)
CODE = re.compile(r"(?<![}`])`([^`{}]+)`(?!`)")
#: The words of a formula: the translation may change them, and nothing else in it.
TEXT = re.compile(r"\\text\{([^{}]*)\}")


def is_display_math(text: str) -> bool:
    """A display formula (``$$...$$``, ``\\begin{align}``): Sphinx extracts its TeX
    between two line breaks, with no ``$`` (inside a list item, the last line
    break is followed by the item's indentation).

    >>> is_display_math("\\nH = 1\\n"), is_display_math("\\n   H = 1\\n   "), is_display_math("H")
    (True, True, False)
    """
    return len(text) > 2 and text.startswith("\n") and text.rstrip(" \t").endswith("\n")


def has_words(msgid: str) -> bool:
    """Whether a message has anything to translate: letters outside its formulas,
    code spans, glue and citation roles (a table cell "$\\log_2 x$" or "0.7" has
    none: Sphinx shows the English, which is the same in Chinese); a formula's words
    are those of its ``\\text{...}``.

    >>> has_words("{glue:text}`h:.4f` $H$"), has_words("{term}`bit <Bit>`")
    (False, True)
    """
    if is_display_math(msgid):
        return any(re.search(r"[A-Za-z]{2}", t) for t in TEXT.findall(msgid))
    text = re.sub(r"\{(?:glue[\w:]*|cite[\w:]*)\}`[^`]*`", " ", msgid)
    words = " ".join(TEXT.findall(" ".join(MATH.findall(text))))
    text = CODE.sub(" ", MATH.sub(" ", text)) + " " + words
    return re.search(r"[A-Za-z]", text) is not None


def domains(pot: Path = POT) -> list[str]:
    """Every catalogue's domain (``chapters/02_entropy``, ``figures``), from the .pot files."""
    return sorted(str(p.relative_to(pot).with_suffix("")) for p in pot.rglob("*.pot"))


def catalogue_lag(po: Path, pot: Path, required: bool = True) -> list[tuple[str, str]]:
    """(state, msgid) of every message of ``pot`` that ``po`` does not translate, and
    of every message ``po`` holds that the book no longer has."""
    current = [m.id for m in read_catalogue(pot) if m.id]
    if not po.is_file():
        return [("new", i) for i in current]
    held = {m.id: m for m in read_catalogue(po) if m.id}
    lag = []
    for msgid in current:
        m = held.get(msgid)
        if m is None:
            lag.append(("new", msgid))
        elif m.fuzzy:
            lag.append(("changed", msgid))
        elif required and not m.string and has_words(msgid):
            lag.append(("untranslated", msgid))
    lag += [("obsolete", i) for i in held if i not in set(current)]
    return lag


def edition_lag(
    language: str, pot: Path = POT, locales: Path = LOCALES
) -> dict[str, list[tuple[str, str]]]:
    """domain -> its lag (:func:`catalogue_lag`), for every catalogue that lags."""
    found = {}
    for domain in domains(pot):
        po = locales / language / "LC_MESSAGES" / f"{domain}.po"
        lag = catalogue_lag(po, pot / f"{domain}.pot", domain not in OPTIONAL)
        if lag:
            found[domain] = lag
    return found


def behind(language: str, pot: Path = POT, locales: Path = LOCALES) -> set[str]:
    """The messages the edition shows in English for now (new, changed, untranslated)."""
    return {
        msgid
        for lag in edition_lag(language, pot, locales).values()
        for state, msgid in lag
        if state != "obsolete"
    }


def edited_since_extraction(pot: Path = POT, root: Path = ROOT) -> list[str]:
    """The book's sources changed after their messages were extracted into ``pot``
    (the chapters, every page that has a catalogue, ``_config.yml``, ``_toc.yml``):
    a lag computed from ``pot`` says nothing of their latest edits."""
    extracted = min((p.stat().st_mtime for p in pot.rglob("*.pot")), default=0.0)
    pages = [root / f"{domain}{suffix}" for domain in domains(pot) for suffix in (".md", ".ipynb")]
    sources = [*pages, root / "_config.yml", root / "_toc.yml"]
    return sorted(
        str(p.relative_to(root)) for p in sources if p.is_file() and p.stat().st_mtime > extracted
    )


#: How to bring the report up to date (about 5 s: Sphinx's gettext builder alone).
EXTRACT = "python -m bookbuild.editions.build --gettext"


def report(languages: list[str] | None = None, pot: Path = POT, locales: Path = LOCALES) -> str:
    """The lag of every edition but the root one, as text for a translator; it says
    so when the messages it compares were extracted before the latest edits, or
    never (a fresh clone: ``make check`` and ``make build`` extract them)."""
    if not pot.is_dir():
        return f"translation lag: no extracted messages yet (run `{EXTRACT}`, or make check)"
    if languages is None:
        languages = [lang for lang, folder in book_editions().items() if folder]
    lines = []
    stale = edited_since_extraction(pot, locales.parent)
    if stale:
        edited = ", ".join(stale[:3]) + (" ..." if len(stale) > 3 else "")
        lines.append(
            f"translation lag as of the last extraction: {edited} edited since "
            f"(run `{EXTRACT}` for a current report)"
        )
    for language in languages:
        lag = edition_lag(language, pot, locales)
        total = sum(len(v) for v in lag.values())
        if not total:
            lines.append(f"translation lag, {language}: none (every message translated)")
            continue
        obsolete = sum(s == "obsolete" for v in lag.values() for s, _ in v)
        lines.append(
            f"translation lag, {language}: {total - obsolete} messages show English for now, "
            f"{obsolete} obsolete, in {len(lag)} catalogues (run `make translations`, then "
            "translate them):"
        )
        for domain, entries in lag.items():
            counts = ", ".join(
                f"{sum(s == state for s, _ in entries)} {state}"
                for state in STATES
                if any(s == state for s, _ in entries)
            )
            lines.append(f"  {locales.name}/{language}/LC_MESSAGES/{domain}.po: {counts}")
            for state, msgid in entries[:5]:
                lines.append(f"    {state}: {' '.join(msgid.split())[:90]!r}")
            if len(entries) > 5:
                lines.append(f"    ... and {len(entries) - 5} more")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    print(report())
    if "--strict" not in argv:
        return 0
    languages = [lang for lang, folder in book_editions().items() if folder]
    return 1 if not POT.is_dir() or any(edition_lag(lang) for lang in languages) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
