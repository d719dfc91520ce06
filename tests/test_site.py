"""The built website, as a reader gets it (run after `make build`)."""

import json
import re
from html import unescape

import pytest

from bookbuild.sources import glued_values
from helpers.book import (
    EDITIONS,
    HTML,
    NOTEBOOKS,
    chapter_pages,
    figure_cells,
    formatted,
    glue_references,
    load,
    page_for,
    read_built,
    toc_docnames,
)

# The built site: only in the full loop (make test), not in make check.
pytestmark = pytest.mark.full


def test_the_page_lists_agree_on_the_chapters(site):
    """chapters/*.ipynb, the chapters of _toc.yml and the built chapter pages: the same."""
    pages = [page_for(path) for path in NOTEBOOKS]
    assert pages, "no chapter notebook in chapters/"
    assert chapter_pages(site) == pages
    in_toc = [HTML / (name + ".html") for name in toc_docnames() if name.startswith("chapters/")]
    assert sorted(in_toc) == pages


@pytest.mark.parametrize("folder", ["", *EDITIONS.values()], ids=lambda f: f or "en")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_page_shows_its_glued_numbers(path, folder):
    """Every glued number, formatted, in the English page and in each translation
    (where a translated sentence may order its numbers differently)."""
    html = read_built(folder + str(page_for(path).relative_to(HTML)))
    nb = load(path)
    values = glued_values(nb)
    pasted = [unescape(s) for s in re.findall(r'<span class="pasted-text">(.*?)</span>', html)]
    expected = [formatted(values[key], fmt) for key, fmt in glue_references(nb)]
    assert expected, "a chapter pastes its numbers from code"
    if folder:
        pasted, expected = sorted(pasted), sorted(expected)
    assert pasted == expected
    assert all(p.strip() for p in pasted), "a glued number rendered empty"


@pytest.mark.parametrize("folder", EDITIONS.values())
def test_each_edition_has_every_chapter_page(site, folder):
    assert [p.name for p in chapter_pages(site / folder)] == [p.name for p in chapter_pages(site)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_page_shows_its_figures(site, path):
    html = read_built(page_for(path))
    cells = figure_cells(load(path))
    figures = re.findall(
        r'<figure class="align-default" id="(fig-[^"]+)">(.*?)</figure>', html, re.S
    )
    assert [name for name, _ in figures] == [
        c["metadata"]["mystnb"]["figure"]["name"] for c in cells
    ]
    for (name, body), cell in zip(figures, cells, strict=True):
        assert "<figcaption>" in body and "Fig." in body
        alt = cell["metadata"]["mystnb"]["image"]["alt"]
        if 'class="explorable"' in body:  # an interactive figure: tests/test_explorables.py
            spec = re.search(r'class="explorable-spec">(.*?)</script>', body, re.S)
            assert spec and json.loads(spec.group(1))["description"] == alt, name
            continue
        src = re.search(r'<img alt="([^"]+)" src="\.\./(_images/[^"]+\.svg)"', body)
        assert src, f"{name}: no SVG image with alt text"
        assert unescape(src.group(1)) == cell["metadata"]["mystnb"]["image"]["alt"]
        image = site / src.group(2)
        assert image.stat().st_size > 1000 and image.read_text().lstrip().startswith("<?xml")
        assert "<figcaption>" in body and "Fig." in body


def test_no_unrendered_glue_or_roles(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "{glue" not in text, page
        assert "{numref}" not in text and "{cite" not in text, page


def test_math_is_typeset_when_the_book_is_built(site):
    """Every formula is MathJax's SVG in the page (bookbuild.formulas): no TeX to
    typeset in the browser, no MathJax script, no CDN."""
    pages = [p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts]
    typeset = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in html and "tex-chtml.js" not in html, page
        assert "window.MathJax" not in html, page
        math = re.findall(
            r'<(?:span|div) class="math notranslate nohighlight"[^>]*>(.{0,14})', html
        )
        assert all(m.startswith("<mjx-container") for m in math), page
        if math:
            assert 'id="MJX-SVG-global-cache"' in html and 'id="MJX-SVG-styles"' in html
        typeset += len(math)
    assert typeset > 500, typeset
