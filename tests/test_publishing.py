"""The published site: its address, derived from repository.url in one place, and
what search engines and link previews see of every page (see bookbuild.publishing)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from sphinx.errors import ConfigError

from bookbuild.publishing import pages_url
from bookbuild.sources import messages as translation_messages
from helpers.book import (
    EDITIONS,
    HTML,
    SITE_URL,
    book_pages,
    edition_pages,
    read_built,
    toc_docnames,
)

# The built site: only in the full loop (make test), not in make check.
pytestmark = pytest.mark.full

PAGES = [p for p in book_pages() if p != "index.html"]


def meta(html: str, key: str, attr: str = "name") -> list[str]:
    pattern = rf'<meta {attr}="{re.escape(key)}" content="([^"]*)"'
    return [unescape(m) for m in re.findall(pattern, html)]


@pytest.mark.parametrize(
    "repository, site",
    [
        ("https://github.com/Owner/Book", "https://owner.github.io/Book/"),
        ("https://github.com/owner/book/", "https://owner.github.io/book/"),
        ("https://github.com/owner/book.git", "https://owner.github.io/book/"),
        ("https://github.com/Owner/owner.github.io", "https://owner.github.io/"),
    ],
)
def test_pages_url_follows_the_repository(repository, site):
    assert pages_url(repository) == site


@pytest.mark.parametrize("bad", ["https://gitlab.com/a/b", "https://github.com/a", ""])
def test_pages_url_refuses_what_is_not_a_github_repository(bad):
    with pytest.raises(ConfigError, match="repository.url must read"):
        pages_url(bad)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_its_canonical_link_language_and_description(page):
    html = read_built(page)
    assert re.search(r'<html lang="en"', html), page
    if page != "404.html":  # the 404 page has no address of its own
        assert f'<link rel="canonical" href="{SITE_URL}{page}" />' in html, page
    (description,) = meta(html, "description")
    assert 50 <= len(description) <= 160, f"{page}: {len(description)} characters"


@pytest.mark.parametrize("page", [name + ".html" for name in toc_docnames()])
def test_every_page_of_the_book_has_a_link_preview(page):
    html = read_built(page)
    (title,) = meta(html, "og:title", "property")
    assert title, page
    assert meta(html, "og:description", "property") == meta(html, "description")
    (image,) = meta(html, "og:image", "property")
    assert image.startswith(SITE_URL + "_images/social_previews/"), image
    assert (HTML / image.removeprefix(SITE_URL)).stat().st_size > 10_000
    assert meta(html, "og:image:alt", "property")
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "og:url", "property") == [SITE_URL + page]


def test_each_page_of_the_book_describes_itself():
    """Written for the page: no two pages of the book share a description."""
    descriptions = {
        name: meta(read_built(name + ".html"), "description")[0] for name in toc_docnames()
    }
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_sitemap_lists_every_page_at_its_address():
    root = ET.fromstring(read_built("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    for name in toc_docnames():
        assert SITE_URL + name + ".html" in listed, name
    assert all(url.startswith(SITE_URL) for url in listed)


def test_robots_txt_points_at_the_sitemap():
    robots = read_built("robots.txt")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def test_the_404_page_links_with_absolute_paths():
    html = read_built("404.html")
    prefix = re.sub(r"^https://[^/]+", "", SITE_URL)
    styles = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', html)
    assert styles and all(href.startswith(prefix) for href in styles), styles


def test_the_root_page_is_a_page():
    html = read_built("index.html")
    first = toc_docnames()[0]
    assert f'<meta http-equiv="Refresh" content="0; url={first}.html" />' in html
    assert '<link rel="icon"' in html and "<title>" in html and '<html lang="en">' in html
    assert f'<link rel="canonical" href="{SITE_URL}{first}.html" />' in html


# ------------------------------------------------------------- the other editions

EDITION_PAGES = [
    (language, folder, page) for language, folder in EDITIONS.items() for page in PAGES
]


@pytest.mark.parametrize("language, folder, page", EDITION_PAGES)
def test_every_page_of_each_edition_declares_its_language_and_address(language, folder, page):
    html = read_built(folder + page)
    lang = language.replace("_", "-")
    assert re.search(rf'<html lang="{lang}"', html), page
    if page != "404.html":
        assert f'<link rel="canonical" href="{SITE_URL}{folder}{page}" />' in html, page
    (description,) = meta(html, "description")
    assert 10 <= len(description) <= 160, f"{page}: {len(description)} characters"
    # in the edition's language (descriptions.po), as og:description too
    (english,) = meta(read_built(page), "description")
    catalogue = translation_messages(language, "descriptions")
    assert description == catalogue.get(english, english), page  # English until translated
    if page.removesuffix(".html") in toc_docnames():  # generated pages get no preview
        assert meta(html, "og:description", "property") == [description]


@pytest.mark.parametrize("language, folder, page", EDITION_PAGES)
def test_each_page_links_to_itself_in_the_other_language(language, folder, page):
    """A visible link at the top of the article, and hreflang alternates in the head,
    on both sides (generated pages, search and index, have no counterpart)."""
    if page.removesuffix(".html") not in toc_docnames():
        return
    lang = language.replace("_", "-")
    ours, theirs = read_built(folder + page), read_built(page)
    up = "../" * page.count("/")
    for html in (ours, theirs):
        assert f'<link rel="alternate" hreflang="en" href="{SITE_URL}{page}" />' in html
        assert f'<link rel="alternate" hreflang="{lang}" href="{SITE_URL}{folder}{page}" />' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}{page}" />' in html
    to_english = "../" * folder.count("/") + up + page
    assert re.search(
        rf'<p class="other-editions"><a href="{re.escape(to_english)}" hreflang="en"', ours
    )
    to_ours = re.escape(up + folder + page)
    assert re.search(rf'<p class="other-editions"><a href="{to_ours}" hreflang="{lang}"', theirs)


@pytest.mark.parametrize("folder", EDITIONS.values())
def test_the_sitemap_lists_each_editions_pages(folder):
    root = ET.fromstring(read_built("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    for name in toc_docnames():
        assert f"{SITE_URL}{folder}{name}.html" in listed, name
    assert (
        not (HTML / folder / "sitemap.xml").exists() and not (HTML / folder / "robots.txt").exists()
    )


@pytest.mark.parametrize("folder", EDITIONS.values())
def test_each_editions_pages_have_a_link_preview(folder):
    for page in [name + ".html" for name in toc_docnames()]:
        html = read_built(folder + page)
        assert meta(html, "og:url", "property") == [SITE_URL + folder + page]
        (image,) = meta(html, "og:image", "property")
        assert (HTML / image.removeprefix(SITE_URL)).is_file(), image


def test_edition_pages_follow_the_root_editions():
    for folder in EDITIONS.values():
        assert edition_pages(folder) == [folder + p for p in book_pages()]


@pytest.mark.parametrize("folder", EDITIONS.values())
def test_each_edition_names_the_book_and_its_parts_in_its_language(folder):
    """The book's title (sidebar, tab) and the captions of the table of contents come
    from the landing page's catalogue: Sphinx alone would leave them in English."""
    english, ours = read_built("intro.html"), read_built(folder + "intro.html")

    def captions(html):
        return re.findall(r'caption-text">([^<]*)<', html)

    def title(html):
        return re.search(r'logo__title">([^<]*)<', html).group(1)

    assert len(captions(ours)) == len(captions(english)) >= 2
    assert not set(captions(ours)) & set(captions(english)), captions(ours)
    assert title(ours) != title(english)
    assert f"&#8212; {title(ours)}</title>" in read_built(folder + "chapters/02_entropy.html")
