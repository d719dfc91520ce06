"""The reader notebooks (notebooks/*.ipynb, notebooks/zh/*.ipynb) as readers open
them, with no extension.

notebooks/ holds each chapter as plain Jupyter renders it, generated from chapters/
by bookbuild.reader_notebooks (`make notebooks`), and each other edition's folder
(notebooks/zh/, book_editions in _config.yml) the same in its language. These
tests check, for every edition, that:

- the committed reader notebooks are exactly what a fresh generation writes (they
  cannot drift from the chapters), one per chapter;
- opened in JupyterLab 4.6.6 (what Binder serves: no MyST extension), served on
  127.0.0.1 with no token, in headless Chromium, and rendered by
  `jupyter nbconvert --to html` (the view of GitHub and nbviewer), every chapter
  reads like its web page: no role or directive syntax and no `{glue` in any
  rendered Markdown cell; every formula typeset, no MathJax error or undefined
  macro; every glued number's website text there, in the order of the prose;
  every box set off (a blockquote holding its anchor); every solution folded in a
  closed <details>; every link to a reader notebook that exists and an anchor
  that exists in it, in the same edition; the stored figures shown, each one the
  chapter's figure drawn in the edition's language (the Chinese twin output in
  notebooks/zh/); the interactive figures drawn, or their fallback sentence in the
  edition's language. The edition's words (box titles, the errata's titles, the
  fallback sentences) come from the generator's words and the catalogues.
- the same checks find the problems in the raw chapter (chapter 2 as written):
  the checks can fail.

Screenshots land in _build/screenshots/jupyterlab/ (each notebook whole, each
errata box and each chapter's first exercise) and _build/screenshots/nbconvert/,
another edition's in a folder of its own (jupyterlab/zh/, nbconvert/zh/); the
counts in _build/screenshots/jupyterlab/summary.json. These tests fail, never
skip, when Chromium or JupyterLab is missing.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bookbuild.editions.source import translate
from bookbuild.explorables.words import DOMAIN as FIGURE_WORDS
from bookbuild.reader_notebooks import WORDS
from bookbuild.sources import VEGALITE_MIME, glued_values, messages
from helpers.book import (
    CHAPTERS,
    EDITIONS,
    NOTEBOOKS,
    ROOT,
    figure_cells,
    formatted,
    glue_references,
    load,
    serve_site,
    source,
)
from helpers.jupyterlab import (
    MARKDOWN,
    close_notebooks,
    open_lab,
    open_notebook,
    running_jupyterlab,
)
from infolib.i18n import twin

READER = ROOT / "notebooks"
READERS = sorted(READER.glob("*.ipynb"))
#: Every edition's reader notebooks: language -> folder in notebooks/ ("" for English).
FOLDERS = {"en": "", **EDITIONS}
LANGUAGES = list(FOLDERS)
SCREENSHOTS = ROOT / "_build" / "screenshots"
VIEWPORT = {"width": 1300, "height": 900}
BIN = Path(sys.executable).parent
# Where nbconvert's HTML would load MathJax 2 from a CDN; the test serves the book's
# own MathJax 3 instead (offline), configured for $...$ as GitHub and nbviewer are.
MATHJAX_CDN = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/**"
MATHJAX_SHIM = """window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']],
  displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true}};
const s = document.createElement('script'); s.src = '/node_modules/mathjax-full/es5/tex-chtml.js';
document.head.appendChild(s);"""

# MyST that must never reach a reader: roles, directive fences, glue, config macros.
MYST = re.compile(r"\{[a-z]+(?::[a-z-]+)?\}`|^\s*(?:```|:::)\s*\{|\{glue|:::", re.M)
RAW = "raw-chapter-02_entropy.ipynb"  # chapter 2 as written, to show the checks can fail
RAW_TEX = re.compile(r"\$[^$\n]{1,80}\$|\\(?:begin|frac|sum|log|mathrm|KL)\b")


def _chapter(reader: Path) -> Path:
    return CHAPTERS / reader.name


def _readers(language: str) -> list[Path]:
    """An edition's reader notebooks."""
    return sorted((READER / FOLDERS[language]).glob("*.ipynb"))


def _catalog(language: str, domain: str) -> dict[str, str]:
    """An edition's translations of a catalogue (none for English, the source)."""
    return {} if language == "en" else messages(language, domain)


