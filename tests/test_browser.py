"""The built site as a reader's browser shows it: Debian's headless Chromium, driven
by Playwright, over every page of the book (run after `make build`).

Each page is served from _build/html on 127.0.0.1 (an ephemeral port, a thread in
this process) and opened twice, in the light and in the dark colour scheme. It
must load with no console error, no uncaught exception and no failed request;
every image must have loaded; every formula must be typeset by MathJax (shipped
with the site: no CDN); every internal link and anchor must resolve; in dark mode
every figure must sit on its white card, undimmed. Chapter pages (one per notebook in
chapters/) must carry the Binder, download and repository buttons with the right
URLs. The other editions (the Chinese one under zh/, book_editions in _config.yml)
are visited page by page the same way, and must declare their language, link to
the same page in English (and back), show the glued numbers inside translated
sentences, point the Binder and download buttons at their own reader notebooks
(notebooks/zh/) and find Chinese words in their search. Full-page screenshots
land in _build/screenshots/ (dark/ for the dark scheme) and the totals in
_build/screenshots/summary.json.

The browser is found by tests/helpers/chromium.py (the CHROMIUM variable, Debian's
/usr/bin/chromium, Chromium or Chrome on PATH, or Playwright's own); `make test`
installs Debian's chromium on a Debian machine that has none, and these tests fail
(never skip) with a message saying how to get one when there is none.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from helpers.book import (
    CONFIG,
    EDITIONS,
    HTML,
    NOTEBOOKS,
    ROOT,
    book_pages,
    edition_pages,
    load,
    page_for,
    source,
    toc_docnames,
)
from helpers.chromium import cjk_font, fonts_conf, launch
from helpers.pages import open_page
from infolib.i18n import CJK_FONT

# The built site: only in the full loop (make test), not in make check.
pytestmark = pytest.mark.full

VIEWPORT = {"width": 1300, "height": 900}
SCREENSHOTS = ROOT / "_build" / "screenshots"

# Console messages tolerated, one line each with the reason. Empty: the favicon is
# shipped (no /favicon.ico 404) and bookbuild.pages stops sphinx-thebe from
# declaring THEBE_JS_URL twice, the two messages seen before on this stack.
TOLERATED_CONSOLE: dict[str, str] = {}

# --------------------------------------------------------------------------- pages

# The toc's pages in reading order, then the generated ones (index, search); then
# the same pages of every other edition (zh/...).
PAGES = book_pages() + [p for folder in EDITIONS.values() for p in edition_pages(folder)]
# (language, folder) of every edition, English at the root.
ALL_EDITIONS = [("en", ""), *EDITIONS.items()]


# ------------------------------------------------------------------ server, browser


@pytest.fixture(scope="module")
def summary():
    """Totals over the pages visited, written to _build/screenshots/summary.json."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    totals: dict[str, dict] = {}
    yield totals
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    result = {
        "pages": len(totals),
        "images": sum(t["images"] for t in totals.values()),
        "formulas": sum(t["formulas"] for t in totals.values()),
        "internal_links": sum(t["links"] for t in totals.values()),
        "per_page": totals,
    }
    (SCREENSHOTS / "summary.json").write_text(json.dumps(result, indent=2) + "\n")


# ------------------------------------------------------------------ visiting a page

