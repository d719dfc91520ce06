"""The reference pages of the built book: glossary, bibliography, API, notation, landing
page; and the chapters' links into them (run after `make build`)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from html import unescape

import pytest
from pybtex.database import parse_file

import infolib
from helpers.book import NOTEBOOKS, ROOT, page_for, read_built

# The built site: only in the full loop (make test), not in make check.
pytestmark = pytest.mark.full

# The terms the issue names, with their names in the source article.
ARTICLE_TERMS = {
    "Information content": ["信息量"],
    "Entropy": ["熵"],
    "KL divergence": ["相对熵", "KL 散度"],
    "Cross-entropy": ["交叉熵"],
}


def glossary_entries() -> dict[str, str]:
    """Glossary term -> its definition's text (terms sharing a definition share it)."""
    html = read_built("glossary.html")
    entries = {}
    for block in re.findall(r"<dl class=\"simple glossary\">(.*?)</dl>", html, re.S):
        for group, definition in re.findall(r"((?:<dt .*?</dt>\s*)+)<dd>(.*?)</dd>", block, re.S):
            text = unescape(re.sub(r"<[^>]+>", "", definition))
            for term in re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', group):
                entries[unescape(re.sub(r"<[^>]+>", "", term)).strip()] = text
    return entries


def test_glossary_gives_the_article_names():
    entries = glossary_entries()
    assert len(entries) >= 15
    for term, names in ARTICLE_TERMS.items():
        assert term in entries, f"glossary lacks {term!r}"
        for name in names:
            assert name in entries[term], f"{term}: no {name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_links_terms_and_cites_works(path):
    html = read_built(page_for(path))
    terms = set(re.findall(r'href="\.\./glossary\.html#term-([^"]+)"', html))
    glossary_ids = set(re.findall(r'<dt id="term-([^"]+)"', read_built("glossary.html")))
    assert terms, "a chapter links its terms to the glossary"
    assert terms <= glossary_ids
    assert re.search(r'href="\.\./references\.html#id\d+"', html), "a chapter cites its sources"


def test_bibliography_lists_every_work():
    html = unescape(re.sub(r"\s+", " ", read_built("references.html")))
    text = html.lower()  # the style sentence-cases article titles
    entries = parse_file(ROOT / "references.bib").entries
    # one list item per entry (bookbuild.pages.accessibility: not the deprecated doc-biblioentry)
    citations = re.findall(r'<div class="citation" id="[^"]+" role="listitem">', html)
    assert len(citations) == len(entries)
    for key, entry in entries.items():
        title = re.sub(r"[{}]", "", entry.fields["title"]).lower()
        assert title in text, f"{key} is not in the bibliography"


def public_modules() -> list[str]:
    return sorted(
        f"infolib.{m.name}" for m in pkgutil.iter_modules(infolib.__path__) if m.name[0] != "_"
    )


def test_api_page_documents_every_public_module_and_name():
    html = read_built("api.html")
    assert public_modules(), "infolib has no public module"
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        assert f'id="module-{module_name}"' in html, f"{module_name} is not on the API page"
        for name in getattr(module, "__all__", []):
            assert f'id="{module_name}.{name}"' in html, f"{module_name}.{name} missing"
    documented = set(re.findall(r'<dt class="sig sig-object py" id="infolib\.\w+\.(\w+)"', html))
    assert set(infolib.__all__) <= documented


def test_api_page_renders_the_docstrings_formulas():
    html = read_built("api.html")
    # napoleon turned the numpy sections into fields, and each `.. math::` of a
    # documented docstring into a math block (MathJax typesets it: test_browser.py)
    docstrings = []
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        docstrings.append(module.__doc__ or "")
        docstrings += [getattr(module, n).__doc__ or "" for n in getattr(module, "__all__", [])]
    blocks = sum(doc.count(".. math::") for doc in docstrings)
    assert blocks > 0
    assert html.count('<div class="math notranslate nohighlight">') == blocks
    assert "Parameters" in html and "Raises" in html and "Examples" in html
    assert ".. math::" not in html and ":func:" not in html and "[1]_" not in html


def test_notation_page_typesets_every_formula():
    source = (ROOT / "notation.md").read_text(encoding="utf-8")
    html = read_built("notation.html")  # the formulas typeset (SVG) at build time
    assert html.count("<mjx-container") >= source.count("$") // 2 > 10


def test_landing_page_links_every_chapter():
    html = read_built("intro.html")
    article = re.search(r'<article class="bd-article">.*?</article>', html, re.S).group(0)
    for path in NOTEBOOKS:  # the chapter map: the text itself links every chapter
        assert f'href="chapters/{path.stem}.html"' in article, f"{path.stem} not on the map"