def _word(language: str, english: str) -> str:
    """A word the generator writes itself ("Exercise"), in the edition's language."""
    return WORDS.get(language, {}).get(english, english)


@functools.cache
def _translated(chapter: Path, language: str) -> dict:
    """The chapter with its Markdown in the edition's language (the catalogues
    applied to the source, as for the edition's reader notebook)."""
    nb = load(chapter)
    catalog = _catalog(language, f"{chapter.parent.name}/{chapter.stem}")
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and catalog:
            cell["source"] = translate(source(cell), catalog)
    return nb


def _prose_numbers(chapter: Path, language: str = "en") -> list[str]:
    """The website's text of every number pasted into the chapter's prose, in the
    order of the edition's prose (a translated sentence may order them otherwise;
    its glue format may suit the language) (tests/helpers/book.py's rule, the one
    the site checks use)."""
    values = glued_values(load(chapter))
    nb = _translated(chapter, language)
    return [formatted(values[key], fmt) for key, fmt in glue_references(nb)]


def _errata_titles(chapter: Path, language: str) -> list[str]:
    """The titles of the chapter's errata boxes, in the edition's language."""
    titles = re.findall(r"^:::\{admonition\} (Errata\b.*?)\s*$", _text(chapter), re.M)
    catalog = _catalog(language, f"{chapter.parent.name}/{chapter.stem}")
    return [catalog.get(t, t) for t in titles]


def _fallbacks(chapter: Path, language: str) -> list[str]:
    """The sentences shown for the chapter's interactive figures where a viewer
    cannot draw them, in the edition's language (the figures' catalogue)."""
    catalog = _catalog(language, FIGURE_WORDS)
    sentences = [
        o["data"]["text/markdown"]
        for c in load(chapter)["cells"]
        for o in c.get("outputs", [])
        if VEGALITE_MIME in o.get("data", {})
    ]
    return [catalog.get(t, t) for t in map(joined_text, sentences)]


