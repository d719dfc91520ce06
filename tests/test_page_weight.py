"""Light pages: every built page transfers at most 300 kB (gzipped, as GitHub Pages
serves it) before its interactive figures load (issue 24).

A page's transfer is what a browser with an empty cache fetches to show it: the
HTML, the stylesheets it links and the fonts they declare (a face declared again
later, with the same family, weight and style, replaces the earlier one: only the
last is counted, as browsers use only it), its scripts (``<script src>``, scripts
it preloads), its images (``<img src>``, ``<source srcset>``, ``<object data>``,
``<embed src>``, ``<image href>``; lazy ones too) and its icon, each file once.
Text files (HTML, CSS, JavaScript, SVG, JSON...) count gzipped at level 6, as
Pages and the tests' server send them; other files count as they are. An
interactive figure's Vega (the ``data-vega`` its starter loads when the figure
comes near the screen) is not counted: it loads after the page is shown.

Every page of the build is checked (``*.html`` outside ``_static``), in every
edition, so new chapters are covered as soon as they are built. What a page
loads, file by file: ``python tests/test_page_weight.py chapters/02_entropy.html``;
every page's total: ``python tests/test_page_weight.py``. The transfer Lighthouse
measures in a browser, by kind, is in ``make audit``'s summary.
"""

from __future__ import annotations

import functools
import gzip
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from helpers.book import HTML

#: The budget of one page, in bytes transferred (300 kB, decimal).
BUDGET = 300_000
#: Sent gzipped (tests/helpers/book.py's server, as GitHub Pages).
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}

_ATTRIBUTE = r"\s{}=\"([^\"]+)\""
REFERENCES = [
    re.compile(r"<link\b(?=[^>]*\srel=\"stylesheet\")[^>]*?" + _ATTRIBUTE.format("href"), re.I),
    re.compile(
        r"<link\b(?=[^>]*\srel=\"(?:preload|icon)\")[^>]*?" + _ATTRIBUTE.format("href"), re.I
    ),
    re.compile(r"<script\b[^>]*?" + _ATTRIBUTE.format("src"), re.I),
    re.compile(r"<(?:img|embed)\b[^>]*?" + _ATTRIBUTE.format("src"), re.I),
    re.compile(r"<source\b[^>]*?" + _ATTRIBUTE.format("srcset"), re.I),
    re.compile(r"<object\b[^>]*?" + _ATTRIBUTE.format("data"), re.I),
    re.compile(r"<image\b[^>]*?\s(?:xlink:)?href=\"([^\"]+)\"", re.I),
]
FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@functools.lru_cache(maxsize=1024)
def transfer_size(path: Path) -> int:
    """Bytes sent for ``path``: gzipped if it is text, as it is otherwise."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSED else len(data)


def _local(base: Path, url: str) -> Path | None:
    parts = urlsplit(url.strip())
    if not url.strip() or parts.scheme or parts.netloc:
        return None  # data: URIs are inside their file already; remote: none here
    target = (base.parent / unquote(parts.path)).resolve()
    return target if target.is_file() else None


def _descriptor(face: str, name: str, default: str) -> str:
    match = re.search(rf"{name}\s*:\s*([^;]+)", face)
    return match.group(1).strip().strip("'\"").replace("\\ ", " ") if match else default


def stylesheet_fonts(sheets: list[Path]) -> set[Path]:
    """The font files the stylesheets declare, in order, the last face of each
    (family, weight, style) only: the first format of its ``src`` list."""
    faces: dict[tuple[str, str, str], Path | None] = {}
    for sheet in sheets:
        for face in FONT_FACE.findall(sheet.read_text(encoding="utf-8", errors="ignore")):
            key = (
                _descriptor(face, "font-family", ""),
                _descriptor(face, "font-weight", "400"),
                _descriptor(face, "font-style", "normal"),
            )
            src = re.search(r"src\s*:([^;]+)", face)
            first = CSS_URL.search(src.group(1)) if src else None
            faces[key] = _local(sheet, first.group(1)) if first else None
    return {font for font in faces.values() if font}


def loads(page: Path) -> set[Path]:
    """Every local file ``page`` fetches before its interactive figures load."""
    html = page.read_text(encoding="utf-8")
    files: set[Path] = set()
    for pattern in REFERENCES:
        for ref in pattern.findall(html):
            # a srcset lists "url width, url width"; take every url
            for candidate in ref.split(","):
                target = _local(page, candidate.strip().split(" ")[0])
                if target:
                    files.add(target)
    sheets = [f for f in files if f.suffix == ".css"]
    return files | stylesheet_fonts(sorted(sheets, key=lambda s: html.find(s.name)))


def weight(page: Path) -> tuple[int, dict[Path, int]]:
    """(total bytes transferred, bytes per file) of ``page``, its HTML included."""
    sizes = {page: transfer_size(page), **{f: transfer_size(f) for f in loads(page)}}
    return sum(sizes.values()), sizes


def over_budget(page: Path, root: Path = HTML, budget: int = BUDGET) -> str | None:
    """A message naming the page, its transfer and its heaviest files if it is above
    ``budget``, else None."""
    total, sizes = weight(page)
    if total <= budget:
        return None
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:4]
    files = ", ".join(f"{f.relative_to(root.resolve())} {n / 1e3:.0f} kB" for f, n in heaviest)
    return (
        f"{page.relative_to(root)} transfers {total / 1e3:.0f} kB (gzipped), above the "
        f"{budget / 1e3:g} kB budget; heaviest: {files}"
    )


def site_pages(root: Path = HTML) -> list[Path]:
    """Every page of the build, every edition's (``zh/``...), ``_static`` aside."""
    return sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)


