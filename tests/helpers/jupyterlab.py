"""JupyterLab as a reader on Binder meets it: the server and the page actions the
reader-notebook tests use (tests/test_reader_notebooks.py).

:func:`running_jupyterlab` starts ``jupyter lab`` from the Binder-simulated
environment (tests/helpers/binder_env.py: what ``requirements.txt`` and Binder's
JupyterLab install) on 127.0.0.1 with no token, windowing and autosave off, news
off, nothing of this user's, serving a temporary copy of the files it is given;
:func:`open_notebook` opens a notebook as the file browser does and waits until
every Markdown cell is rendered and typeset; :func:`close_notebooks` closes every
document unsaved (nothing is ever written back).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers.binder_env import binder_environment

#: Where a notebook's rendered Markdown cells are, in the notebook shown.
MARKDOWN = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .jp-RenderedMarkdown"

#: Settings a reader's fresh JupyterLab would not need, but a test does: every cell
#: in the page (no windowing), no autosave, no news.
SETTINGS = {
    "notebook-extension/tracker": {"windowingMode": "none"},
    "docmanager-extension/plugin": {"autosave": False},
    "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_jupyterlab(files: dict[str, Path], timeout: float = 60) -> Iterator[str]:
    """``jupyter lab`` serving a copy of ``files`` (name in the served folder -> a
    file or folder to copy there); yields its URL. Fails the test, with the server's
    log, when it does not start within ``timeout`` seconds."""
    built = binder_environment()
    if not (built.bin / "jupyter-lab").exists():
        pytest.fail(f"no JupyterLab in the Binder-simulated environment {built.venv}")
    with tempfile.TemporaryDirectory(prefix="reader-lab-") as tmp:
        tmp = Path(tmp)
        for name, values in SETTINGS.items():
            path = tmp / "settings" / "@jupyterlab" / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        root = tmp / "root"
        for name, path in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, root / name)
        env = built.environ(tmp / "jupyter")
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
            JUPYTER_CONFIG_DIR=str(tmp / "config"),
            JUPYTER_DATA_DIR=str(tmp / "data"),
            JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
            IPYTHONDIR=str(tmp / "ipython"),
        )
        port = free_port()
        log = (tmp / "lab.log").open("w")
        server = subprocess.Popen(
            [str(built.bin / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             "--IdentityProvider.token=", "--PasswordIdentityProvider.hashed_password=",
             "--allow-root", "--LabApp.expose_app_in_browser=True",
             f"--ServerApp.root_dir={root}"],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(url + "api/status", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not start:\n" + (tmp / "lab.log").read_text())
                time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


def open_lab(context, url: str):
    """JupyterLab at ``url`` in a new page of ``context``, restored and ready."""
    page = context.new_page()
    page.goto(f"{url}lab?reset", wait_until="load")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell")
    page.evaluate("() => window.jupyterapp.restored")
    return page


def open_notebook(page, path: str, markdown_cells: int) -> None:
    """Open the notebook at ``path`` (relative to the served folder) as the file
    browser does; wait until its ``markdown_cells`` Markdown cells are rendered and
    every formula in them typeset."""
    page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", path)
    page.wait_for_function(
        "([sel, n]) => Array.from(document.querySelectorAll(sel))"
        "  .filter(c => c.textContent.trim()).length >= n",
        arg=[MARKDOWN, markdown_cells],
        timeout=60000,
    )  # fmt: skip
    # Typesetting runs cell by cell after rendering: wait until it has settled.
    page.wait_for_function(
        r"""(sel) => Array.from(document.querySelectorAll(sel)).every(c => {
             const t = c.cloneNode(true); t.querySelectorAll('mjx-container, pre, code')
               .forEach(e => e.remove()); return !/\$[^$\n]+\$/.test(t.textContent); })""",
        arg=MARKDOWN, timeout=60000,
    )  # fmt: skip
    page.wait_for_timeout(300)


def close_notebooks(page) -> None:
    """Close every open document, unsaved (nothing the tests open is written back)."""
    page.evaluate(
        """() => { for (const w of Array.from(window.jupyterapp.shell.widgets('main'))) {
             if (w.context) { w.context.model.dirty = false; } w.dispose(); } }"""
    )