def joined_text(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def _figure_svgs(chapter: Path, language: str) -> list[str]:
    """The chapter's figures as drawn in the edition's language: the twin output
    (image/x.zh_CN.svg+xml) in another edition, the stored SVG in English."""
    return [
        joined_text(o["data"][twin("image/svg+xml", language)])
        for c in load(chapter)["cells"]
        for o in c.get("outputs", [])
        if "image/svg+xml" in o.get("data", {})
    ]


def _text(chapter: Path) -> str:
    nb = load(chapter)
    return "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def _count(chapter: Path, pattern: str) -> int:
    nb = load(chapter)
    return sum(
        len(re.findall(pattern, source(c), re.M))
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
    )


def _solutions(chapter: Path) -> int:
    return _count(chapter, r"^```\{solution-start\}")


def _boxes(chapter: Path) -> int:
    """Definitions, theorems, proofs, exercises and admonitions: each one a box."""
    return _count(chapter, r"^(?:```|:::)\{(?:prf:|exercise|admonition|note|tip|important)")


def _figures(chapter: Path) -> int:
    nb = load(chapter)
    return sum(
        1
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if {"image/svg+xml", "image/png"} & set(o.get("data", {}))
    )


# ------------------------------------------------------------------ the files


def test_one_reader_notebook_per_chapter():
    assert [p.name for p in READERS] == [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize(
    "language, folder", [("en", ""), *EDITIONS.items()], ids=lambda v: v or "root"
)
def test_each_editions_reader_notebooks_are_up_to_date(language, folder):
    """notebooks/ (and notebooks/zh/) is what a fresh generation writes from the
    chapters (and the catalogues): a chapter or a translation changed without
    `make notebooks` fails."""
    edition = READER / folder
    args = [language] if folder else []  # the root edition: the generator's default
    with tempfile.TemporaryDirectory(prefix="reader-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "bookbuild.reader_notebooks", tmp, *args],
            check=True,
            capture_output=True,
        )
        fresh = sorted(Path(tmp).glob("*.ipynb"))
        assert [p.name for p in fresh] == [p.name for p in READERS]
        stale = [p.name for p in fresh if p.read_bytes() != (edition / p.name).read_bytes()]
    assert not stale, f"notebooks/{folder} is out of date for {stale}: run `make notebooks`"


@pytest.mark.parametrize("folder", EDITIONS.values())
@pytest.mark.parametrize("reader", READERS, ids=lambda p: p.stem)
def test_each_editions_reader_notebook_reads_as_plain_markdown(reader, folder):
    """The translated reader notebook as its source shows it: no MyST syntax left
    in a Markdown cell, every glued number of the chapter written out (a translated
    sentence may order them differently), the code cells the English ones."""
    nb = load(READER / folder / reader.name)
    markdown = [source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]
    raw = [m.group(0) for text in markdown for m in MYST.finditer(text)]
    assert not raw, f"{folder}{reader.name}: MyST syntax left: {raw[:5]}"
    text = "\n".join(markdown)
    for number in set(_prose_numbers(_chapter(reader))):
        assert number in text, f"{folder}{reader.name}: no {number}"
    # the English code, but the set-up cell asks for the edition's language, so a
    # reader who re-runs the notebook gets its figures and printed lines again
    language = {v: k for k, v in EDITIONS.items()}[folder]
    english = [source(c) for c in load(reader)["cells"] if c["cell_type"] == "code"]
    setup = "use_book_style()"
    assert [source(c) for c in nb["cells"] if c["cell_type"] == "code"] == [
        c.replace(setup, f'use_book_style(language="{language}")') for c in english
    ]


def _generator():
    from bookbuild import reader_notebooks

    return reader_notebooks


@pytest.mark.parametrize(
    "markdown, message",
    [
        ("See {eq}`eq-entropy`.", "no reader form for the role {eq}"),
        ("```{margin}\nA note.\n```", "no reader form for the directive {margin}"),
        ("{glue:text}`no_such_key:.2f`", "no glued value 'no_such_key'"),
        ("{prf:ref}`def-nothing`", "no numbered label 'def-nothing'"),
    ],
)
def test_the_generator_stops_on_what_it_cannot_convert(markdown, message):
    """MyST the generator has no reader form for stops it: no raw syntax can pass."""
    reader_notebooks = _generator()
    chapter = reader_notebooks.Chapter(reader_notebooks.load_book(), NOTEBOOKS[1])
    with pytest.raises((KeyError, ValueError), match=re.escape(message)):
        chapter.markdown(markdown)


@pytest.mark.parametrize("reader", READERS, ids=lambda p: p.stem)
def test_reader_notebook_keeps_the_code_and_figures(reader):
    chapter, nb = load(_chapter(reader)), load(reader)
    code = [source(c) for c in nb["cells"] if c["cell_type"] == "code"]
    sources = [source(c) for c in chapter["cells"] if c["cell_type"] == "code"]
    # Every code cell kept in order, but a solution's (shown inside its fold).
    assert code == [s for s in sources if s in code]
    assert len(sources) - len(code) <= _count(_chapter(reader), r"^```\{solution-start\}") * 3
    assert _figures(reader) == _figures(_chapter(reader)) > 0
    assert nb["metadata"]["reader_notebook"]["source"] == f"chapters/{reader.name}"


# ------------------------------------------------------------------ rendering


# Runs in the page: what a reader sees in the rendered Markdown cells (``sel``), and
# in the outputs (``fallbacks``: the sentences shown for interactive figures).
INSPECT = r"""([sel, fallbacks]) => {
  const cells = Array.from(document.querySelectorAll(sel));
  const visible = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll("pre, code, script, style, mjx-container, mjx-assistive-mml")
      .forEach(e => e.remove());
    return copy.textContent;
  };
  const inCells = (css) => cells.flatMap(c => Array.from(c.querySelectorAll(css)));
  return {
    cells: cells.length,
    texts: cells.map(visible),
    formulas: inCells("mjx-container").length,
    mathErrors: Array.from(document.querySelectorAll("mjx-merror"))
      .map(e => e.getAttribute("data-mjx-error") || e.textContent),
    // An undefined macro is no MathJax error: its name shows in red.
    undefinedMacros: Array.from(document.querySelectorAll("mjx-mtext, mtext"))
      .filter(e => e.getAttribute("mathcolor") === "red" || e.style.color === "red")
      .map(e => e.textContent).filter(t => t.startsWith("\\")),
    details: inCells("details").map(d => ({
      open: d.open, summary: (d.querySelector("summary") || {}).textContent || "",
      // Folded: the box is no taller than its summary line.
      hidden: d.getBoundingClientRect().height <=
        (d.querySelector("summary") || d).getBoundingClientRect().height + 2,
    })),
    boxes: inCells("blockquote").length,
    // The Markdown's own links (not the renderers' heading permalinks).
    links: inCells("a[href]:not(.anchor-link):not(.jp-InternalAnchorLink)")
      .map(a => ({href: a.getAttribute("href"), text: a.textContent})),
    ids: Array.from(document.querySelectorAll("[id], [data-jupyter-id]"))
      .map(e => e.id || e.dataset.jupyterId),
    // The figures shown: an <img>'s address (the SVG as a data URI), or "svg" for
    // an SVG drawn inline.
    images: Array.from(document.querySelectorAll(
      ".jp-OutputArea-output img, .jp-OutputArea-output svg")).filter(
      e => !e.closest("mjx-container") && !e.closest(".vega-embed")
        && e.getBoundingClientRect().width > 100)
      .map(e => e.tagName.toLowerCase() === "img" ? e.getAttribute("src") : "svg"),
    // Interactive figures (Vega-Lite outputs): drawn with their controls where the
    // viewer knows Vega-Lite (JupyterLab), else their fallback sentence.
    explorables: Array.from(document.querySelectorAll(".vega-embed")).map(e => ({
      svg: !!e.querySelector("svg.marks"),
      sliders: e.querySelectorAll("input[type=range]").length,
    })),
    fallbacks: Array.from(document.querySelectorAll(".jp-OutputArea-output"))
      .filter(e => fallbacks.some(f => e.textContent.replace(/\s+/g, " ").includes(f)))
      .length,
  };
}"""


@pytest.fixture(scope="module")
def jupyterlab():
    """JupyterLab serving the reader notebooks, and chapter 2 as written."""
    files = {
        READER.name: READER,
        f"{CHAPTERS.name}/02_entropy.ipynb": CHAPTERS / "02_entropy.ipynb",
    }
    with running_jupyterlab(files) as url:
        yield url


def _fallback_texts(path: Path, language: str) -> list[str]:
    """The fallback sentences a rendering of ``path`` should show, spaces collapsed."""
    return [" ".join(f.split()) for f in _fallbacks(CHAPTERS / path.name, language)]


def _lab_open(page, path: Path, language: str, shots: Path | None, click=False) -> dict:
    """Open one notebook in the JupyterLab of ``page`` (as the file browser does);
    wait until every Markdown cell is rendered and typeset; report what a reader
    sees (and screenshot it); close it again."""
    nb = load(path)
    markdown = sum(1 for c in nb["cells"] if c["cell_type"] == "markdown")
    rel = path.relative_to(ROOT).as_posix()
    if path.parent == CHAPTERS:
        rel = f"{CHAPTERS.name}/{path.name}"
    sel = MARKDOWN
    try:
        open_notebook(page, rel, markdown)
        report = page.evaluate(INSPECT, [sel, _fallback_texts(path, language)])
        report["markdown_cells"] = markdown
        report["extensions"] = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
            "  .federated_extensions.map(e => e.name)"
        )
        if shots is not None:
            report["screenshots"] = _lab_screenshots(page, path, language, shots)
        if click:
            report["clicks"] = _lab_clicks(page, sel)
        return report
    finally:
        close_notebooks(page)


def _lab_screenshots(page, path: Path, language: str, shots: Path) -> dict:
    """The whole notebook (the window as tall as the notebook, so nothing scrolls),
    each errata box, and the first exercise with its solution folded, then opened;
    returns how many errata boxes were found and shot (the titles, the exercise's
    word in the edition's language: the catalogues', the generator's)."""
    shots.mkdir(parents=True, exist_ok=True)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer")
    height = min(panel.evaluate("e => e.scrollHeight") + 200, 30000)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.screenshot(path=str(shots / f"{path.stem}.jpg"), type="jpeg", quality=75)
    titles = _errata_titles(CHAPTERS / path.name, language)
    errata = page.locator(
        ".jp-MarkdownCell blockquote",
        has_text=re.compile(r"^\s*(?:" + "|".join(map(re.escape, titles)) + ")"),
    )
    count = errata.count() if titles else 0
    for i in range(count):
        errata.nth(i).screenshot(path=str(shots / f"{path.stem}-errata-{i + 1}.png"))
    word = re.escape(_word(language, "Exercise"))
    exercise = page.locator("blockquote", has_text=re.compile(rf"^\s*{word} \d")).first
    solution = page.locator(".jp-MarkdownCell", has=page.locator("details")).first
    for name in ("exercise", "exercise-opened"):
        top, bottom = exercise.bounding_box(), solution.bounding_box()
        clip = {"x": bottom["x"], "y": top["y"] - 10, "width": bottom["width"]}
        clip["height"] = bottom["y"] + bottom["height"] - top["y"] + 20
        page.screenshot(path=str(shots / f"{path.stem}-{name}.png"), clip=clip)
        solution.locator("summary").first.click()
        page.wait_for_timeout(200)
    page.set_viewport_size(VIEWPORT)
    return {"errata": count, "errata_expected": len(titles)}


# Clicks the first link of each kind (to an anchor in this notebook, to another
# notebook and an anchor there) and reports where JupyterLab went: the notebook
# shown and whether the anchor's element is on screen.
CLICK = r"""async ([sel, href]) => {
  // The notebook shown: the path of the current tab's document.
  const tab = () => {
    const id = document.querySelector(".lm-DockPanel-tabBar .lm-mod-current")
      .getAttribute("data-id");
    const widget = Array.from(window.jupyterapp.shell.widgets("main"))
      .find(w => w.id === id);
    return widget && widget.context ? widget.context.path : id;
  };
  const link = Array.from(document.querySelectorAll(sel + " a[href]"))
    .find(a => a.getAttribute("href") === href);
  const words = link.textContent.trim();
  link.scrollIntoView(); link.click();
  const fragment = decodeURIComponent(href.split("#")[1]);
  // A cell-id link lands on the box or figure whose title the link reads
  // ("Definition 1.1"); an element id on that element.
  const find = (panel) => fragment.startsWith("cell-id=")
    ? Array.from(panel.querySelectorAll(".jp-RenderedMarkdown strong"))
        .find(e => e.textContent.startsWith(words))
    : panel.querySelector(`[data-jupyter-id="${CSS.escape(fragment)}"]`);
  for (let i = 0; i < 100; i++) {
    await new Promise(r => setTimeout(r, 100));
    const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
    const target = panel && find(panel);
    if (target) {
      const box = target.getBoundingClientRect();
      if (box.top >= 0 && box.bottom <= window.innerHeight) {
        return {href, shown: tab(), found: true};
      }
    }
  }
  return {href, shown: tab(), found: false};
}"""


def _lab_clicks(page, sel: str) -> list[dict]:
    """Click a link to a cell of this notebook, then one to a cell of another.
    JupyterLab 4.6 opens the other notebook at its top when it was not open yet
    (its cells are not there when it looks for the cell); clicked again from the
    first notebook, the link lands on the cell: both are checked."""
    links = page.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel + ' a[href]'))"
        "  .filter(a => !a.matches('.jp-InternalAnchorLink')).map(a => a.getAttribute('href'))",
        sel,
    )
    here = next(h for h in links if h.startswith("#cell-id="))
    # JupyterLab writes a link to another notebook as /files/PATH?_xsrf=...#cell-id=...
    there = next(h for h in links if ".ipynb" in h and "#cell-id=" in h)
    tab = page.locator(".lm-DockPanel-tabBar .lm-mod-current")
    source = tab.get_attribute("data-id")
    clicks = [page.evaluate(CLICK, [sel, href]) for href in (here, there)]
    clicks[-1]["first_click"] = True
    page.locator(f'.lm-DockPanel-tabBar [data-id="{source}"]').click()
    clicks.append(page.evaluate(CLICK, [sel, there]))
    return clicks


