"""Opening a page of the built site as a reader's browser does, and noting what went
wrong on the way: the one harness for every test that looks at a page in Chromium
(tests/test_browser.py, tests/test_explorables.py, tests/test_phone.py)."""

from __future__ import annotations


def open_page(
    context,
    url: str,
    tolerated: tuple[str, ...] = (),
    requests: list[str] | None = None,
) -> tuple[object, list[str]]:
    """Open ``url`` in a new page of the Playwright browser ``context`` and wait for
    its ``load`` event; return the page and the list of problems it met, which grows
    while the page stays open: console errors (but those containing one of
    ``tolerated``), uncaught exceptions, failed requests and HTTP errors (4xx, 5xx).
    The page itself must answer 2xx. Given a list ``requests``, the address of every
    request the page makes is appended to it (what a page fetches, and when)."""
    page = context.new_page()
    problems: list[str] = []
    if requests is not None:
        page.on("request", lambda req: requests.append(req.url))

    def on_console(msg):
        if msg.type == "error" and not any(t in msg.text for t in tolerated):
            problems.append(f"console error: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"uncaught exception: {exc}"))
    page.on(
        "requestfailed",
        lambda req: problems.append(f"request failed: {req.url} ({req.failure})"),
    )
    page.on(
        "response",
        lambda res: res.status >= 400 and problems.append(f"HTTP {res.status}: {res.url}"),
    )
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    return page, problems
