"""The translations (locales/LANG/LC_MESSAGES/*.po): blocking where wrong, reported
where behind.

A translation keeps what the build and the reader rely on: each role's name and
target (the link text may be translated: ``{term}`熵 <entropy>``` for
``{term}`entropy```), each glue key and format, each formula, code span and link
URL, as many times as the English has them (a term's target in any case, as
Sphinx matches it). A translation that breaks one of them fails here.

A message that is new or changed in English is not a failure: the other edition
shows the English sentence until it is translated, and the lag is reported
(``bookbuild.editions.lag``: printed at the end of the test run and by
``make translations``). The tests here check that report on catalogues made for
the purpose; at a release the lag must be zero (CONTRIBUTING.md).
"""

from __future__ import annotations

import os

import pytest

from bookbuild.editions.check import catalogues, field_mismatch, mismatch, token_problems
from bookbuild.editions.headers import PLACEHOLDERS, fix_header
from bookbuild.editions.lag import (
    catalogue_lag,
    domains,
    edited_since_extraction,
    edition_lag,
    has_words,
    report,
)
from bookbuild.editions.source import translate
from bookbuild.sources import LOCALES, read_catalogue
from helpers.book import EDITIONS, POT

#: Every catalogue of every edition.
CATALOGUES = catalogues()


@pytest.mark.full
def test_the_messages_were_extracted():
    assert POT.is_dir(), "no _build/gettext/pot: run `make build` first (make test does)"
    assert "intro" in domains(POT) and any(d.startswith("chapters/") for d in domains(POT))


@pytest.mark.full
@pytest.mark.parametrize("language", EDITIONS)
def test_every_catalogue_reads(language):
    """Each edition has a catalogue for every page, and each one parses (a broken .po
    would silently show the whole page in English)."""
    for domain in domains(POT):
        po = LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
        assert po.is_file(), f"{po}: missing: run `make translations`"
        read_catalogue(po)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALES)))
def test_translations_keep_roles_glue_formulas_code_and_links(po):
    """Blocking: a translation that loses or changes a glue key, a role, a formula, a
    code span or a link (needs no build: the catalogues alone)."""
    problems = token_problems(po)
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


@pytest.mark.parametrize(
    "translated, ok",
    [
        ("$Q(\\text{真实类别}) = 0.7$", True),
        ("$Q(\\text{真实类别})  =  0.7$", True),  # spacing is not TeX
        ("$q(\\text{真实类别}) = 0.7$", False),  # a symbol changed
        ("$Q(\\text{真实类别}) = 0.8$", False),  # a number changed
        ("$Q(真实类别) = 0.7$", False),  # the word left \text{}: italic, spaced as maths
        ("$Q(\\text{真实}\\text{类别}) = 0.7$", False),
    ],
)
def test_a_formulas_words_may_be_translated_and_nothing_else(translated, ok):
    english = "$Q(\\text{true class}) = 0.7$"
    assert (mismatch(english, translated) is None) == ok
    display = "\n" + english.strip("$") + "\n"
    assert (mismatch(display, "\n" + translated.strip("$") + "\n") is None) == ok


def test_a_formula_with_words_needs_a_translation():
    assert has_words("\nL = \\underbrace{H}_{\\text{fixed}}\n")
    assert not has_words("\nL = \\underbrace{H}_{\\text{}}\n")
    assert has_words("so $q(\\text{explodes})$")


def test_a_display_formula_must_stay_as_it_is():
    formula = "\nH(X) = -\\sum_i p_i \\log p_i,\n"
    assert mismatch(formula, "\nH(X) = -\\sum_i  p_i \\log p_i,\n") is None
    assert "math" in mismatch(formula, "\nH(X) = -\\sum_i p_i \\ln p_i,\n")


# ------------------------------------------------------------------- the lag report

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
    "entry, state",
    [
        ('msgid "Bits"\nmsgstr ""', "untranslated"),
        ('#, fuzzy\nmsgid "Bits"\nmsgstr "比特"', "changed"),
        ("", "new"),
    ],
)
def test_a_catalogue_behind_the_english_is_reported_not_failed(tmp_path, entry, state):
    """A new, changed or untranslated message is lag: the report names it and its state."""
    pot = tmp_path / "pot"
    (pot / "chapters").mkdir(parents=True)
    (pot / "chapters" / "page.pot").write_text(
        PO.format(entry='msgid "Bits"\nmsgstr ""'), encoding="utf-8"
    )
    po = tmp_path / "locales" / "xx" / "LC_MESSAGES" / "chapters" / "page.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO.format(entry=entry), encoding="utf-8")
    assert catalogue_lag(po, pot / "chapters" / "page.pot") == [(state, "Bits")]
    assert edition_lag("xx", pot, tmp_path / "locales") == {"chapters/page": [(state, "Bits")]}
    text = report(["xx"], pot, tmp_path / "locales")
    assert f"1 {state}" in text and "'Bits'" in text and "chapters/page.po" in text