@pytest.fixture(scope="module")
def lab_reports(browser, jupyterlab):
    """Every edition's reader notebooks opened in JupyterLab (and chapter 2 as
    written, raw): language -> notebook name -> what a reader sees."""
    shots = SCREENSHOTS / "jupyterlab"
    shutil.rmtree(shots, ignore_errors=True)
    started = time.perf_counter()
    editions = {}
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = open_lab(context, jupyterlab)
        for language, folder in FOLDERS.items():
            readers = _readers(language)
            # Clicking is tried in the first notebook that links into another one.
            clicker = next(p for p in readers if ".ipynb#" in p.read_text(encoding="utf-8"))
            editions[language] = {
                p.name: _lab_open(page, p, language, shots / folder, click=p == clicker)
                for p in readers
            }
        raw = _lab_open(page, CHAPTERS / "02_entropy.ipynb", "en", None)
    finally:
        context.close()
    summary = {
        "seconds": round(time.perf_counter() - started, 1),
        "editions": {
            language: {
                "prose_numbers": sum(
                    len(_prose_numbers(_chapter(p), language)) for p in _readers(language)
                ),
                "per_notebook": {
                    name: {
                        k: len(v) if isinstance(v, list) else v
                        for k, v in r.items()
                        if k != "texts"
                    }
                    for name, r in reports.items()
                },
            }
            for language, reports in editions.items()
        },
    }
    (shots / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return {"editions": editions, "raw": raw, "renderer": "jupyterlab"}


@pytest.fixture(scope="module")
def html_reports(browser):
    """Every edition's reader notebooks as `jupyter nbconvert --to html` renders them
    (no extension), and chapter 2 as written, raw."""
    out = ROOT / "_build" / "reader-html"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy2(CHAPTERS / "02_entropy.ipynb", out / RAW)
    pages = []  # (language, name, notebook, its HTML)
    for language, folder in FOLDERS.items():
        (out / folder).mkdir(parents=True, exist_ok=True)
        readers = _readers(language)
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--log-level=WARN",
             "--output-dir", str(out / folder), *map(str, readers)],
            check=True, capture_output=True,
        )  # fmt: skip
        pages += [(language, p.name, p, out / folder / f"{p.stem}.html") for p in readers]
    subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--log-level=WARN",
         "--output-dir", str(out), str(out / RAW)],
        check=True, capture_output=True,
    )  # fmt: skip
    pages.append(("en", RAW, CHAPTERS / "02_entropy.ipynb", out / RAW.replace(".ipynb", ".html")))
    with serve_site(ROOT, prefix="/") as server:  # the repository: node_modules' MathJax too
        shots = SCREENSHOTS / "nbconvert"
        shutil.rmtree(shots, ignore_errors=True)

        def route(r):
            if r.request.url.startswith(server):
                r.continue_()
            elif "mathjax" in r.request.url.lower():
                r.fulfill(status=200, content_type="text/javascript", body=MATHJAX_SHIM)
            else:  # require.js and the like from a CDN: offline, as a reader may be
                r.fulfill(status=200, content_type="text/javascript", body="")

        editions: dict[str, dict] = {language: {} for language in FOLDERS}
        raw = None
        context = browser.new_context(viewport=VIEWPORT)
        context.route("**/*", route)
        try:
            for language, name, path, html in pages:
                page = context.new_page()
                page.goto(server + html.relative_to(ROOT).as_posix(), wait_until="load")
                page.wait_for_function(
                    "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
                )
                page.evaluate("() => MathJax.startup.promise")
                report = page.evaluate(
                    INSPECT,
                    [".jp-MarkdownCell .jp-RenderedMarkdown", _fallback_texts(path, language)],
                )
                report["markdown_cells"] = sum(
                    1 for c in load(path)["cells"] if c["cell_type"] == "markdown"
                )
                if name == RAW:
                    raw = report
                else:
                    folder = shots / FOLDERS[language]
                    folder.mkdir(parents=True, exist_ok=True)
                    page.screenshot(
                        path=str(folder / f"{path.stem}.jpg"),
                        full_page=True,
                        type="jpeg",
                        quality=75,
                    )
                    editions[language][name] = report
                page.close()
        finally:
            context.close()
    return {"editions": editions, "raw": raw, "renderer": "nbconvert"}


