"""The PDFs, read back as a reader gets them (after `make pdf`, which runs this file).

Text by poppler's ``pdftotext`` (what a reader copies or searches), structure by
pypdf (links, outline, fonts). Every edition's PDF: each chapter there, in order,
in the outline too; every numbered box of each chapter with its number as on the
website; every glued number in its chapter (in order in English; a translated
sentence may order them otherwise); no unresolved reference ("??") and no raw
MyST or TeX; every font embedded; every internal link lands on a destination; the
page count and size within the budget.

Skipped when the PDFs are not built, or are older than the book's sources (``make
test`` and ``make check`` do not build them, and a PDF made before an edit would
fail for the edit; CI runs ``make pdf`` first, so there they are checked twice
over). The last test, that the
site links and carries them, needs the site (``full``: ``make test``, not
``make pdf``, which may run before any site is built, as CI does).
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from bookbuild.pdf import CHAPTER, DOMAIN, LABELS
from bookbuild.pdf.site import pdf_name
from bookbuild.sources import ROOT, glued_values, messages
from helpers.book import (
    EDITIONS,
    figure_cells,
    formatted,
    glue_references,
    load,
    source,
    toc_docnames,
)

LANGUAGES = ["en", *EDITIONS]
#: The budget, per document of _toc.yml (so a new chapter brings its share):
#: now 10 documents, about 100 pages and 1.2 MB (Chinese 1.5 MB).
PAGES_PER_DOCUMENT = 16
BYTES_PER_DOCUMENT = 250_000
#: MyST or TeX that a page should have rendered.
RAW = re.compile(
    r"\{(?:glue|prf:|numref|doc|term|ref|cite|eq|math|exercise|solution)[^}]*\}`"
    r"|^:::|^```|\$\$|\\(?:frac|mathrm|KL|nats|bits|begin|end|label|ref)\b",
    re.M,
)


#: What a PDF is made from besides its pages: a PDF older than any is out of date.
SETTINGS = ["locales/*/LC_MESSAGES/**/*.po", "_config.yml", "_toc.yml", "references.bib"]


def _sources() -> list[Path]:
    """The book's pages (each document of the toc) and its settings."""
    pages = [
        page
        for name in toc_docnames()
        for page in (ROOT / (name + ".ipynb"), ROOT / (name + ".md"))
        if page.exists()
    ]
    return pages + [p for pattern in SETTINGS for p in ROOT.glob(pattern)]


def _pdf(language: str) -> Path:
    path = ROOT / "_build" / pdf_name(language)
    if not path.is_file():
        pytest.skip(f"{path.name} not built (make pdf)")
    built = path.stat().st_mtime
    newer = [p for p in _sources() if p.stat().st_mtime > built]
    if newer:
        pytest.skip(f"{path.name} is older than {newer[0].relative_to(ROOT)} (make pdf)")
    return path


@cache
def _text(language: str) -> str:
    pdf = _pdf(language)  # skips when the PDF is not built (no make pdf yet)
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: make pdf installs poppler-utils")
    run = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


@cache
def _reader(language: str):
    from pypdf import PdfReader

    return PdfReader(_pdf(language))


def _squeezed(text: str) -> str:
    """Text without white space or soft hyphens (line breaks fall anywhere)."""
    return re.sub(r"[\s\u00ad]+", "", text)


def _chapters() -> list[Path]:
    return [ROOT / (name + ".ipynb") for name in toc_docnames() if name.startswith("chapters/")]


def _title(nb: dict) -> str:
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            match = re.search(r"^# (.+)$", source(cell), re.M)
            if match:
                return match.group(1).strip()
    raise AssertionError("a chapter without a title")


def _translated(language: str, docname: str, text: str) -> str:
    if language == "en":
        return text
    return messages(language, docname).get(text, text)


