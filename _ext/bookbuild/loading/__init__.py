"""Each page loads what it uses, and nothing blocks its first paint that need not
(a Sphinx extension, ``bookbuild.loading`` in _config.yml; issue 24).

Measured with Lighthouse's mobile profile (a mid-range phone on slow 4G), the
theme and the extensions made every page fetch about 1 MB before this: Font
Awesome's script (530 KiB gzipped) and webfonts (267 KiB) for the dozen icons the
pages show, the search index on every page, the scripts and styles of extensions
on pages that have none of their content, and a dozen scripts that blocked the
first paint. Once Sphinx has written the pages (``build-finished``, after
bookbuild.formulas), this rewrites them, in the book's layer (no installed package
is patched, so a theme upgrade keeps working):

- **Icons** (``icons.py``): no ``fontawesome.js``; the theme's own CSS draws its
  ``<i class="fa-...">`` icons and its CSS icons (admonitions, external links) from
  Font Awesome's webfonts, which are replaced by subsets of the glyphs the site
  uses (a few kB, inlined in ``_static/book-icons.css``); the theme stylesheet's
  copy in the site keeps only the icon rules the site uses. Cost: an icon a page
  adds at run time by a class name that no page or script of the site names would
  show as a blank square (none does: the names are read from every page and every
  script of ``_static/``).
- **Search**: the search index and the search scripts only on the search page;
  the search field of every page still leads there.
- **Extensions**: each extension's scripts, styles and inline settings only on the
  pages that have its content (:data:`ASSETS`): copy buttons where there is code,
  toggle buttons where there are toggles or dropdowns, proof and exercise styles
  where there are boxes, sphinx-design where its components are; sphinx-thebe's
  nowhere (the book has no thebe button: the launch button opens Binder).
- **Deferred scripts**: every script of the ``<head>`` is ``defer``: it runs, in the
  same order, once the page is parsed, so none blocks the first paint. The theme's
  colour-mode snippet stays inline and first (no flash of the wrong scheme).
- **Colour scheme, once**: the theme's snippet sets ``data-theme="auto"`` for a new
  reader, and its script, once the page has loaded, sets it again to ``light`` or
  ``dark``: the whole page is styled and laid out a second time (on a phone, the
  longest task of the load). :data:`RESOLVE_SCHEME`, inline right after the
  snippet, resolves the scheme as the theme's script will (the reader's choice, or
  the system's), so the first paint is in the right scheme and the later call
  changes nothing.
- **Images off the screen**: every image of a page's body without a ``loading``
  attribute is ``loading="lazy"`` (fetched as it nears the screen) and decoded off
  the main thread: the figures further down do not compete with the text and the
  first figure for a phone's slow link.
- **Stylesheets** (``stylesheets.py``): each keeps only the rules the edition's
  pages and the site's scripts can use (PurgeCSS).
- **Code in fewer elements** (``highlighting.py``, when the code is highlighted, not
  after): names, punctuation and white space, drawn in the code style's plain
  colour, are plain text, not a span each (``q = f(p)``: one span, not six).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bookbuild.loading import highlighting, icons, stylesheets
from bookbuild.sources import book_editions

#: Classes of a page's elements, one set per element.
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')


@dataclass(frozen=True)
class Asset:
    """An extension's files (names under ``_static/``) and inline scripts (a pattern of
    their text), and the test on a page's classes that says the page needs them."""

    files: tuple[str, ...]
    inline: str | None
    needed: object  # (set of classes, list of each element's class sets) -> bool


def _has(*names):
    return lambda classes, elements: any(n in classes for n in names)


def _toggles(classes, elements):
    # sphinx-togglebutton's selector: ".toggle, .admonition.dropdown"
    return "toggle" in classes or any({"admonition", "dropdown"} <= e for e in elements)


ASSETS = [
    Asset(
        ("copybutton.css", "copybutton.js", "clipboard.min.js"),
        None,
        _has("highlight"),
    ),
    Asset(
        ("togglebutton.css", "togglebutton.js"),
        r"let toggleHint(?:Show|Hide) = |let toggleOpenOnPrint = |var togglebuttonSelector = ",
        _toggles,
    ),
    Asset(("proof.css",), None, _has("proof")),
    Asset(("exercise.css",), None, _has("exercise", "solution")),
    Asset(
        ("sphinx-design.min.css", "design-tabs.js"),
        None,
        lambda classes, elements: any(c.startswith("sd-") for c in classes),
    ),
    Asset(
        ("sphinx-thebe.css", "sphinx-thebe.js"),
        r"const THEBE_JS_URL = |kernelName = ",
        _has("thebe-launch-button", "thebelab-button"),
    ),
]
SEARCH_FILES = ("searchtools.js", "language_data.js", "searchindex.js")
SEARCH_PAGE = "search.html"