@pytest.fixture(scope="module", params=["jupyterlab", "nbconvert"])
def rendered(request):
    name = {"jupyterlab": "lab_reports", "nbconvert": "html_reports"}[request.param]
    return request.getfixturevalue(name)


def _problems(report: dict, chapter: Path, language: str = "en") -> list[str]:
    """Everything a reader should not meet in one rendered notebook."""
    problems = []
    if report["cells"] < report["markdown_cells"]:
        problems.append(f"{report['cells']} of {report['markdown_cells']} Markdown cells rendered")
    for text in report["texts"]:
        problems += [f"MyST syntax: {m.group(0)!r}" for m in MYST.finditer(text)]
        problems += [f"raw TeX: {m.group(0)!r}" for m in RAW_TEX.finditer(text)]
    problems += [f"MathJax error: {e}" for e in report["mathErrors"]]
    problems += [f"undefined macro: {m}" for m in report["undefinedMacros"]]
    # Every prose number, in the order of the edition's prose.
    text, at = " ".join(report["texts"]), 0
    for number in _prose_numbers(chapter, language):
        found = re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text[at:])
        if not found:
            problems.append(f"prose number {number} missing (after character {at})")
        else:
            at += found.end()
    if len(report["details"]) != _solutions(chapter):
        problems.append(f"{len(report['details'])} folds for {_solutions(chapter)} solutions")
    problems += [f"solution not folded: {d['summary']}" for d in report["details"] if d["open"]]
    problems += [f"solution shown: {d['summary']}" for d in report["details"] if not d["hidden"]]
    if report["boxes"] < _boxes(chapter):
        problems.append(f"{report['boxes']} boxes for {_boxes(chapter)} directives")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_notebooks_read_like_the_website(rendered, language):
    reports = rendered["editions"][language]
    problems = {name: _problems(r, CHAPTERS / name, language) for name, r in reports.items()}
    assert sorted(problems) == [p.name for p in READERS]
    assert not any(problems.values()), f"{rendered['renderer']} ({language}): {problems}"


