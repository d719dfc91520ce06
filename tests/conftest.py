"""Shared test settings: hypothesis profiles; the built site, its server and the
browser for the tests that look at it; the translation lag printed after the results.

It imports nothing beyond pytest and hypothesis at load time, so the unit tests run in an
environment with only NumPy, pytest and hypothesis (CONTRIBUTING.md says how); the
strategies for random distributions live in tests/helpers/strategies.py.
"""

import os

import pytest
from hypothesis import settings

# Deterministic in CI (a failure reproduces), a little more search locally.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# The quick loop (`make check`) runs every test not marked `full`. A test is `full`
# when it needs the built site, a browser, JupyterLab or the Binder environment (the
# fixtures below, marked automatically) or takes long for another reason (marked
# where it is written: `@pytest.mark.full` or a module's `pytestmark`).
FULL_FIXTURES = {
    "site",
    "pages",  # the built Chinese pages (test_chinese_edition.py)
    "server",
    "browser",
    "binder",
    "jupyterlab",
    "lab_reports",
    "html_reports",
    "rendered",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if FULL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.full)


@pytest.fixture(scope="session")
def site():
    """The built website's folder (_build/html); fails with the `make build` hint."""
    from helpers.book import require_site  # the book's helpers (nbval, PyYAML): site tests only

    return require_site()


@pytest.fixture(scope="module")
def server():
    """The built site on 127.0.0.1, under the path GitHub Pages gives it (/NAME/)."""
    from helpers.book import serve_site

    with serve_site() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (tests/helpers/chromium.py finds it), driven by Playwright."""
    from helpers.chromium import launched

    with launched() as chromium:
        yield chromium


def pytest_terminal_summary(terminalreporter):
    """After the results: what the other editions still show in English (the
    translation lag, bookbuild.editions.lag), so a translator sees it at once."""
    try:
        from bookbuild.editions.lag import report
    except ImportError:  # a unit-test environment without the book's tools
        return
    terminalreporter.write_sep("-", "translation lag")
    terminalreporter.write_line(report())
