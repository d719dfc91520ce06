"""The translations (locales/LANG/LC_MESSAGES/*.po) cannot drift from the English text.

`make build` extracts the book's current messages (one .pot per page, into
_build/gettext/pot: bookbuild.editions.build). Every catalogue must hold exactly those
messages, none fuzzy, every one translated (the API and references pages may stay
English: their messages must be current, their translations are optional; so may
a message with no words, only formulas, code, numbers or glued values). So
changed English text fails here until `make translations` has merged it and a
translator has revisited the message (sphinx-intl marks a changed one fuzzy).

A translation keeps what the build and the reader rely on: each role's name and
target (the link text may be translated: ``{term}`熵 <entropy>``` for
``{term}`entropy```), each glue key and format, each formula, code span and link
URL, as many times as the English has them (a term's target in any case, as
Sphinx matches it).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bookbuild.sources import LOCALES
from helpers.book import EDITIONS, POT

# Pages that may stay English (their catalogues must still be current).
OPTIONAL = {"api", "references"}

ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
TITLED = re.compile(r"<([^<>]+)>\s*$")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S)
CODE = re.compile(r"(?<![}`])`([^`{}]+)`(?!`)")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def tokens(text: str) -> Counter:
    """What a translation must keep of a message: roles (name and target), formulas,
    code spans and link URLs, counted."""
    out: Counter = Counter()
    if is_display_math(text):
        return Counter({("math", " ".join(text.split())): 1})
    for role, body in ROLE.findall(text):
        titled = TITLED.search(body) if not role.startswith("glue") else None
        # `{term}`entropy`` and `{term}`熵 <entropy>``: the same target, "entropy".
        target = titled.group(1) if titled else body.strip()
        if role == "term":  # Sphinx matches glossary terms case-insensitively
            target = target.lower()
        out[("role", role, target)] += 1
    stripped = ROLE.sub(" ", text)
    for formula in MATH.findall(stripped):
        out[("math", re.sub(r"\s+", " ", formula))] += 1
    for code in CODE.findall(MATH.sub(" ", stripped)):
        out[("code", code)] += 1
    for url in LINK.findall(text):
        out[("link", url)] += 1
    return out


def is_display_math(text: str) -> bool:
    """A display formula (``$$...$$``, ``\\begin{align}``): Sphinx extracts its TeX
    between two line breaks, with no ``$``."""
    return len(text) > 2 and text.startswith("\n") and text.endswith("\n")


def has_words(msgid: str) -> bool:
    """Whether a message has anything to translate: letters outside its formulas,
    code spans, glue and citation roles (a table cell "$\\log_2 x$" or "0.7" has
    none: Sphinx shows the English, which is the same in Chinese)."""
    if is_display_math(msgid):
        return False
    text = re.sub(r"\{(?:glue[\w:]*|cite[\w:]*)\}`[^`]*`", " ", msgid)
    text = CODE.sub(" ", MATH.sub(" ", text))
    return re.search(r"[A-Za-z]", text) is not None


def mismatch(msgid: str, msgstr: str) -> str | None:
    """What ``msgstr`` lost or added of ``msgid``'s tokens, or None."""
    a, b = tokens(msgid), tokens(msgstr)
    if a == b:
        return None
    return f"{msgid[:70]!r}: missing {dict(a - b)}, extra {dict(b - a)}"


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def domains() -> list[str]:
    """Every page's message domain (``chapters/02_entropy``), from the .pot files."""
    return sorted(str(p.relative_to(POT).with_suffix("")) for p in POT.rglob("*.pot"))


def catalogue_problems(po: Path, pot: Path, required: bool) -> list[str]:
    """Why the catalogue ``po`` is not up to date with ``pot`` (empty if it is)."""
    if not po.is_file():
        return [f"{po}: missing: run `make translations`"]
    catalogue = read(po)
    current = {m.id for m in read(pot) if m.id}
    held = {m.id for m in catalogue if m.id}
    problems = [f"not in the catalogue: {i[:70]!r}" for i in sorted(current - held)]
    problems += [f"no longer in the book: {i[:70]!r}" for i in sorted(held - current)]
    for m in catalogue:
        if not m.id:
            continue
        if m.fuzzy:
            problems.append(f"fuzzy: {m.id[:70]!r}")
        elif required and not m.string and has_words(m.id):
            problems.append(f"untranslated: {m.id[:70]!r}")
    return problems


# A reStructuredText role (``:func:`entropy```): only infolib's docstrings, on the API
# page, have them. Sphinx parses a translation with the page's parser (MyST), so a
# translated docstring message loses its roles (a warning: the build fails).
RST_ROLE = re.compile(r"(?<![\w`]):[\w:+-]+:`")


def token_problems(po: Path) -> list[str]:
    problems = []
    for m in read(po):
        if not (m.id and m.string):
            continue
        if RST_ROLE.search(m.id):
            problems.append(f"{m.id[:70]!r}: a docstring (reStructuredText): leave it untranslated")
        elif (problem := mismatch(m.id, m.string)) is not None:
            problems.append(problem)
    return problems