def test_the_checks_find_the_raw_chapters_problems(rendered):
    """Chapter 2 as written, opened the same way: the checks must see what is wrong."""
    problems = "\n".join(_problems(rendered["raw"], CHAPTERS / "02_entropy.ipynb"))
    for expected in ("MyST syntax: '{glue", "prose number", "undefined macro: \\KL", "folds"):
        assert expected in problems, f"{rendered['renderer']}: the check for {expected!r} is blind"


def test_the_screenshots_find_every_errata_box(lab_reports):
    """Each errata box, found by its title in the edition's language, is shot: the
    screenshots of a translated notebook are not silently fewer."""
    for language, reports in lab_reports["editions"].items():
        for name, report in reports.items():
            shots = report["screenshots"]
            assert shots["errata"] == shots["errata_expected"], (language, name, shots)
    assert sum(r["screenshots"]["errata"] for r in lab_reports["editions"]["en"].values()) > 0


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reader", READERS, ids=lambda p: p.stem)
def test_every_label_is_a_cell_of_its_own(reader, language):
    """Each labelled box and figure is a cell whose id is its label: the target of
    ``NOTEBOOK#cell-id=LABEL`` links in JupyterLab and nbconvert's HTML."""
    chapter = load(_chapter(reader))
    text = "\n".join(source(c) for c in chapter["cells"] if c["cell_type"] == "markdown")
    boxes = re.findall(r"^:label: (\S+)", text, re.M)
    figures = [c["metadata"]["mystnb"]["figure"]["name"] for c in figure_cells(chapter)]
    cells = {c["id"]: c for c in load(READER / FOLDERS[language] / reader.name)["cells"]}
    assert boxes and figures
    for label in boxes:
        assert source(cells[label]).startswith("<blockquote>"), label
    for name in figures:
        caption = source(cells[name + "-caption"])
        assert cells[name]["outputs"] and caption.startswith(f"**{_word(language, 'Fig.')}"), name


