"""A reader on a phone: the trimmed pages (bookbuild.loading, issue 24) at a phone's
viewport (390 x 844, touch), in both editions and both colour schemes.

Each page loads only what it uses; these tests check that nothing a reader uses
went with the rest: every icon is drawn (its glyph is in the site's icon font),
and the page fetches no Font Awesome script or full webfont and no search index;
the colour-mode button switches the scheme; the sidebars open and close on a narrow
screen; the search field leads to results (Chinese words too); code cells carry
copy buttons that copy, and their names and punctuation, plain text, are drawn in
the code style's colour; code folds and solutions open; the language link leads to
the same page; the keyboard reaches the page's controls; the explorables' Vega
loads only when the figure comes near the screen, and chapter 6's fits the phone's
width, readout included. Screenshots at a phone's width
land in _build/screenshots/phone/ (light and dark).
"""

from __future__ import annotations

import base64
import io
import re

import pytest
from fontTools.ttLib import TTFont

from helpers.book import EDITIONS, HTML, ROOT
from helpers.pages import open_page

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SHOTS = ROOT / "_build" / "screenshots" / "phone"
ALL_EDITIONS = [("en", ""), *EDITIONS.items()]
CHAPTER = "chapters/02_entropy.html"
EXPLORABLE_CHAPTERS = ["chapters/05_cross_entropy_loss.html", "chapters/06_soft_targets.html"]
#: What no page may fetch any more (bookbuild.loading).
NEVER = re.compile(r"fontawesome\.js|/webfonts/fa-|searchindex\.js")


def _open(browser, url: str, scheme: str = "light", **options):
    """A phone's browser context and the page opened in it (helpers.pages.open_page),
    with the addresses it requested and the problems it met."""
    context = browser.new_context(color_scheme=scheme, **PHONE, **options)
    requests: list[str] = []
    page, problems = open_page(context, url, requests=requests)
    return context, page, requests, problems


def icon_font_glyphs(folder: str) -> dict[str, set[int]]:
    """(family weight) -> the code points of each icon font the site declares."""
    css = (HTML / folder / "_static" / "book-icons.css").read_text(encoding="utf-8")
    fonts = {}
    for face in re.findall(r"@font-face\{([^}]*)\}", css):
        family = re.search(r"font-family:([^;]+);", face).group(1).replace("\\", "").strip()
        weight = re.search(r"font-weight:(\d+)", face).group(1)
        data = base64.b64decode(re.search(r"base64,([^)]+)\)", face).group(1))
        fonts[f"{family} {weight}"] = set(TTFont(io.BytesIO(data)).getBestCmap())
    return fonts


# Every icon the page shows: the code point and font of each drawn ::before/::after
# whose font is Font Awesome.
ICONS = r"""() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const content = style.content;
      if (!content || content === "none" || content === "normal") continue;
      if (!/Font Awesome/.test(style.fontFamily)) continue;
      const text = content.replace(/^"|"$/g, "");
      if (!text) continue;
      const visible = el.getClientRects().length > 0;
      out.push({
        family: style.fontFamily.replace(/"/g, "").split(",")[0].trim(),
        weight: style.fontWeight,
        code: text.codePointAt(0),
        visible,
        where: el.tagName + "." + Array.from(el.classList).join("."),
      });
    }
  }
  return out;
}"""


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_icon_is_drawn_and_nothing_heavy_is_fetched(
    browser, server, language, folder, scheme
):
    glyphs = icon_font_glyphs(folder)
    for name in ["intro.html", CHAPTER, "glossary.html"]:
        context, page, requests, problems = _open(browser, server + folder + name, scheme)
        try:
            page.wait_for_load_state("networkidle")
            icons = page.evaluate(ICONS)
            assert any(i["visible"] for i in icons), f"{folder}{name}: no icon found"
            missing = [
                i
                for i in icons
                if i["code"] > 0xE000
                and i["code"] not in glyphs.get(f"{i['family']} {i['weight']}", ())
            ]
            assert not missing, f"{folder}{name}: icons without a glyph: {missing[:5]}"
            assert not [u for u in requests if NEVER.search(u)], f"{folder}{name}"
            assert not problems, f"{folder}{name}: {problems}"
            SHOTS.mkdir(parents=True, exist_ok=True)
            shot = f"{(folder + name).replace('/', '_').removesuffix('.html')}-{scheme}.png"
            page.screenshot(path=str(SHOTS / shot))
        finally:
            context.close()


