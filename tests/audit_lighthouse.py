"""Lighthouse over every page of the built site: `make audit` (CI runs it after
`make test`, from .ci/run; it takes a few minutes, so `make test` does not).

Each page is served under its GitHub Pages path (tests/helpers/book.py: serve_site) and
audited by Lighthouse (npm, pinned in package-lock.json) in the Chromium the
browser tests use. Accessibility, best practices and SEO must score 1.00 on every
page; performance at least PERFORMANCE_FLOOR. Performance is measured, and a
shared machine is noisy: a page below the floor is audited again, up to
PERFORMANCE_RUNS times, and its best run counts. The formulas are typeset when
the book is built (bookbuild.formulas), so no page typesets in the browser.
The JSON reports land in _build/lighthouse/ (one per page; the best run for
performance), the scores in _build/lighthouse/summary.json; `pytest -s` prints
them. The other editions are audited on their landing page and a chapter
(EDITION_SAMPLE): their pages share the root edition's templates and assets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest

from helpers.book import EDITIONS, ROOT, book_pages
from helpers.chromium import HOW_TO_GET_ONE, find_chromium

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "_build" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PERFORMANCE_FLOOR = 0.95
PERFORMANCE_RUNS = 5
# Lighthouse's desktop configuration (its default is a throttled phone).
PRESET = "desktop"
# Of each other edition (zh/...): the landing page and chapter 2 (glued numbers in
# translated sentences, the errata box, figures, the most formulas but one).
EDITION_SAMPLE = ["intro.html", "chapters/02_entropy.html"]
PAGES = (
    [p for p in book_pages() if p != "index.html"]
    + ["index.html"]
    + [folder + p for folder in EDITIONS.values() for p in EDITION_SAMPLE]
)


@pytest.fixture(scope="module")
def summary():
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir(parents=True)
    scores: dict[str, dict] = {}
    yield scores
    (REPORTS / "summary.json").write_text(json.dumps(scores, indent=2) + "\n")
    print("\n" + "\n".join(f"{page}: {s}" for page, s in scores.items()))


def lighthouse(url: str, report: os.PathLike) -> dict:
    chromium = find_chromium()
    if chromium is None:
        pytest.fail(HOW_TO_GET_ONE)
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse needs Node and `npm ci` (make audit runs it)")
    run = subprocess.run(
        [node, str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}"]
        + [f"--only-categories={','.join(CATEGORIES)}", f"--preset={PRESET}"]
        + ["--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
        env={**os.environ, "CHROME_PATH": str(chromium)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(open(report, encoding="utf-8").read())


def failing_audits(result: dict, category: str) -> list[str]:
    """The audits of ``category`` that failed: those that count towards its score,
    and, for accessibility, those Lighthouse runs without weighing them (WCAG 2.5.3's
    label-in-name, for one), which a score of 1.00 does not show."""
    audits = result["audits"]

    def checked(ref: dict) -> bool:
        if ref["weight"] > 0:
            return True
        return category == "accessibility" and audits[ref["id"]]["scoreDisplayMode"] == "binary"

    return [
        f"{ref['id']}: {audits[ref['id']].get('displayValue', '')}".rstrip(": ")
        for ref in result["categories"][category]["auditRefs"]
        if checked(ref) and (audits[ref["id"]]["score"] or 0) < 1
    ]


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse(page, server, summary):
    name = page.replace("/", "_").removesuffix(".html")
    best, runs, started = None, 0, time.perf_counter()
    while runs < PERFORMANCE_RUNS:
        report = REPORTS / f"{name}-run.json"
        result = lighthouse(server + page, report)
        report.unlink()
        runs += 1
        score = result["categories"]["performance"]["score"]
        if best is None or score > best["categories"]["performance"]["score"]:
            best = result
        if score >= PERFORMANCE_FLOOR:
            break
    (REPORTS / f"{name}.json").write_text(json.dumps(best), encoding="utf-8")
    scores = {c: best["categories"][c]["score"] for c in CATEGORIES}
    summary[page] = {**scores, "runs": runs, "seconds": round(time.perf_counter() - started, 1)}
    for category in CATEGORIES[1:]:
        assert scores[category] == 1, f"{page} {category}: {failing_audits(best, category)}"
    assert not failing_audits(best, "accessibility"), (
        f"{page}: {failing_audits(best, 'accessibility')}"
    )
    assert scores["performance"] >= PERFORMANCE_FLOOR, (
        f"{page} performance {scores['performance']} (best of {runs}): "
        f"{failing_audits(best, 'performance')}"
    )