CATALOGUES = [(lang, d) for lang in EDITIONS for d in domains()]


def test_the_messages_were_extracted():
    assert POT.is_dir(), "no _build/gettext/pot: run `make build` first (make test does)"
    assert "intro" in domains() and any(d.startswith("chapters/") for d in domains())


@pytest.mark.parametrize("language, domain", CATALOGUES, ids=lambda v: v)
def test_catalogue_is_current_and_translated(language, domain):
    po = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
    problems = catalogue_problems(po, POT / f"{domain}.pot", domain not in OPTIONAL)
    assert not problems, f"{po.relative_to(LOCALES)} ({len(problems)}):\n" + "\n".join(
        problems[:20]
    )


@pytest.mark.parametrize("language, domain", CATALOGUES, ids=lambda v: v)
def test_translations_keep_roles_glue_formulas_code_and_links(language, domain):
    po = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
    problems = token_problems(po) if po.is_file() else []
    assert not problems, f"{po.relative_to(LOCALES)}:\n" + "\n".join(problems)


# ------------------------------------------------------------- the checks can fail

ENGLISH = (
    "The source article gives {glue:text}`h_article:.3f` for the {term}`entropy`, "
    "{doc}`Chapter 1 <01_information_content>` and $H(p) = -\\sum p \\log p$, "
    "see `infolib.entropy` and [Shannon](https://example.org/s)."
)


def test_a_faithful_translation_passes():
    chinese = (
        "原文给出的{term}`熵 <Entropy>`为 {glue:text}`h_article:.3f`，"
        "见{doc}`第 1 章 <01_information_content>`、$H(p) = -\\sum p   \\log p$、"
        "`infolib.entropy` 和 [香农](https://example.org/s)。"
    )
    assert mismatch(ENGLISH, chinese) is None


@pytest.mark.parametrize(
    "broken, lost",
    [
        (ENGLISH.replace("{glue:text}`h_article:.3f`", "0.804"), "glue:text"),
        (ENGLISH.replace("h_article:.3f", "h_article:.4f"), "h_article:.4f"),
        (ENGLISH.replace("{term}`entropy`", "{term}`熵 <Entropy2>`"), "entropy"),
        (ENGLISH.replace("{term}`entropy`", "熵"), "term"),
        (ENGLISH.replace("{doc}`Chapter 1", "{ref}`Chapter 1"), "doc"),
        (ENGLISH.replace("\\log p$", "\\ln p$"), "math"),
        (ENGLISH.replace("`infolib.entropy`", "infolib.entropy"), "code"),
        (ENGLISH.replace("https://example.org/s", "https://example.org/t"), "link"),
    ],
)
def test_a_lost_or_changed_token_is_found(broken, lost):
    problem = mismatch(ENGLISH, broken)
    assert problem is not None and lost in problem


def test_a_display_formula_must_stay_as_it_is():
    formula = "\nH(X) = -\\sum_i p_i \\log p_i,\n"
    assert mismatch(formula, "\nH(X) = -\\sum_i  p_i \\log p_i,\n") is None
    assert "math" in mismatch(formula, "\nH(X) = -\\sum_i p_i \\ln p_i,\n")


PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Entropy"
msgstr "熵"

{entry}
"""


def test_a_translated_docstring_is_found(tmp_path):
    po = tmp_path / "api.po"
    entry = 'msgid "See :func:`entropy`."\nmsgstr "见 :func:`entropy`。"'
    po.write_text(PO.format(entry=entry), encoding="utf-8")
    (problem,) = token_problems(po)
    assert "leave it untranslated" in problem


def test_a_message_without_words_needs_no_translation():
    assert not has_words("$\\log_2 x$") and not has_words("`base=2`") and not has_words("0.7")
    assert not has_words("{glue:text}`h_computer:.4f`, $H$ {cite:p}`shannon1948`")
    assert not has_words("\nH(X) = -\\sum_i p_i \\log p_i\n")
    assert has_words("{term}`bit <Bit>`") and has_words("A") and has_words("$H$ is the entropy")


@pytest.mark.parametrize(
    "entry, problem",
    [
        ('msgid "Bits"\nmsgstr ""', "untranslated: 'Bits'"),
        ('#, fuzzy\nmsgid "Bits"\nmsgstr "比特"', "fuzzy: 'Bits'"),
        ('msgid "Nats"\nmsgstr "奈特"', "no longer in the book: 'Nats'"),
        ("", "not in the catalogue: 'Bits'"),
    ],
)
def test_a_stale_catalogue_is_found(tmp_path, entry, problem):
    pot = tmp_path / "page.pot"
    pot.write_text(PO.format(entry='msgid "Bits"\nmsgstr ""'), encoding="utf-8")
    po = tmp_path / "page.po"
    po.write_text(PO.format(entry=entry), encoding="utf-8")
    assert problem in catalogue_problems(po, pot, required=True)
    if problem.startswith("untranslated"):
        assert catalogue_problems(po, pot, required=False) == []  # an optional page