# Before the page's first script: the ``data-theme`` of every frame the page paints
# until a second after its load, each change once (bookbuild.loading.RESOLVE_SCHEME).
WATCH_SCHEME = """
window.__schemes = [];
let __until = Infinity;
addEventListener("load", () => { __until = performance.now() + 1000; });
requestAnimationFrame(function frame(now) {
  const theme = document.documentElement.dataset.theme;
  if (window.__schemes.at(-1) !== theme) window.__schemes.push(theme);
  if (now < __until) requestAnimationFrame(frame);
  else window.__watched = true;
});
"""


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_new_reader_sees_the_system_scheme_from_the_first_frame(
    browser, server, language, folder, scheme
):
    """The page is painted once, in the reader's scheme: not first in "auto" and then
    restyled when the theme's script has run (on a phone, the load's longest task)."""
    context = browser.new_context(color_scheme=scheme, **PHONE)
    context.add_init_script(WATCH_SCHEME)
    try:
        page, problems = open_page(context, server + folder + CHAPTER)
        page.wait_for_function("window.__watched")
        painted = page.evaluate("window.__schemes")
        assert painted == [scheme], f"{folder}{CHAPTER}: painted in {painted} for {scheme}"
        # the reader's own choice, stored by the colour-mode button, wins on the next page
        page.locator(".theme-switch-button").first.click()
        chosen = page.evaluate("document.documentElement.dataset.theme")
        assert chosen != scheme
        page.goto(server + folder + "intro.html")
        page.wait_for_function("window.__watched")
        assert page.evaluate("window.__schemes") == [chosen]
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
def test_colour_mode_sidebars_and_folds_work_on_a_phone(browser, server, language, folder):
    context, page, _, problems = _open(browser, server + folder + CHAPTER)
    try:
        html = page.locator("html")
        # the colour-mode button cycles the scheme (auto -> light -> dark ...)
        before = html.get_attribute("data-theme")
        page.locator(".theme-switch-button").first.click()
        page.wait_for_function(f"document.documentElement.dataset.theme !== {before!r}")
        themes = {before, html.get_attribute("data-theme")}
        page.locator(".theme-switch-button").first.click()
        themes.add(html.get_attribute("data-theme"))
        assert {"light", "dark"} <= themes, themes
        # the primary sidebar (the book's contents) opens as a dialog, and closes
        page.locator(".primary-toggle").first.click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        dialog.wait_for(state="visible")
        assert dialog.locator("a.reference").count() > 5
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        # the secondary sidebar (this page's contents)
        page.locator(".secondary-toggle").first.click()
        secondary = page.locator("#pst-secondary-sidebar-modal")
        secondary.wait_for(state="visible")
        page.keyboard.press("Escape")
        secondary.wait_for(state="hidden")
        # a code fold opens
        fold = page.locator("details.hide.above-input").first
        fold.locator("summary").click()
        assert fold.evaluate("d => d.open")
        assert fold.locator("pre").first.is_visible()
        # a solution opens (sphinx-togglebutton)
        solution = page.locator(".solution.dropdown").first
        solution.scroll_into_view_if_needed()
        body = solution.locator(".section, .admonition-title ~ *").first
        assert not body.is_visible()
        solution.locator(".admonition-title").first.click()
        body.wait_for(state="visible")
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
def test_copy_buttons_copy_the_code(browser, server, language, folder):
    context, page, _, problems = _open(
        browser, server + folder + CHAPTER, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        blocks = page.locator("div.highlight pre")
        assert blocks.count() > 0
        page.wait_for_function("document.querySelectorAll('button.copybtn').length > 0")
        assert page.locator("button.copybtn").count() == blocks.count()
        fold = page.locator("details.hide.above-input").first
        fold.locator("summary").click()
        code = fold.locator("div.highlight pre").first
        code.hover()
        fold.locator("button.copybtn").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() and copied.strip() in code.inner_text()
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_draws_names_and_punctuation_in_the_style_colour_without_spans(
    browser, server, language, folder, scheme
):
    """Names, punctuation and white space in code cells are plain text, not a span
    each (bookbuild.loading.highlighting): drawn in the colour the code style gives
    their spans (a probe span of each class, put inside the cell's code, has the
    code's colour), while operators and numbers keep colours of their own."""
    context, page, _, problems = _open(browser, server + folder + CHAPTER, scheme)
    try:
        found = page.evaluate(
            """() => {
              const pre = document.querySelector('div.highlight-ipython3 pre');
              const colour = el => getComputedStyle(el).color;
              const probes = {};
              for (const cls of ['n', 'p', 'w', 'o']) {
                const span = document.createElement('span');
                span.className = cls; span.textContent = 'x'; pre.append(span);
                probes[cls] = colour(span); span.remove();
              }
              const code = document.querySelectorAll('div.highlight-ipython3 pre');
              const spans = cls =>
                [...code].reduce((n, p) => n + p.querySelectorAll(cls).length, 0);
              return {pre: colour(pre), probes, plain: spans('span.n, span.p, span.w'),
                      coloured: spans('span.o, span.mi, span.mf, span.s2, span.k')};
            }"""
        )
        assert found["probes"]["n"] == found["probes"]["p"] == found["probes"]["w"] == found["pre"]
        assert found["probes"]["o"] != found["pre"]
        assert found["plain"] == 0 and found["coloured"] > 0, found
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize(
    "language, folder, word",
    [("en", "", "entropy"), *((lang, f, "交叉熵") for lang, f in EDITIONS.items())],
)
def test_search_from_a_chapter_on_a_phone(browser, server, language, folder, word):
    """The search button opens the search field; its results come from the search
    page, the only one that loads the index."""
    context, page, requests, problems = _open(browser, server + folder + CHAPTER)
    try:
        assert not [u for u in requests if "searchindex.js" in u]
        page.locator("button.search-button").first.click()
        field = page.locator("#pst-search-dialog input[type=search]")
        field.wait_for(state="visible")
        field.fill(word)
        field.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        page.wait_for_selector("#search-results ul.search li a", timeout=15_000)
        assert page.locator("#search-results ul.search li a").count() > 0
        assert any("searchindex.js" in u for u in requests)
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
def test_language_link_and_keyboard(browser, server, language, folder):
    context, page, _, problems = _open(browser, server + folder + CHAPTER)
    try:
        # the keyboard reaches the skip link first, then the header's controls
        page.keyboard.press("Tab")
        skip = page.evaluate("document.activeElement.getAttribute('href')")
        assert skip == "#main-content", skip
        focused = set()
        for _ in range(12):
            page.keyboard.press("Tab")
            focused.add(page.evaluate("document.activeElement.className"))
        assert any("theme-switch-button" in c for c in focused), focused
        # Enter on the colour-mode button switches the scheme
        before = page.evaluate("document.documentElement.dataset.theme")
        page.locator(".theme-switch-button").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.documentElement.dataset.theme !== {before!r}")
        # the language link leads to the same chapter in the other edition
        here = page.evaluate("document.documentElement.lang")
        link = page.locator(f'a[hreflang]:not([hreflang="{here}"])').first
        other = link.get_attribute("hreflang")
        with page.expect_navigation():
            link.click()
        assert page.url.endswith(CHAPTER)
        assert page.evaluate("document.documentElement.lang") == other != here
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("chapter", EXPLORABLE_CHAPTERS)
def test_explorable_loads_vega_only_near_the_screen(browser, server, chapter):
    context, page, requests, problems = _open(browser, server + chapter)
    try:
        page.wait_for_load_state("networkidle")
        assert not [u for u in requests if "vega" in u.split("/")[-1]], "Vega loaded at once"
        figure = page.locator(".explorable").first
        figure.scroll_into_view_if_needed()
        page.wait_for_function(
            "document.querySelector('.explorable-view svg, .explorable-view canvas') !== null",
            timeout=20_000,
        )
        assert [u for u in requests if "vega" in u.split("/")[-1]]
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("language, folder", ALL_EDITIONS, ids=lambda v: v or "root")
def test_the_temperature_explorable_fits_a_phone(browser, server, language, folder):
    """Chapter 6's figure is drawn narrow enough for a phone: nothing to scroll
    sideways, every readout line and the slider inside the card, in either edition."""
    context, page, _, problems = _open(browser, server + folder + EXPLORABLE_CHAPTERS[1])
    try:
        page.locator(".explorable").scroll_into_view_if_needed()
        page.wait_for_selector(".explorable.explorable-ready", timeout=20_000)
        fit = page.evaluate(
            """() => {
              const box = document.querySelector(".explorable");
              const card = box.getBoundingClientRect();
              const inside = el => {
                const r = el.getBoundingClientRect();
                return r.left >= card.left - 0.5 && r.right <= card.right + 0.5;
              };
              const lines = Array.from(box.querySelectorAll("svg g.readout_marks text"));
              return {
                scrolls: box.scrollWidth > box.clientWidth,
                onScreen: card.right <= window.innerWidth,
                lines: lines.length,
                outside: lines.filter(t => !inside(t)).map(t => t.textContent),
                slider: inside(box.querySelector("input[type=range]")),
              };
            }"""
        )
        assert fit == {
            "scrolls": False,
            "onScreen": True,
            "lines": 5,
            "outside": [],
            "slider": True,
        }, fit
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".explorable").screenshot(path=str(SHOTS / f"{language}-ch6-explorable.png"))
        assert not problems, problems
    finally:
        context.close()