def _data_uri_svg(src: str) -> str | None:
    """The SVG an <img> shows from a base64 data URI (None for anything else)."""
    prefix = "data:image/svg+xml;base64,"
    return base64.b64decode(src[len(prefix) :]).decode("utf-8") if src.startswith(prefix) else None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_figure_is_shown_in_the_editions_language(rendered, language):
    """Every stored figure is shown, and it is the one drawn in the edition's
    language: in notebooks/zh/ the chapter's Chinese twin (image/x.zh_CN.svg+xml),
    never an English figure that has words (a figure of digits alone is the same
    in both languages)."""
    for name, report in rendered["editions"][language].items():
        chapter = CHAPTERS / name
        expected = _figure_svgs(chapter, language)
        assert len(report["images"]) == _figures(chapter) == len(expected), name
        shown = [_data_uri_svg(src) for src in report["images"]]
        assert shown == expected, f"{rendered['renderer']} ({language}) {name}: other figures"
        if language != "en":
            english = {svg for svg in _figure_svgs(chapter, "en") if _has_words(svg)}
            assert not set(shown) & english, f"{name}: an English figure in {language}"


def _has_words(svg: str) -> bool:
    """Whether a Matplotlib SVG draws a word: each text it draws is named in a
    comment (``<!-- gradient-descent step -->``); tick numbers and mathtext
    (``$\\mathdefault{10^{2}}$``) are not words."""
    return any(
        re.search(r"[^\W\d_]{2}", text)
        for text in re.findall(r"<!-- (.*?) -->", svg)
        if not text.startswith("$")
    )