def test_obsolete_messages_and_optional_pages(tmp_path):
    pot = tmp_path / "page.pot"
    pot.write_text(PO.format(entry='msgid "Bits"\nmsgstr ""'), encoding="utf-8")
    po = tmp_path / "page.po"
    po.write_text(PO.format(entry='msgid "Nats"\nmsgstr "奈特"'), encoding="utf-8")
    assert ("obsolete", "Nats") in catalogue_lag(po, pot)
    po.write_text(PO.format(entry='msgid "Bits"\nmsgstr ""'), encoding="utf-8")
    assert catalogue_lag(po, pot, required=False) == []  # the API page may stay English


def test_a_current_catalogue_has_no_lag(tmp_path):
    (tmp_path / "pot").mkdir()
    (tmp_path / "pot" / "page.pot").write_text(
        PO.format(entry='msgid "Bits"\nmsgstr ""'), encoding="utf-8"
    )
    po = tmp_path / "locales" / "xx" / "LC_MESSAGES" / "page.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO.format(entry='msgid "Bits"\nmsgstr "比特"'), encoding="utf-8")
    assert edition_lag("xx", tmp_path / "pot", tmp_path / "locales") == {}
    assert "none" in report(["xx"], tmp_path / "pot", tmp_path / "locales")


def test_a_report_read_before_an_edit_says_it_is_stale(tmp_path):
    """A page edited after its messages were extracted: the report says its lag is
    as of the extraction, and how to get a current one; with nothing extracted
    (a fresh clone), it says how to extract."""
    pot, locales = tmp_path / "pot", tmp_path / "locales"
    (pot / "chapters").mkdir(parents=True)
    extracted = pot / "chapters" / "page.pot"
    extracted.write_text(PO.format(entry=""), encoding="utf-8")
    page = tmp_path / "chapters" / "page.ipynb"
    page.parent.mkdir()
    page.write_text("{}", encoding="utf-8")
    os.utime(extracted, (1_000_000_000, 1_000_000_000))  # extracted long before the edit
    assert edited_since_extraction(pot, tmp_path) == ["chapters/page.ipynb"]
    text = report(["xx"], pot, locales)
    assert "chapters/page.ipynb edited since" in text and "--gettext" in text
    os.utime(extracted)  # extracted now: current
    assert edited_since_extraction(pot, tmp_path) == []
    assert "edited since" not in report(["xx"], pot, locales)
    assert "--gettext" in report(["xx"], tmp_path / "nothing", locales)


# ------------------------------------------------------------------ the headers


@pytest.mark.parametrize("language", EDITIONS)
def test_every_catalogue_says_what_it_is(language, tmp_path):
    """No gettext placeholder in a catalogue's header: each is the book's header
    (title, licence, team) as `make translations` writes it."""
    messages = LOCALES / language / "LC_MESSAGES"
    for po in sorted(messages.rglob("*.po")):
        head = po.read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert not [p for p in PLACEHOLDERS if p in head], f"{po}: run `make translations`"
        copy = tmp_path / po.name
        copy.write_bytes(po.read_bytes())
        domain = str(po.relative_to(messages).with_suffix(""))
        assert not fix_header(copy, language, domain), f"{po}: run `make translations`"


def test_a_header_is_rewritten_and_the_messages_kept(tmp_path):
    po = tmp_path / "page.po"
    messages = 'msgid "Bits"\nmsgstr "比特"\n'
    po.write_text(
        "# SOME DESCRIPTIVE TITLE.\n# FIRST AUTHOR <EMAIL@ADDRESS>, 2026.\n#\n#, fuzzy\n"
        'msgid ""\nmsgstr ""\n"POT-Creation-Date: 2026-12-01 16:17+0000\\n"\n'
        '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n\n' + messages,
        encoding="utf-8",
    )
    assert fix_header(po, "zh_CN", "chapters/02_entropy")
    text = po.read_text(encoding="utf-8")
    assert text.endswith("\n\n" + messages) and "chapters/02_entropy" in text
    assert not [p for p in PLACEHOLDERS if p in text]
    assert '"PO-Revision-Date: 2026-12-01 16:17+0000\\n"' in text
    assert not fix_header(po, "zh_CN", "chapters/02_entropy")  # nothing left to do
    assert {m.id: m.string for m in read_catalogue(po) if m.id} == {"Bits": "比特"}


def test_an_untranslated_message_stays_english_in_the_reader_notebooks():
    """The reader notebooks, like Sphinx, apply only translated messages: a sentence
    the catalogue lacks (lag) is left in English, the translated one replaced."""
    text = "# Entropy\n\nA sentence not translated yet.\n\nBits and nats.\n"
    catalog = {"Entropy": "熵", "Bits and nats.": "比特与奈特。"}
    assert translate(text, catalog) == "# 熵\n\nA sentence not translated yet.\n\n比特与奈特。\n"


@pytest.mark.parametrize(
    "translated, ok",
    [
        ("{}：{:.4f} 奈特", True),
        ("{:.4f} 奈特：{}", False),  # the values swapped
        ("{}：{:.2f} 奈特", False),  # another precision: other numbers
        ("{}：奈特", False),  # a value lost
    ],
)
def test_a_templates_fields_must_survive_its_translation(translated, ok):
    assert (field_mismatch("{}: {:.4f} nats", translated) is None) == ok
