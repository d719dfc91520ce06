"""bookbuild.loading on planted pages: each page keeps the assets its content needs,
loses the others, and no script of its head blocks the first paint."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from bookbuild.loading import RESOLVE_SCHEME, edition_pages, lighten
from bookbuild.loading.icons import link
from bookbuild.loading.stylesheets import prune
from bookbuild.node import run_script
from helpers.book import ROOT

# The theme's colour-mode snippet, as pydata-sphinx-theme writes it.
HEAD = """<html><head>
<script data-cfasync="false">
    document.documentElement.dataset.mode = localStorage.getItem("mode") || "auto";
    document.documentElement.dataset.theme = localStorage.getItem("theme") || "auto";
  </script>
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
    assert head.index("dataset.mode = localStorage") < head.index(RESOLVE_SCHEME)
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


def test_the_scheme_is_resolved_right_after_the_theme_snippet_once():
    page = lighten(HEAD.format("<p>Entropy.</p>"))
    snippet_end = page.index("</script>", page.index("dataset.theme = localStorage"))
    after = page[snippet_end + len("</script>") :].lstrip()
    assert after.startswith(RESOLVE_SCHEME)
    assert lighten(page).count(RESOLVE_SCHEME) == 1  # a page rewritten again keeps one


def test_images_load_lazily_unless_the_page_says_otherwise():
    body = '<img alt="a" src="a.svg" /><img loading="eager" alt="b" src="b.svg" /><img src="c">'
    page = lighten(HEAD.format(body))
    assert '<img alt="a" src="a.svg" loading="lazy" decoding="async" />' in page
    assert '<img loading="eager" alt="b" src="b.svg" />' in page
    assert '<img src="c" loading="lazy" decoding="async">' in page
    assert lighten(page) == page


def test_an_edition_is_its_own_pages(tmp_path):
    for name in ["intro.html", "chapters/a.html", "_static/x.html", "zh/intro.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    pages = [p.relative_to(tmp_path).as_posix() for p in edition_pages(tmp_path)]
    assert pages == ["chapters/a.html", "intro.html"]


@pytest.mark.skipif(
    not (ROOT / "node_modules" / "purgecss").is_dir(), reason="needs `npm ci` (PurgeCSS)"
)
def test_stylesheets_keep_the_rules_pages_and_scripts_use(tmp_path):
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    theme = (
        ".used{color:red}.unused{color:blue}.bs-tooltip-top{margin:0}"
        ".opened-by-script{display:block}html[data-theme=dark] .used{color:pink}"
        "@font-face{font-family:X;src:url(x.woff2)}:root{--pst-color:#fff}"
    )
    (static / "styles" / "theme.css").write_text(theme)
    (static / "book.css").write_text(".unused{color:green}")
    (static / "menu.js").write_text('el.classList.add("opened-by-script"); t = "dark";')
    page = tmp_path / "intro.html"
    page.write_text('<html data-theme="auto"><body><p class="used">x</p></body></html>')
    sizes = prune(tmp_path, [page])
    css = (static / "styles" / "theme.css").read_text()
    for kept in [
        ".used{",
        ".bs-tooltip-top",
        ".opened-by-script",
        "data-theme=dark",
        "@font-face",
        "--pst-color",
    ]:
        assert kept in css, kept
    assert ".unused" not in css
    assert (static / "book.css").read_text() == ".unused{color:green}"  # the book's own, whole
    assert sizes == {"styles/theme.css": (len(theme), len(css))}


def test_a_node_script_that_fails_stops_the_build_with_its_message(tmp_path):
    script = tmp_path / "fails.cjs"
    script.write_text('process.stderr.write("no such rule"); process.exit(1);')
    with pytest.raises(ExtensionError, match="PurgeCSS could not trim: no such rule"):
        run_script(script, {}, "PurgeCSS could not trim")
    echo = tmp_path / "echo.cjs"
    echo.write_text('process.stdout.write(require("fs").readFileSync(0, "utf8"));')
    assert run_script(echo, {"a": [1, "二"]}, "echo failed") == {"a": [1, "二"]}