def _explorables(chapter: Path) -> int:
    return sum(
        1
        for c in load(chapter)["cells"]
        for o in c.get("outputs", [])
        if VEGALITE_MIME in o.get("data", {})
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_explorables_are_interactive_in_jupyterlab_and_explained_elsewhere(rendered, language):
    """JupyterLab draws a Vega-Lite output itself (no extension), sliders included;
    nbconvert's HTML (GitHub's preview, nbviewer) shows the fallback sentence, in
    the edition's language."""
    total = 0
    for name, report in rendered["editions"][language].items():
        expected = _explorables(CHAPTERS / name)
        total += expected
        if rendered["renderer"] == "jupyterlab":
            assert len(report["explorables"]) == expected, name
            assert all(e["svg"] and e["sliders"] >= 1 for e in report["explorables"]), name
        else:
            assert report["explorables"] == [] and report["fallbacks"] == expected, name
    assert total == 4  # chapters 4, 5, 6 and 7


@functools.cache
def _cell_ids(folder: str, reader: str) -> frozenset[str]:
    return frozenset(c["id"] for c in load(READER / folder / reader)["cells"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_resolves(rendered, language):
    """A link names a reader notebook of the same edition (or a section of this one)
    and an anchor in it."""
    reports = rendered["editions"][language]
    folder = FOLDERS[language]
    served = (READER / folder).relative_to(ROOT).as_posix()  # the folder JupyterLab serves
    broken = []
    for name, report in reports.items():
        for link in report["links"]:
            parts = urlsplit(link["href"])
            if parts.scheme in ("http", "https"):
                assert parts.netloc not in ("127.0.0.1", "localhost"), link
                continue  # a work's DOI or web page, in the reference list
            # JupyterLab writes /files/notebooks/zh/NAME?_xsrf=..., nbconvert keeps NAME.
            path = unquote(parts.path)
            where = path.split("/files/", 1)[1].rpartition("/")[0] if "/files/" in path else ""
            if (where and where != served) or (not where and "/" in path):
                broken.append(f"{name}: {link['href']} leaves the edition's folder")
            target = unquote(Path(parts.path).name) or name
            fragment = unquote(parts.fragment)
            if target not in reports:
                broken.append(f"{name}: {link['href']} names no reader notebook")
            elif fragment.startswith("cell-id="):
                # JupyterLab finds the cell in the notebook's model, nbconvert by its id.
                if fragment[len("cell-id=") :] not in _cell_ids(folder, target) or (
                    rendered["renderer"] == "nbconvert" and fragment not in reports[target]["ids"]
                ):
                    broken.append(f"{name}: no cell {fragment} in {target}")
            elif fragment and (target != name or fragment not in reports[target]["ids"]):
                # An element's id: JupyterLab resolves it only in the notebook shown.
                broken.append(f"{name}: #{fragment} does not resolve in {target}")
            elif not fragment and parts.path and not parts.path.endswith(".ipynb"):
                broken.append(f"{name}: {link['href']} is no notebook")
    count = sum(len(r["links"]) for r in reports.values())
    assert count > 100 and not broken, f"{rendered['renderer']} ({language}): " + "\n".join(broken)


def test_jupyterlab_renders_without_a_myst_extension(lab_reports):
    """The JupyterLab under test renders Markdown as Binder's does: no extension such
    as jupyterlab-myst that would hide what a plain JupyterLab shows."""
    for reports in lab_reports["editions"].values():
        for name, report in reports.items():
            assert not [e for e in report["extensions"] if "myst" in e.lower()], name


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_work_when_clicked_in_jupyterlab(lab_reports, language):
    """In JupyterLab a click on a link to an anchor scrolls to it; one on a link to a
    cell of another notebook opens that notebook of the same edition, and lands on
    the cell once the notebook is open (tried in one notebook per edition: the link
    checks above cover every link's target)."""
    reports = lab_reports["editions"][language]
    folder = (READER / FOLDERS[language]).relative_to(ROOT).as_posix()
    clicked = {n: r["clicks"] for n, r in reports.items() if "clicks" in r}
    assert len(clicked) == 1
    for name, (here, opened, there) in clicked.items():
        assert here["found"] and here["shown"] == f"{folder}/{name}", here
        target = Path(urlsplit(there["href"]).path).name
        assert target != name and opened["shown"] == f"{folder}/{target}", opened
        assert there["found"] and there["shown"] == f"{folder}/{target}", there
