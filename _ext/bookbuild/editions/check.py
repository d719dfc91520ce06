"""The translation checker: what a translation must keep of its English.

A translation may change the words, never what the page computes or links: every
glue key and format, role (name and target), formula (but the words of its
``\\text{...}``), code span and link URL of a message must be in its translation,
as many times; a figure's template (infolib.i18n) keeps its ``{}`` fields in order;
a docstring of the API page (reStructuredText) stays untranslated. A message that
is merely *behind* (new, changed, untranslated) is lag, not a problem
(``bookbuild.editions.lag``).

Run by the tests (tests/test_translations.py), by the pre-commit hook, and by hand:

    python -m bookbuild.editions.check                 # every catalogue
    python -m bookbuild.editions.check locales/zh_CN/LC_MESSAGES/intro.po
"""

from __future__ import annotations

import re
import string
import sys
from collections import Counter
from pathlib import Path

from bookbuild.editions.lag import CODE, MATH, TEXT, is_display_math
from bookbuild.sources import LOCALES, ROLE, read_catalogue, split_title

LINK = re.compile(r"\]\(([^)\s]+)\)")


def formula(tex: str) -> str:
    """What a translation must keep of a formula: all of it, but the words of its
    ``\\text{...}`` (spaces normalised)."""
    return re.sub(r"\s+", " ", TEXT.sub(r"\\text{}", tex)).strip()


def tokens(text: str) -> Counter:
    """What a translation must keep of a message: roles (name and target), formulas,
    code spans and link URLs, counted."""
    out: Counter = Counter()
    if is_display_math(text):
        return Counter({("math", formula(text)): 1})
    for role, body in ROLE.findall(text):
        # `{term}`entropy`` and `{term}`熵 <entropy>``: the same target, "entropy".
        target = body if role.startswith("glue") else split_title(body)[1]
        target = target.strip()
        if role == "term":  # Sphinx matches glossary terms case-insensitively
            target = target.lower()
        out[("role", role, target)] += 1
    stripped = ROLE.sub(" ", text)
    for tex in MATH.findall(stripped):
        out[("math", formula(tex))] += 1
    for code in CODE.findall(MATH.sub(" ", stripped)):
        out[("code", code)] += 1
    for url in LINK.findall(text):
        out[("link", url)] += 1
    return out


def mismatch(msgid: str, msgstr: str) -> str | None:
    """What ``msgstr`` lost or added of ``msgid``'s tokens, or None."""
    a, b = tokens(msgid), tokens(msgstr)
    if a == b:
        return None
    return f"{msgid[:70]!r}: missing {dict(a - b)}, extra {dict(b - a)}"


# A reStructuredText role (``:func:`entropy```): only infolib's docstrings, on the API
# page, have them. Sphinx parses a translation with the page's parser (MyST), so a
# translated docstring message loses its roles (a warning: the build fails).
RST_ROLE = re.compile(r"(?<![\w`]):[\w:+-]+:`")


def token_problems(po: Path) -> list[str]:
    problems = []
    for m in read_catalogue(po):
        if not (m.id and m.string):
            continue
        if RST_ROLE.search(m.id):
            problems.append(f"{m.id[:70]!r}: a docstring (reStructuredText): leave it untranslated")
        elif (problem := mismatch(m.id, m.string)) is not None:
            problems.append(problem)
        elif po.name != "figures.po" or "python-brace-format" not in m.flags:
            continue  # not a template of infolib.i18n.tr (what the chapters' code says)
        elif (problem := field_mismatch(m.id, m.string)) is not None:
            problems.append(problem)
    return problems


def fields(template: str) -> list[tuple[str, str]]:
    """The replacement fields of a str.format template, in order: (name, spec)."""
    return [(f, spec) for _, f, spec, _ in string.Formatter().parse(template) if f is not None]


def field_mismatch(english: str, translated: str) -> str | None:
    """A figure's or printed line's template (infolib.i18n) and its translation
    must format the same values the same way, in the same order: the numbers of
    both editions are the same."""
    if not re.search(r"\{[^{}]*\}", english):
        return None
    try:
        same = fields(english) == fields(translated)
    except ValueError as error:
        return f"{english[:70]!r}: the translation is not a template ({error})"
    return None if same else f"{english[:70]!r}: its {{}} fields changed in the translation"


def catalogues(locales: Path = LOCALES) -> list[Path]:
    """Every catalogue of every edition."""
    return sorted(locales.glob("*/LC_MESSAGES/**/*.po"))


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or catalogues()
    found = 0
    for po in paths:
        for problem in token_problems(po):
            print(f"{po}: {problem}")
            found += 1
    print(f"{found} problems in {len(paths)} catalogues")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