# Runs in the page after load: waits for MathJax and for every image, then
# reports what the tests check. Text inside code, scripts and typeset math is
# left out of the raw-TeX scan.
INSPECT = r"""async () => {
  const result = {};
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
    result.mathjax = true;
  } else {
    result.mathjax = false;
  }
  const images = Array.from(document.images);
  await Promise.all(images.map(img => {
    img.loading = "eager";
    return img.complete ? null : new Promise(r => {
      img.addEventListener("load", r); img.addEventListener("error", r);
    });
  }));
  result.images = images.map(img => ({
    src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth,
  }));
  result.mathSources = document.querySelectorAll(".math").length;
  result.untypeset = Array.from(document.querySelectorAll(".math"))
    .filter(el => !el.querySelector("mjx-container"))
    .map(el => el.textContent.slice(0, 80));
  result.formulas = document.querySelectorAll("mjx-container").length;
  // Formulas are SVG typeset at build time (bookbuild.formulas): each glyph they
  // use must be in the page's glyph cache, and each must take up room.
  result.missingGlyphs = Array.from(document.querySelectorAll("mjx-container use"))
    .map(u => u.getAttribute("xlink:href") || u.getAttribute("href"))
    .filter(href => !document.getElementById(href.slice(1)));
  result.emptyFormulas = Array.from(document.querySelectorAll("mjx-container > svg"))
    .filter(svg => svg.getBoundingClientRect().width === 0 && svg.checkVisibility())
    .map(svg => svg.parentElement.textContent.slice(0, 60));
  // MathJax's SVG output marks a TeX error, an undefined macro included (the build
  // typesets without "noundefined"), with data-mjx-error.
  result.mathErrors = Array.from(document.querySelectorAll("[data-mjx-error]"))
    .map(el => el.getAttribute("data-mjx-error"));
  const main = document.querySelector("main") || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll("pre, code, script, style, textarea, mjx-container, .highlight")
    .forEach(el => el.remove());
  result.text = copy.textContent;
  result.links = Array.from(document.querySelectorAll("a[href]"))
    .map(a => a.href);
  result.ids = Array.from(document.querySelectorAll("[id], a[name]"))
    .map(el => el.id || el.getAttribute("name"));
  result.theme = document.documentElement.dataset.theme;
  result.lang = document.documentElement.lang;
  result.figureBackgrounds = Array.from(
    document.querySelectorAll("figure img, .cell_output img")
  ).map(img => {
    const style = getComputedStyle(img);
    return [img.getAttribute("src"), style.backgroundColor, style.filter];
  });
  return result;
}"""


def _open(context, url: str) -> tuple[dict, list[str], object]:
    page, problems = open_page(context, url, tuple(TOLERATED_CONSOLE))
    return page.evaluate(INSPECT), problems, page


def _shot_path(scheme: str, name: str) -> Path:
    base = SCREENSHOTS / "dark" if scheme == "dark" else SCREENSHOTS
    path = base / Path(name).with_suffix(".jpg")  # JPEG: a third of PNG's time
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _screenshot(page, path: Path) -> None:
    """The whole page as one image. The viewport grows to the page's height first:
    a plain full-page capture clips the theme's sticky sidebars to their height on
    screen, which misrepresents what a reader sees."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.screenshot(path=str(path), full_page=True, type="jpeg", quality=85)
    page.set_viewport_size(VIEWPORT)


def _schemes(name: str) -> tuple[str, ...]:
    """The colour schemes a page is opened in: both for the root edition; the light
    one for the other editions, whose pages share its styles and figures (the
    dark-scheme check is about those), which saves a quarter of this file's time."""
    if any(name.startswith(folder) for folder in EDITIONS.values()):
        return ("light",)
    return ("light", "dark")


@pytest.fixture(scope="module", params=PAGES)
def visit(request, browser, server, summary):
    """Open one page in the light and the dark scheme; screenshot both."""
    name = request.param
    reports = {}
    for scheme in _schemes(name):
        context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
        try:
            report, problems, page = _open(context, server + name)
            _screenshot(page, _shot_path(scheme, name))
            # Let late requests (fonts MathJax asks for while typesetting) finish, so
            # that closing the page cannot abort one and a failure cannot go unseen.
            page.wait_for_load_state("networkidle")
            report["problems"] = list(problems)
            reports[scheme] = report
        finally:
            context.close()
    light = reports["light"]
    summary[name] = {
        "images": len(light["images"]),
        "formulas": light["formulas"],
        "links": len(set(light["links"])),
    }
    return {"name": name, "server": server, **reports}