def _label(language: str, kind: str) -> str:
    """A numbered box's label as the edition prints it (sphinx-proof's and
    sphinx-exercise's own catalogues, the book's ``pdf`` catalogue for the rest)."""
    word = kind.title()
    if language == "en":
        return word
    if word in LABELS:
        return messages(language, DOMAIN).get(word, word)
    package = "sphinx_exercise" if kind == "exercise" else "sphinx_proof"
    locales = Path(__import__(package).__file__).parent / "translations" / "locales"
    domain = "exercise" if kind == "exercise" else "proof"
    return gettext.translation(domain, locales, [language], fallback=True).gettext(word)


def _boxes(nb: dict) -> list[str]:
    """The kinds of the chapter's numbered boxes, in order (``definition`` ...)."""
    kinds = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            kinds += re.findall(r"^[:`]{3,}\{(prf:\w+|exercise)\}", source(cell), re.M)
    return [k.removeprefix("prf:") for k in kinds if k != "prf:proof"]


@cache
def _outline(language: str) -> list[tuple[str, int, int]]:
    """The PDF's outline (bookmarks), flattened: (title, page index, depth)."""
    reader = _reader(language)
    entries = []

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((item.title, reader.get_destination_page_number(item), depth))

    walk(reader.outline)
    return entries


def _chapter_titles(language: str) -> list[str]:
    return [_translated(language, "chapters/" + p.stem, _title(load(p))) for p in _chapters()]


def _chapter_slices(language: str) -> list[str]:
    """The text of each chapter: its pages, from its bookmark to the next one's
    (the last one to the first appendix)."""
    pages = _text(language).split("\f")
    outline = _outline(language)
    titles = _chapter_titles(language)
    level = min(depth for t, _, depth in outline if t in titles)  # the chapters' level
    chapters = [(i, p, d) for i, (t, p, d) in enumerate(outline) if t in titles and d == level]
    assert len(chapters) == len(titles), f"{language}: chapters in the outline: {outline}"
    last = chapters[-1][0]
    after = [page for _, page, depth in outline[last + 1 :] if depth == level]
    starts = [page for _, page, _ in chapters]
    ends = [*starts[1:], min(after, default=len(pages))]
    return ["\n".join(pages[a : max(b, a + 1)]) for a, b in zip(starts, ends, strict=True)]


