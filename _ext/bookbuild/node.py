"""The build's one way to run a Node.js script of the book (MathJax, Vega-Lite,
PurgeCSS: package.json, installed by ``npm ci``).

Each script reads JSON on stdin and writes JSON on stdout; it runs from the book's
root, so ``require`` finds ``node_modules/``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError

from bookbuild.sources import ROOT


def run_script(script: Path, stdin: object, failure: str) -> object:
    """The JSON a Node script prints for ``stdin`` (sent as JSON).

    No Node, or a script that fails, raises :class:`sphinx.errors.ExtensionError`:
    ``failure`` says what went wrong for the reader of the build's log ("MathJax
    failed"), followed by Node's own message (and the hint to run ``npm ci`` when a
    module is missing).
    """
    node = shutil.which("node")
    if node is None:
        raise ExtensionError(f"{failure}: the build needs Node.js 18 or later (https://nodejs.org)")
    run = subprocess.run(
        [node, str(script)],
        input=json.dumps(stdin),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if run.returncode != 0:
        hint = " (run `npm ci`)" if "Cannot find module" in run.stderr else ""
        raise ExtensionError(f"{failure}{hint}: {run.stderr[-2000:]}")
    return json.loads(run.stdout)
