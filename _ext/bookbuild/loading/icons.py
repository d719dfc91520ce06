"""The icons the site shows, and no others (bookbuild.loading).

pydata-sphinx-theme draws icons two ways: ``fontawesome.js`` (1.49 MB, 530 KiB
gzipped) swaps each ``<i class="fa-solid fa-bars">`` for an SVG, and its stylesheet
draws the same ``<i>`` elements, and the icons of admonitions, external links and
breadcrumbs, from Font Awesome's webfonts (267 KiB), through rules such as
``.fa-bars:before{content:"\\f0c9"}`` (1,800 of them, 85 kB of the stylesheet).
Without the script the stylesheet alone draws every icon. Here, for the edition
just built:

- the icons in use are the ``fa-NAME`` classes of its pages and the names its
  scripts (``_static/**/*.js``) mention, plus every icon a stylesheet draws by its
  code point (``content:"\\f107"``, the theme's ``--pst-icon-*`` variables);
- each Font Awesome webfont of the theme is cut down to those glyphs (fontTools,
  WOFF) and declared again, with the theme's own descriptors, in
  ``_static/book-icons.css`` (inlined as ``data:`` URLs: no request of its own); the
  later declaration is the one browsers use, so the full fonts are never fetched;
- the site's copy of the theme stylesheet keeps only the icon rules in use.
"""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

STYLESHEET = "book-icons.css"
THEME_CSS = Path("_static") / "styles" / "pydata-sphinx-theme.css"
#: ``.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}``
ICON_RULE = re.compile(r'((?:\.fa-[\w-]+::?before,?)+)\{content:"\\([0-9a-f]{2,5})"\}')
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
#: A Private Use Area code point written in a stylesheet, escaped or as it is.
PRIVATE_USE = re.compile(r"\\([ef][0-9a-f]{3})(?![0-9a-f])|([\ue000-\uf8ff])", re.I)
FONT_FACE = re.compile(r"@font-face\{([^}]*?)src:url\(([^)]*?fa-[\w-]+)\.woff2\)[^}]*\}")
LINK_AFTER = re.compile(r'(<link href="[^"]*pydata-sphinx-theme\.css[^"]*" rel="stylesheet" />)')


def icon_rules(css: str) -> dict[str, int]:
    """Icon class name (``fa-bars``) -> its code point, from the theme stylesheet."""
    names = {}
    for selectors, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.(fa-[\w-]+)", selectors):
            names[name] = int(code, 16)
    return names


def site_scripts(static: Path) -> list[Path]:
    """The scripts a page of the site can run: every ``.js`` of ``_static/`` but Font
    Awesome's (no page loads it)."""
    return sorted(p for p in static.rglob("*.js") if p.name != "fontawesome.js")


def used_names(pages: list[str], static: Path) -> set[str]:
    """Every ``fa-NAME`` in the pages' classes and in the site's scripts."""
    names = set()
    for html in pages:
        for classes in re.findall(r'\sclass="([^"]*)"', html):
            names.update(ICON_CLASS.findall(classes))
    for script in site_scripts(static):
        names.update(ICON_CLASS.findall(script.read_text(encoding="utf-8", errors="ignore")))
    return names


def css_code_points(static: Path, theme_css: Path) -> set[int]:
    """Code points the stylesheets draw directly (``content``, ``--pst-icon-*``),
    the icon class rules aside."""
    points = set()
    for sheet in static.rglob("*.css"):
        if sheet.name == STYLESHEET:
            continue
        text = sheet.read_text(encoding="utf-8", errors="ignore")
        if sheet == theme_css:
            text = ICON_RULE.sub("", text)
        for escaped, literal in PRIVATE_USE.findall(text):
            points.add(int(escaped, 16) if escaped else ord(literal))
    return points


def subset_font(path: Path, points: set[int]) -> bytes:
    """``path`` (a TrueType font) cut down to ``points``, as WOFF."""
    font = TTFont(str(path))
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]  # keep the licence and name records (SIL OFL)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return buffer.getvalue()


def write_icons(out: Path, pages: list[str]) -> Path | None:
    """Write ``_static/book-icons.css`` (the subset fonts) and trim the theme
    stylesheet's icon rules; the stylesheet's path, or None without the theme."""
    theme_css = out / THEME_CSS
    if not theme_css.is_file():
        return None
    static = out / "_static"
    css = theme_css.read_text(encoding="utf-8")
    rules = icon_rules(css)
    names = used_names(pages, static) & set(rules)
    points = {rules[n] for n in names} | css_code_points(static, theme_css)
    faces = []
    for descriptors, url in FONT_FACE.findall(css):
        font = (theme_css.parent / (url + ".ttf")).resolve()
        if not font.is_file():
            continue
        data = base64.b64encode(subset_font(font, points)).decode("ascii")
        faces.append(
            f'@font-face{{{descriptors}src:url(data:font/woff;base64,{data}) format("woff")}}'
        )
    target = static / STYLESHEET
    target.write_text(
        "/* Font Awesome Free (icons CC BY 4.0, fonts SIL OFL 1.1): the glyphs this site "
        "shows (bookbuild.loading.icons) */\n" + "\n".join(faces) + "\n",
        encoding="utf-8",
    )

    def keep(match):
        selectors = [s for s in match.group(1).split(",") if s]
        kept = [s for s in selectors if re.match(r"\.(fa-[\w-]+)", s).group(1) in names]
        return f'{",".join(kept)}{{content:"\\{match.group(2)}"}}' if kept else ""

    trimmed = ICON_RULE.sub(keep, css)
    theme_css.write_text(re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", trimmed), encoding="utf-8")
    return target


def link(html: str, page: Path, out: Path, stylesheet: Path | None) -> str:
    """``html`` with the icon stylesheet linked right after the theme's, addressed
    as the page addresses the theme's (relative, or absolute on the 404 page)."""
    if stylesheet is None or STYLESHEET in html:
        return html

    def add(match):
        theme = re.search(r'href="([^"]*?)styles/pydata-sphinx-theme\.css', match.group(1))
        if theme:
            href = theme.group(1) + STYLESHEET
        else:
            href = os.path.relpath(stylesheet, page.parent).replace(os.sep, "/")
        return f'{match.group(1)}\n<link rel="stylesheet" type="text/css" href="{href}" />'

    return LINK_AFTER.sub(add, html, count=1)