def test_every_built_page_is_within_budget(site):
    pages = site_pages(site)
    assert any(p.parent.name == "chapters" for p in pages), f"no chapter pages in {site}"
    problems = [m for m in (over_budget(p, site) for p in pages) if m]
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------ the check, on planted sites


def _fake_site(tmp_path: Path, figure_bytes: int) -> Path:
    """A page with a figure of ``figure_bytes`` incompressible bytes (a PNG), a
    stylesheet declaring a font twice, a script and an interactive figure's Vega."""
    import random

    for folder in ["chapters", "_images", "_static/explorable", "_static/fonts"]:
        (tmp_path / folder).mkdir(parents=True)
    noise = random.Random(0).randbytes
    (tmp_path / "_images" / "fig.png").write_bytes(noise(figure_bytes))
    (tmp_path / "_static" / "fonts" / "big.woff2").write_bytes(noise(50_000))
    (tmp_path / "_static" / "fonts" / "small.woff").write_bytes(noise(2_000))
    (tmp_path / "_static" / "theme.css").write_text(
        "@font-face{font-family:Icons;font-weight:900;src:url(fonts/big.woff2) format('woff2')}"
    )
    (tmp_path / "_static" / "icons.css").write_text(
        "@font-face{font-family:Icons;font-weight:900;src:url(fonts/small.woff) format('woff')}"
    )
    (tmp_path / "_static" / "explorable" / "vega.min.js").write_bytes(noise(BUDGET))
    (tmp_path / "_static" / "explorable" / "start.js").write_text("start()")
    page = tmp_path / "chapters" / "02_entropy.html"
    page.write_text(
        '<link rel="stylesheet" href="../_static/theme.css" />'
        '<link rel="stylesheet" href="../_static/icons.css" />'
        '<script defer data-vega="vega.min.js" src="../_static/explorable/start.js"></script>'
        '<img alt="a" src="../_images/fig.png" /><img alt="b" src="../_images/fig.png">'
        '<img src="data:image/png;base64,AAAA">',
        encoding="utf-8",
    )
    return page


def test_a_heavy_page_fails_with_its_name_transfer_and_heaviest_file(tmp_path):
    page = _fake_site(tmp_path, figure_bytes=BUDGET)
    message = over_budget(page, tmp_path)
    assert message is not None
    assert message.startswith("chapters/02_entropy.html transfers 30")
    assert "heaviest: _images/fig.png 300 kB" in message


def test_a_light_page_passes_and_counts_each_file_once(tmp_path):
    page = _fake_site(tmp_path, figure_bytes=BUDGET // 2)
    assert over_budget(page, tmp_path) is None
    total, sizes = weight(page)
    names = sorted(f.name for f in sizes)
    # the figure once; the font declared last only; the starter, not the Vega it loads
    assert names == [
        "02_entropy.html",
        "fig.png",
        "icons.css",
        "small.woff",
        "start.js",
        "theme.css",
    ]
    assert sizes[tmp_path / "_images" / "fig.png"] == BUDGET // 2
    assert total == sum(sizes.values())


def test_text_counts_gzipped(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>entropy</p>" * 10_000, encoding="utf-8")
    assert transfer_size(page) < page.stat().st_size / 50


if __name__ == "__main__":
    if sys.argv[1:]:
        for name in sys.argv[1:]:
            total, sizes = weight(HTML / name)
            for f, n in sorted(sizes.items(), key=lambda item: -item[1]):
                print(f"{n / 1e3:8.1f} kB  {f.relative_to(HTML.resolve())}")
            print(f"{total / 1e3:8.1f} kB  {name}, in all")
    else:
        for p in site_pages():
            total, sizes = weight(p)
            print(f"{p.relative_to(HTML)}: {total / 1e3:.1f} kB ({len(sizes)} files)")