def _chapters_and_texts(language: str):
    return zip(_chapters(), _chapter_slices(language), strict=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_is_in_the_text_and_the_outline(language):
    """Each chapter's bookmark, in order, opening a page that starts with its
    number, in the edition's words ("Chapter 2", "第 2 章"), and its title."""
    titles = _chapter_titles(language)
    head = messages(language, DOMAIN).get(CHAPTER, CHAPTER) if language != "en" else CHAPTER
    outline = _outline(language)
    level = min(depth for t, _, depth in outline if t in titles)
    assert [t for t, _, d in outline if t in titles and d == level] == titles
    for number, (title, text) in enumerate(zip(titles, _chapter_slices(language), strict=True), 1):
        opening = _squeezed(text[:400])
        assert _squeezed(head.format(number) + title) in opening, f"{language}: {title!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_numbered_box_is_there_numbered_as_on_the_site(language):
    """Definition 2.1, Theorem 2.1, Exercise 2.1 ...: each kind numbered from 1 in
    its chapter, as the website numbers them."""
    for number, (path, text) in enumerate(
        zip(_chapters(), _chapter_slices(language), strict=True), 1
    ):
        counts: dict[str, int] = {}
        for kind in _boxes(load(path)):
            counts[kind] = counts.get(kind, 0) + 1
            label = f"{_label(language, kind)} {number}.{counts[kind]}"
            assert label in text, f"{language}: {path.stem}: no {label!r}"
        assert counts, f"{path.stem}: a chapter without a numbered box"


def _figure_label(language: str) -> str:
    """Sphinx's own word for a figure ("Fig. %s"; Chinese "图 %s")."""
    import sphinx

    locales = Path(sphinx.__file__).parent / "locale"
    return gettext.translation("sphinx", locales, [language], fallback=True).gettext("Fig. %s")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_figure_is_there_numbered_as_on_the_site(language):
    """Fig. 2.1, Fig. 2.2 ...: the chapter's figures, numbered in it."""
    label = _figure_label(language)
    for number, (path, text) in enumerate(
        zip(_chapters(), _chapter_slices(language), strict=True), 1
    ):
        flat = _squeezed(text)
        for k in range(1, len(figure_cells(load(path))) + 1):
            assert _squeezed(label % f"{number}.{k}") in flat, f"{path.stem}: {label % k}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glued_number_is_in_its_chapter(language):
    for path, text in zip(_chapters(), _chapter_slices(language), strict=True):
        nb = load(path)
        values = glued_values(nb)
        expected = [_squeezed(formatted(values[k], fmt)) for k, fmt in glue_references(nb)]
        assert expected
        flat = _squeezed(text)
        if language == "en":  # in order
            at = 0
            for value in expected:
                found = flat.find(value, at)
                assert found >= 0, f"{path.stem}: {value!r} missing or out of order"
                at = found + len(value)
        else:
            for value in set(expected):
                assert flat.count(value) >= expected.count(value), f"{path.stem}: {value!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_unresolved_reference_or_raw_syntax(language):
    text = _text(language)
    assert "??" not in text
    raw = RAW.findall(text)
    assert not raw, f"{language}: raw MyST or TeX: {raw[:5]}"


def test_the_raw_syntax_check_finds_raw_syntax():
    planted = "the {glue:text}`h:.4f` nats\n:::{prf:definition}\n\\KL(p \\| q)"
    assert len(RAW.findall(planted)) == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_is_embedded(language):
    missing, seen = [], set()
    for page in _reader(language).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            if name in seen:
                continue
            seen.add(name)
            described = font
            if "/DescendantFonts" in font:  # a CID font: its glyphs are its descendant's
                described = font["/DescendantFonts"][0].get_object()
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(name)
    assert seen and not missing, f"{language}: not embedded: {missing}"
    if language != "en":
        assert any("CJK" in name for name in seen), "no Chinese typeface"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_internal_link_resolves(language):
    reader = _reader(language)
    named = set(reader.named_destinations)
    pages = {page.indirect_reference.idnum for page in reader.pages}
    links = broken = 0
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else {}
            if action.get("/S") == "/URI":
                continue
            dest = annot.get("/Dest", action.get("/D"))
            links += 1
            if isinstance(dest, str) or hasattr(dest, "original_bytes"):
                broken += str(dest) not in named
            elif dest is not None:
                broken += dest[0].idnum not in pages
            else:
                broken += 1
    assert links > 100, f"{language}: only {links} internal links"
    assert broken == 0, f"{language}: {broken} of {links} internal links lead nowhere"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_and_size_within_the_budget(language):
    documents = len(toc_docnames())
    pages = len(_reader(language).pages)
    size = _pdf(language).stat().st_size
    assert 4 * documents <= pages <= PAGES_PER_DOCUMENT * documents, pages
    assert size <= BYTES_PER_DOCUMENT * documents, f"{size / 1e6:.2f} MB"
    assert _reader(language).pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_offers_the_pdf(site, language):
    """When the PDF was built before the site, every page's download menu links it
    and the site carries it (bookbuild.pdf.site)."""
    pdf = _pdf(language)
    folder = site / ({"en": ""} | EDITIONS)[language]
    for page in [folder / "intro.html", *sorted((folder / "chapters").glob("*.html"))]:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+\.pdf)"[^>]*\s+class="[^"]*download-pdf-button', html)
        assert len(links) == 1, f"{page.relative_to(site)}: {links}"
        assert (page.parent / links[0]).resolve().read_bytes() == pdf.read_bytes()
