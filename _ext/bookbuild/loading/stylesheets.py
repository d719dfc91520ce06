"""The site's stylesheets, trimmed to the rules its pages can use (bookbuild.loading).

The theme's stylesheet carries all of Bootstrap 5 and every component of the theme
(312 kB, 45 kB gzipped), sphinx-design's every grid, card and colour utility
(55 kB), MyST-NB's every widget style (43 kB): a phone fetches, parses and matches
them all before it paints. Here each stylesheet of the edition just built keeps
only the rules whose classes, ids, tags and attributes appear in some page of the
edition or some script of the site (PurgeCSS, ``prune_css.cjs``; state classes that
scripts add, such as ``show`` or ``collapsing``, are words of those scripts, so they
stay). ``@font-face``, ``@keyframes`` and custom properties are kept whole, and so
are the book's own stylesheets (:data:`BOOK_OWN`).

Cost: a rule for a class that a script builds from pieces (``"bs-tooltip-" +
side``) would go; such classes are kept by :data:`SAFELIST`. A new widget whose
classes appear in no page and no script until a reader acts would lose its styles:
tests/test_loading.py and the browser tests (sidebars, dropdowns, search, dark mode)
check what the pages use.

Sphinx copies a static file again when its source differs from the site's copy, so
every build trims the full stylesheets, never a trimmed one twice.
"""

from __future__ import annotations

from pathlib import Path

from bookbuild.loading.icons import site_scripts
from bookbuild.node import run_script

PRUNE = Path(__file__).resolve().parent / "prune_css.cjs"
#: Stylesheets left whole: the book's own (small, and written for the pages).
BOOK_OWN = {"book.css", "book-icons.css"}
#: Classes that scripts build from pieces (Bootstrap's tooltips and popovers:
#: ``bs-tooltip-${placement}``), as regular expressions.
SAFELIST = [r"^bs-(tooltip|popover)-"]


def stylesheets(out: Path) -> list[Path]:
    """The stylesheets of the site at ``out`` that are trimmed."""
    return sorted(p for p in (out / "_static").rglob("*.css") if p.name not in BOOK_OWN)


def content(out: Path, pages: list[Path]) -> list[str]:
    """What the rules are matched against: every page and every script of the site."""
    return [p.read_text(encoding="utf-8", errors="ignore") for p in pages] + [
        p.read_text(encoding="utf-8", errors="ignore") for p in site_scripts(out / "_static")
    ]


def prune(out: Path, pages: list[Path]) -> dict[str, tuple[int, int]]:
    """Trim every stylesheet of :func:`stylesheets` in place; for each (its path
    under ``_static``) its size in bytes before and after."""
    sheets = {p.relative_to(out / "_static").as_posix(): p for p in stylesheets(out)}
    if not sheets:
        return {}
    css = {name: path.read_text(encoding="utf-8") for name, path in sheets.items()}
    trimmed = run_script(
        PRUNE,
        {"css": css, "content": content(out, pages), "safelist": SAFELIST},
        "PurgeCSS could not trim the stylesheets",
    )
    sizes = {}
    for name, path in sheets.items():
        path.write_text(trimmed[name], encoding="utf-8")
        sizes[name] = (len(css[name].encode()), len(trimmed[name].encode()))
    return sizes