# ------------------------------------------------------------------------- checks


def test_the_book_has_pages():
    assert PAGES, "no pages found in _toc.yml"
    assert any(p.startswith("chapters/") for p in PAGES), "no chapter page in the toc"


def test_every_toc_document_was_built(site):
    missing = [p for p in PAGES if not (site / p).exists()]
    assert not missing, f"in _toc.yml but not built: {missing}"


def test_root_redirects_to_the_landing_page(browser, server):
    landing = server + toc_docnames()[0] + ".html"
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server, wait_until="load")
        try:
            page.wait_for_url(landing, timeout=10_000)
        except PlaywrightTimeoutError:
            pass  # the assertion below says where the page stayed
        assert page.url == landing, f"the site's root led to {page.url}, not to {landing}"
    finally:
        context.close()


def test_a_missing_page_gets_the_404_page_at_any_depth(browser, server):
    """As on GitHub Pages: the book's 404 page, styled (absolute links), however
    deep the missing address."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        for missing in ("nope.html", "chapters/no/such/page.html"):
            page = context.new_page()
            failed = []
            page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
            page.on(
                "response",
                lambda r, failed=failed, url=server + missing: (
                    r.status >= 400 and r.url != url and failed.append(f"{r.status} {r.url}")
                ),
            )
            response = page.goto(server + missing, wait_until="load")
            assert response.status == 404
            assert "404" in page.title() or "not found" in page.content().lower()
            assert failed == [], failed
            css = page.evaluate("document.styleSheets.length")
            assert css > 3, f"{missing}: the 404 page lost its styles"
            page.close()
    finally:
        context.close()


def test_loads_without_errors(visit):
    for scheme in _schemes(visit["name"]):
        assert visit[scheme]["problems"] == [], f"{visit['name']} ({scheme})"


def test_declares_its_language(visit):
    language = next((lang for lang, f in EDITIONS.items() if visit["name"].startswith(f)), "en")
    assert visit["light"]["lang"] == language.replace("_", "-"), visit["name"]


def test_every_image_loaded(visit):
    for image in visit["light"]["images"]:
        assert image["complete"] and image["width"] > 0, f"{visit['name']}: {image['src']}"


def test_every_formula_is_typeset(visit):
    report = visit["light"]
    name = visit["name"]
    assert not report["mathjax"], f"{name}: loads MathJax (formulas are typeset at build time)"
    if report["mathSources"]:
        assert report["formulas"] >= report["mathSources"], name
    assert report["missingGlyphs"] == [], f"{name}: glyphs missing from the page's cache"
    assert report["emptyFormulas"] == [], f"{name}: formulas drawn empty"
    assert report["untypeset"] == [], f"{name}: formulas left as TeX"
    assert report["mathErrors"] == [], f"{name}: MathJax errors (undefined macros included)"
    text = report["text"]
    raw = re.findall(r"\$[^$\n]{1,80}\$|\\[()\[\]]|\\(?:begin|frac|sum|log|mathrm)\b", text)
    assert raw == [], f"{name}: raw TeX in the text"


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" or (tag == "a" and key == "name"):
                self.ids.add(value)


@functools.cache
def _static_ids(path: Path) -> frozenset[str]:
    """The ids in a built page as served (for links into pages other than this one)."""
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def test_every_internal_link_resolves(visit):
    """Each same-site link names a file of the build; each #anchor exists there."""
    name, server, report = visit["name"], visit["server"], visit["light"]
    here = HTML / name
    broken = []
    for link in sorted(set(report["links"])):
        if not link.startswith(server):
            continue  # external: the launch-button test checks the ones that matter
        parts = urlsplit(link)
        target = HTML / unquote(link[len(server) :].split("#")[0].split("?")[0])
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{link}: no such file")
            continue
        fragment = unquote(parts.fragment)
        if not fragment:
            continue
        ids = set(report["ids"]) if target == here else _static_ids(target)
        if fragment not in ids:
            broken.append(f"{link}: no #{fragment} in {target.relative_to(HTML)}")
    assert not broken, f"{name}: " + "\n".join(broken)


