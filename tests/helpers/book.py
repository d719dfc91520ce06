"""Helpers for the tests that look at the notebooks and the built site."""

from __future__ import annotations

import ast
import functools
import gzip
import http.server
import json
import re
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from nbval.plugin import get_sanitize_patterns

from bookbuild.publishing import pages_url  # the book's one derivation of its address
from bookbuild.sources import ROOT, book_editions, joined, readable_number
from bookbuild.sources import config as book_config
from bookbuild.sources import toc as book_toc

CHAPTERS = ROOT / "chapters"
HTML = ROOT / "_build" / "html"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))
SANITIZE_CFG = Path(__file__).with_name("nbval-sanitize.cfg")
LOCK = ROOT / "constraints.txt"

CONFIG = book_config()
#: Where the CI workflow publishes the site (GitHub Pages), from repository.url.
SITE_URL = pages_url(CONFIG["repository"]["url"])

NO_SITE = "no built site in _build/html: run `make build` first (make test does)"
#: The editions in other languages: language -> folder in the site ("zh/"), from
#: book_editions in _config.yml (the root edition, English, is left out).
EDITIONS = {language: folder for language, folder in book_editions().items() if folder}
# Folders of the build that hold no pages of the book (of the root edition: the other
# editions' pages are listed by ``edition_pages``).
NOT_PAGES = {"_static", "_sources", "_images"} | {f.strip("/") for f in EDITIONS.values()}
#: Where make build writes the book's current messages (.pot), one file per page.
POT = ROOT / "_build" / "gettext" / "pot"

# {glue:text}`key:format` (format optional) and {glue}`key`
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([A-Za-z_][A-Za-z0-9_]*)(?::([^`]*))?`")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    """A cell's source as one string."""
    return joined(cell.get("source", ""))


def glue_references(nb: dict) -> list[tuple[str, str | None]]:
    """Every (key, format) pasted by a glue role in the notebook's markdown."""
    refs = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            refs.extend(GLUE_ROLE.findall(source(cell)))
    return [(key, fmt or None) for key, fmt in refs]


def formatted(text_plain: str, fmt: str | None) -> str:
    """The text a glue role shows: the stored repr, formatted as the role asks
    (e-notation as a power of ten, as the site and the reader notebooks show it)."""
    if fmt is None:
        value = text_plain
        return value[1:-1] if value[:1] in "'\"" and value[-1:] == value[:1] else value
    return readable_number(format(ast.literal_eval(text_plain), fmt))


def figure_cells(nb: dict) -> list[dict]:
    """Code cells whose metadata makes their image output a numbered figure."""
    return [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "figure" in c.get("metadata", {}).get("mystnb", {})
    ]


def page_for(notebook: Path) -> Path:
    """The built page of a chapter notebook (see ``built`` to read it)."""
    return HTML / "chapters" / (notebook.stem + ".html")


# ------------------------------------------------------------------- the built site


def require_site() -> Path:
    """The built site's folder; the test fails (never skips) when it was not built."""
    if not (HTML / "index.html").exists():
        pytest.fail(NO_SITE)
    return HTML


def built(page: str | Path) -> Path:
    """A page of the build (a path relative to _build/html, or absolute inside it);
    the test fails with the `make build` hint when the site or the page is missing."""
    require_site()
    path = HTML / page
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(HTML)} was not built: run `make build` first (make test does)"
        )
    return path


def read_built(page: str | Path) -> str:
    """The text of a built page (see ``built``)."""
    return built(page).read_text(encoding="utf-8")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: under its Pages path, text compressed
    with gzip when the browser accepts it, 404.html for a missing page."""

    prefix = "/"
    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if (
            path.is_file()
            and path.suffix in self.COMPRESSED
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = _gzipped(path, path.stat().st_mtime_ns)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _SiteServer(http.server.ThreadingHTTPServer):
    """A threaded server that stays quiet when a browser hangs up in mid-answer (a
    test closing its page while a figure is still on the way): that is no error of
    the site, and its traceback would bury the tests' own output."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve_site(root: Path | None = None, prefix: str | None = None):
    """Serve the built site (or the folder ``root``) on 127.0.0.1 (an ephemeral port,
    a thread) under the path GitHub Pages publishes it at (/NAME/, or ``prefix``);
    yields the base URL."""
    prefix = prefix or urlsplit(SITE_URL).path
    handler = functools.partial(
        type("Handler", (_SiteHandler,), {"prefix": prefix}),
        directory=str(root or require_site()),
    )
    httpd = _SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# -------------------------------------------------------------------------- page lists


def toc_docnames() -> list[str]:
    """Every document of the book, in reading order, from _toc.yml."""
    toc = book_toc()
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            elif "glob" in entry:
                names.extend(
                    str(p.relative_to(ROOT).with_suffix(""))
                    for p in sorted(ROOT.glob(entry["glob"]))
                    if p.suffix in {".md", ".ipynb"}
                )
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    walk(toc.get("sections"))
    return [re.sub(r"\.(md|ipynb)$", "", name) for name in names]


def built_pages(root: Path = HTML) -> list[str]:
    """Every HTML page in the build but the root redirect (index.html), relative to
    ``root``; empty when nothing is built (the tests that need a build say so)."""
    if not root.exists():
        return []
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if p.relative_to(root).parts[0] not in NOT_PAGES and p != root / "index.html"
    )


def book_pages() -> list[str]:
    """The toc's pages first, in reading order, then the generated ones (index, search)."""
    toc_pages = [name + ".html" for name in toc_docnames()]
    return toc_pages + [p for p in built_pages() if p not in toc_pages]


def edition_pages(folder: str) -> list[str]:
    """The pages of another edition (``zh/intro.html`` ...), in the order of
    ``book_pages``: the same pages as the root edition, under its folder."""
    return [folder + page for page in book_pages()]


def chapter_pages(root: Path = HTML) -> list[Path]:
    """Every built chapter page (``chapters/*.html``), whatever its name."""
    return sorted((root / "chapters").glob("*.html"))


# ------------------------------------------------------------------ volatile output


def sanitize_rules(path: Path = SANITIZE_CFG) -> list[tuple[re.Pattern, str]]:
    """(pattern, replacement) of every rule of nbval's sanitize file, read by nbval's
    own parser: the one definition of output that may differ from run to run."""
    return [
        (re.compile(regex), replace)
        for regex, replace in get_sanitize_patterns(path.read_text(encoding="utf-8"))
    ]


# ---------------------------------------------------------------------------- the lock


def normalise(name: str) -> str:
    """A package name as PEP 503 compares them: `Jinja2` and `jinja2`, `a_b` and `a-b`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(path: Path = LOCK) -> dict[str, str]:
    """name -> version of every pin in the lock (markers aside)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{path.name}: not an exact pin: {line!r}"
            pins[normalise(name)] = version.strip()
    return pins


# ----------------------------------------------------------------------- interpreters


def python_version(exe: str, parts: int = 3) -> str | None:
    """The version of the Python ``exe`` (a path or a command), ``parts`` numbers of
    it ("3.11.2"), or None when it is not a Python that runs."""
    fields = ", ".join(f"sys.version_info[{i}]" for i in range(parts))
    try:
        return subprocess.run(
            [exe, "-c", f"import sys; print('.'.join(map(str, ({fields},))))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