# A file of the site, however the page addresses it (relative, or absolute on the 404
# page), by the end of its path.
_STYLESHEET = r'<link rel="stylesheet"[^>]*?href="(?:[^"]*/)?{}(?:\?[^"]*)?"[^>]*>\s*'
_SCRIPT = r'<script\b[^>]*?src="(?:[^"]*/)?{}(?:\?[^"]*)?"[^>]*>\s*</script>\s*'
_INLINE = r"<script>\s*(?:{})[^<]*</script>\s*"
FONTAWESOME_SCRIPT = re.compile(_SCRIPT.format(r"scripts/fontawesome\.js"))
HEAD_SCRIPT = re.compile(r"<script\b(?=[^>]*\ssrc=)(?![^>]*\s(?:defer|async)\b)([^>]*)>")
#: The theme's colour-mode snippet: ``data-theme`` from the reader's stored choice,
#: or "auto".
THEME_SNIPPET = re.compile(
    r'<script data-cfasync="false">\s*document\.documentElement\.dataset\.mode = '
    r"[^<]*?dataset\.theme = [^<]*</script>"
)
#: ``data-theme`` as the theme's ``setTheme`` will set it (pydata-sphinx-theme.js):
#: the mode if the reader chose one, else the system's scheme.
RESOLVE_SCHEME = (
    '<script data-cfasync="false" id="book-resolve-scheme">'
    "(function(d){var m=d.dataset.mode;d.dataset.theme="
    'm==="light"||m==="dark"?m:'
    'matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"'
    "})(document.documentElement)</script>"
)
#: An image tag without a ``loading`` attribute.
EAGER_IMAGE = re.compile(r"<img\b(?![^>]*\sloading=)([^>]*?)(\s*/?>)")


def element_classes(html: str) -> tuple[set[str], list[set[str]]]:
    """Every class a page's elements carry, and each element's set of classes."""
    elements = [set(m.group(1).split()) for m in CLASS_ATTRIBUTE.finditer(html)]
    return set().union(*elements) if elements else set(), elements


def _drop_file(html: str, name: str) -> str:
    name = re.escape(name)
    html = re.sub(_STYLESHEET.format(name), "", html)
    return re.sub(_SCRIPT.format(name), "", html)


def lighten(html: str, search_page: bool = False) -> str:
    """A page's HTML with only the assets it uses, its head scripts deferred and no
    Font Awesome script (the icon stylesheet is linked by :func:`icons.link`)."""
    head, sep, body = html.partition("</head>")
    if not sep:
        return html
    classes, elements = element_classes(body)
    head = FONTAWESOME_SCRIPT.sub("", head)
    for asset in ASSETS:
        if asset.needed(classes, elements):
            continue
        for name in asset.files:
            head = _drop_file(head, name)
        if asset.inline:
            head = re.sub(_INLINE.format(asset.inline), "", head)
    if not search_page:
        for name in SEARCH_FILES:
            head = _drop_file(head, name)
    head = HEAD_SCRIPT.sub(r"<script defer\1>", head)
    if RESOLVE_SCHEME not in head:
        head = THEME_SNIPPET.sub(lambda m: m.group(0) + "\n" + RESOLVE_SCHEME, head, count=1)
    body = EAGER_IMAGE.sub(r'<img\1 loading="lazy" decoding="async"\2', body)
    return head + sep + body


def edition_pages(out: Path) -> list[Path]:
    """The pages of the edition built at ``out``: its HTML files, not ``_static``'s
    and not those of another edition whose folder lies inside ``out``."""
    others = {folder.strip("/") for folder in book_editions().values() if folder}
    pages = []
    for page in sorted(out.rglob("*.html")):
        parts = page.relative_to(out).parts
        if "_static" in parts or (len(parts) > 1 and parts[0] in others):
            continue
        pages.append(page)
    return pages


def lighten_every_page(app, exception):
    """Rewrite every page of the edition just built (after the other writers)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = edition_pages(out)
    texts = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        text = lighten(text, search_page=page.relative_to(out).as_posix() == SEARCH_PAGE)
        texts[page] = text
    stylesheet = icons.write_icons(out, list(texts.values()))
    for page, text in texts.items():
        page.write_text(icons.link(text, page, out, stylesheet), encoding="utf-8")
    stylesheets.prune(out, pages)


def setup(app):
    highlighting.register(app)
    # After bookbuild.formulas (900), the frame's words (950) and every other writer.
    app.connect("build-finished", lighten_every_page, priority=990)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