def test_figures_read_on_the_dark_background(visit):
    if "dark" not in visit:
        return  # another edition's page: the root edition's styles and figures (_schemes)
    report = visit["dark"]
    assert report["theme"] == "dark", f"{visit['name']}: dark scheme not applied"
    for src, background, image_filter in report["figureBackgrounds"]:
        # A white card, not dimmed: the palette's colours as designed.
        assert background == "rgb(255, 255, 255)", f"{visit['name']}: {src} on {background}"
        assert image_filter == "none", f"{visit['name']}: {src} shown through {image_filter}"


# ------------------------------------------------------------------ chapter buttons


def _repository() -> tuple[str, str]:
    url = CONFIG["repository"]["url"].rstrip("/")
    match = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)(?:\.git)?", url)
    assert match, f"repository.url is not a GitHub repository: {url}"
    return url, match.group(1)


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_page_has_launch_and_download_buttons(browser, server, notebook, language, folder):
    """Binder opens, and the download button gives, the chapter's reader notebook
    (notebooks/, plain Jupyter Markdown: see tests/test_reader_notebooks.py); in
    another edition its own (notebooks/zh/ in the repository, zh/notebooks/ in the site)."""
    url, slug = _repository()
    branch = CONFIG["repository"]["branch"]
    binderhub = CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")
    reader = f"notebooks/{folder}{notebook.name}"
    expected = f"{binderhub}/v2/gh/{slug}/{branch}?urlpath=lab/tree/{reader}"
    name = folder + page_for(notebook).relative_to(HTML).as_posix()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server + name, wait_until="load")
        # Launch: the rocket menu opens and shows the Binder link.
        page.click(".dropdown-launch-buttons button")
        binder = page.locator(f'.dropdown-launch-buttons a[href^="{binderhub}/"]')
        assert binder.count() == 1, f"{name}: one Binder link expected"
        href = binder.get_attribute("href")
        assert href == expected
        assert "tree/./" not in href and f"urlpath=lab/tree/notebooks/{folder}" in href
        assert (ROOT / reader).is_file(), f"Binder would open {reader}, which does not exist"
        binder.wait_for(state="visible")
        assert page.locator('a[href*="colab.research.google.com"]').count() == 0
        # Download: the reader notebook is served, byte for byte.
        page.click(".dropdown-download-buttons button")
        download = page.locator(".dropdown-download-buttons a.btn-download-source-button")
        assert download.count() == 1, f"{name}: no .ipynb download button"
        download.wait_for(state="visible")
        assert download.inner_text().strip() == ".ipynb"
        href = download.evaluate("a => a.href")
        assert href == f"{server}{folder}notebooks/{notebook.name}"
        response = page.request.get(href)
        assert response.ok
        assert response.body() == (ROOT / reader).read_bytes()
        # Repository button: the one configured address.
        repo = page.locator(f'a.btn-source-repository-button[href="{url}"]')
        assert repo.count() == 1, f"{name}: no repository button for {url}"
    finally:
        context.close()


# -------------------------------------------------------------------------- search


