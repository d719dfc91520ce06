"""bookbuild.loading on planted pages: each page keeps the assets its content needs,
loses the others, and no script of its head blocks the first paint."""

from __future__ import annotations

from pathlib import Path

from bookbuild.loading import lighten
from bookbuild.loading.icons import link

HEAD = """<html><head>
<script data-cfasync="false">document.documentElement.dataset.mode = "auto";</script>
<link href="../_static/styles/pydata-sphinx-theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="../_static/togglebutton.css?v=1" />
<link rel="stylesheet" type="text/css" href="../_static/copybutton.css?v=1" />
<link rel="stylesheet" type="text/css" href="../_static/proof.css" />
<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>
<script src="../_static/documentation_options.js?v=1"></script>
<script src="../_static/clipboard.min.js?v=1"></script>
<script src="../_static/copybutton.js?v=1"></script>
<script>let toggleHintShow = 'Click to show';</script>
<script src="../_static/togglebutton.js?v=1"></script>
<script>var togglebuttonSelector = '.toggle, .admonition.dropdown';</script>
<script>const THEBE_JS_URL = "https://unpkg.com/thebe"; const thebe_selector = ".thebe"</script>
<script async="async" src="../_static/sphinx-thebe.js?v=1"></script>
<script src="../_static/searchtools.js"></script>
<script src="../searchindex.js"></script>
</head><body>{}</body></html>"""


def test_a_page_without_code_or_toggles_loses_their_assets():
    page = lighten(HEAD.format("<p>Entropy.</p>"))
    head = page.split("</head>")[0]
    for gone in [
        "fontawesome.js",
        "copybutton",
        "clipboard",
        "togglebutton",
        "toggleHintShow",
        "proof.css",
        "thebe",
        "searchindex.js",
        "searchtools.js",
    ]:
        assert gone not in head, gone
    assert 'data-cfasync="false">document.documentElement.dataset.mode' in head
    assert '<script defer src="../_static/documentation_options.js?v=1">' in head
    assert "<script src=" not in head  # every remaining script is deferred


def test_a_page_keeps_what_its_content_uses():
    body = (
        '<div class="highlight"><pre>x = 1</pre></div>'
        '<div class="solution dropdown admonition"><p class="admonition-title">Solution</p></div>'
        '<div class="proof theorem admonition"></div>'
        '<div class="dropdown dropdown-launch-buttons"></div>'
    )
    head = lighten(HEAD.format(body)).split("</head>")[0]
    for kept in [
        "copybutton.js",
        "clipboard.min.js",
        "togglebutton.js",
        "toggleHintShow",
        "proof.css",
    ]:
        assert kept in head, kept
    assert "thebe" not in head and "searchindex.js" not in head
    # a header dropdown alone (not an admonition) needs no toggle button
    header_only = lighten(HEAD.format('<div class="dropdown dropdown-launch-buttons"></div>'))
    assert "togglebutton" not in header_only.split("</head>")[0]


def test_the_search_page_keeps_the_index_deferred_in_order():
    head = lighten(HEAD.format("<p>Search</p>"), search_page=True).split("</head>")[0]
    tools = head.index('<script defer src="../_static/searchtools.js">')
    assert tools < head.index('<script defer src="../searchindex.js">')


def test_the_icon_stylesheet_is_addressed_as_the_theme_is():
    out = Path("/site")
    sheet = out / "_static" / "book-icons.css"
    relative = link(HEAD.format(""), out / "chapters" / "a.html", out, sheet)
    assert 'href="../_static/book-icons.css"' in relative
    absolute = HEAD.format("").replace("../_static/styles", "/book/_static/styles")
    assert 'href="/book/_static/book-icons.css"' in link(absolute, out / "404.html", out, sheet)
    assert link(HEAD.format(""), out / "a.html", out, None) == HEAD.format("")


def test_absolute_addresses_are_trimmed_too():
    """The 404 page addresses every file from the site's root (it works at any depth)."""
    page = HEAD.format("<p>Not found</p>").replace('"../', '"/book/')
    head = lighten(page).split("</head>")[0]
    assert "fontawesome.js" not in head and "togglebutton" not in head
    assert "searchindex.js" not in head