def _title(notebook: Path) -> str:
    """The chapter's title: the first heading of its first markdown cell."""
    for cell in load(notebook)["cells"]:
        if cell["cell_type"] == "markdown":
            return re.search(r"^#\s+(.+)$", source(cell), re.M).group(1).strip()
    raise AssertionError(f"{notebook.name} has no title")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_search_finds_the_chapter(browser, server, notebook):
    """The site's own search (offline, searchindex.js) finds a chapter by its title."""
    title = _title(notebook)
    name = page_for(notebook).relative_to(HTML).as_posix()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server + "search.html?q=" + title.replace(" ", "+"), wait_until="load")
        page.wait_for_selector("#search-results ul.search li a", timeout=15_000)
        hits = page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.href)"
        )
        assert any(h.split("#")[0].split("?")[0] == server + name for h in hits), hits
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", EDITIONS.items())
def test_search_finds_chinese_words(browser, server, language, folder):
    """Chinese search (Sphinx with jieba): a word of the glossary finds pages."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{server}{folder}search.html?q=交叉熵", wait_until="load")
        page.wait_for_selector("#search-results ul.search li a", timeout=15_000)
        hits = page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.href)"
        )
        assert any(h.startswith(server + folder) for h in hits), hits
    finally:
        context.close()


# A chapter's title as the page shows it (a hidden copy of it heads the page too).
HEADING = "main h1:has(> .section-number)"


def _han_fonts(browser, fonts: Path, url: str) -> tuple[str, list[str]]:
    """The page's title, and the fonts Chromium (another one, launched like
    ``browser`` but given the fontconfig file ``fonts``) draws it with (DevTools'
    CSS.getPlatformFontsForNode)."""
    chromium = launch(browser.browser_type, fonts)
    try:
        page = chromium.new_page(viewport=VIEWPORT)
        page.goto(url, wait_until="load")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": HEADING})["nodeId"]
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return page.inner_text(HEADING), [f["familyName"] for f in used]
    finally:
        chromium.close()


@pytest.mark.parametrize("language, folder", EDITIONS.items())
def test_chinese_text_has_a_font_where_screenshots_are_taken(browser, server, language, folder):
    """The browser tests bring their own CJK font (tests/helpers/chromium.py: the
    font of noto-cjk-sans-otc through a fontconfig file) instead of assuming the
    system has one: with every other CJK font hidden, a chapter's Chinese heading
    is drawn with it; with no CJK font at all (the control), it is not, and the
    heading's characters would be boxes in a screenshot."""
    url = server + folder + page_for(NOTEBOOKS[1]).relative_to(HTML).as_posix()
    font = cjk_font()
    heading, used = _han_fonts(browser, fonts_conf(font=font, other_cjk_fonts=False), url)
    assert re.search(r"[\u4e00-\u9fff]", heading), heading
    assert CJK_FONT in used, (heading, used)
    none = fonts_conf(font=font.with_name("none"), other_cjk_fonts=False)
    _, control = _han_fonts(browser, none, url)
    assert CJK_FONT not in control, control


@pytest.mark.parametrize("language, folder", EDITIONS.items())
def test_the_language_links_lead_to_the_same_page(browser, server, language, folder):
    """From a chapter in English to the same chapter in the other edition, and back."""
    name = page_for(NOTEBOOKS[1]).relative_to(HTML).as_posix()
    lang = language.replace("_", "-")
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server + name, wait_until="load")
        page.click(f'.other-editions a[hreflang="{lang}"]')
        page.wait_for_url(server + folder + name)
        assert page.evaluate("document.documentElement.lang") == lang
        page.click('.other-editions a[hreflang="en"]')
        page.wait_for_url(server + name)
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", EDITIONS.items())
def test_glued_numbers_show_inside_translated_sentences(browser, server, language, folder):
    """Chapter 2's errata box, translated: its glued numbers (the article's 0.804 and
    the exact 0.8018) are there, none empty (the measured pitfall: a glue role in a
    translated message renders empty unless bookbuild.editions.glue reads the
    chapter's stored glue data)."""
    name = folder + page_for(NOTEBOOKS[1]).relative_to(HTML).as_posix()
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server + name, wait_until="load")
        boxes = page.eval_on_selector_all(
            ".admonition",
            """els => els.map(e => Array.from(e.querySelectorAll('.pasted-text'))
                 .map(s => s.textContent))""",
        )
        errata = [b for b in boxes if "0.804" in b]
        assert errata, f"{name}: no box shows the article's 0.804: {boxes}"
        assert "0.8018" in errata[0] and all(n.strip() for n in errata[0]), errata
    finally:
        context.close()
