"""A Binder launch, simulated as far as this machine allows.

repo2docker reads the files at the repository root: `runtime.txt` (the Python
version) and `requirements.txt`, which it installs with `pip install -r` from the
root, into an image that brings JupyterLab. tests/helpers/binder_env.py builds the same in a
virtual environment of that Python (built once per content of the requirements and
shared with the reader-notebook tests, which open JupyterLab from it); this test
checks it (`pip check`, every version as locked) and executes every notebook in
chapters/ top to bottom through a Jupyter kernel of that environment, as a reader's
"Run all" on Binder would: no cell may raise or write to stderr, and every text
output must be the one stored in the notebook (the numbers the book shows). The time
it takes is printed (run pytest with -s to see it) and written to
_build/binder-simulation.json.

What it cannot simulate: the Docker image, repo2docker's own Jupyter server (Binder
brings JupyterLab itself) and mybinder.org's network.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from helpers.binder_env import binder_environment
from helpers.book import CONFIG, NOTEBOOKS, ROOT, load, lock_pins, normalise, sanitize_rules

# Outputs that differ from run to run for reasons unrelated to the book's numbers:
# the rules of tests/helpers/nbval-sanitize.cfg, read with nbval's own parser, so the
# simulation and nbval cannot drift apart.
VOLATILE = sanitize_rules()

# Put there by `python -m venv` itself, not by requirements.txt: not in the lock.
BOOTSTRAP = {"pip", "setuptools"}

# Runs inside the fresh environment: executes each notebook with nbclient, the
# library Jupyter itself uses, and reports every cell's outputs as JSON.
EXECUTE = r"""
import json, sys, time
import nbformat
from nbclient import NotebookClient

results = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    probe = nbformat.v4.new_code_cell(
        "import sys, infolib\nprint(sys.prefix)\nprint(infolib.__file__)"
    )
    nb.cells.append(probe)
    started = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name=nb.metadata.kernelspec.name,
        resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}},
    )
    try:
        client.execute()
        error = None
    except Exception as exc:  # the test reports it; keep going with the others
        error = f"{type(exc).__name__}: {exc}"
    results[path] = {
        "seconds": time.perf_counter() - started,
        "error": error,
        "cells": [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"],
    }
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def binder():
    """The Binder-simulated environment (tests/helpers/binder_env.py); every notebook run in it."""
    built = binder_environment()
    python = str(built.bin / "python")
    with tempfile.TemporaryDirectory(prefix="binder-sim-") as tmp:
        tmp = Path(tmp)
        env = built.environ(tmp / "jupyter")
        timings = {"install": built.install_seconds, "installed_now": built.built_now}
        check = subprocess.run(
            [python, "-m", "pip", "check"], env=env, capture_output=True, text=True
        )
        listed = subprocess.run(
            [python, "-m", "pip", "list", "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )

        script = tmp / "execute.py"
        script.write_text(EXECUTE, encoding="utf-8")
        started = time.perf_counter()
        run = subprocess.run(
            [python, str(script), *map(str, NOTEBOOKS)],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
        )
        timings["execute"] = time.perf_counter() - started
        if run.returncode != 0:
            pytest.fail(f"executing the notebooks failed to start:\n{run.stderr[-3000:]}")
        results = json.loads(run.stdout.strip().splitlines()[-1])

        timings["notebooks"] = {Path(p).name: r["seconds"] for p, r in results.items()}
        report = ROOT / "_build" / "binder-simulation.json"
        report.parent.mkdir(exist_ok=True)
        report.write_text(json.dumps(timings, indent=2) + "\n")
        how = "built now" if built.built_now else "built before for these requirements"
        print(
            f"\nBinder simulation: install {timings['install']:.1f} s ({how}), "
            f"{len(results)} notebooks executed in {timings['execute']:.1f} s"
        )
        installed = {normalise(p["name"]): p["version"] for p in json.loads(listed.stdout)}
        yield {"venv": built.venv, "results": results, "pip_check": check, "installed": installed}


def test_no_binder_folder_overrides_the_root_files():
    # repo2docker reads binder/ (or .binder/) instead of the root files if present.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_requirements_are_consistent(binder):
    check = binder["pip_check"]
    assert check.returncode == 0, check.stdout + check.stderr


def test_binder_gets_the_locked_versions(binder):
    """Everything Binder installs is the version the tests passed with (the lock)."""
    pins = lock_pins()
    installed = {n: v for n, v in binder["installed"].items() if n not in BOOTSTRAP}
    assert {"numpy", "infolib", "myst-nb", "noto-cjk-sans-otc"} <= set(installed)
    # a reader gets what the notebooks need, not the website's build stack
    assert not {"bookbuild", "jupyter-book", "sphinx-proof"} & set(installed)
    installed.pop("infolib")  # the book's own package, from the repository
    off_lock = {n: (v, pins.get(n)) for n, v in installed.items() if pins.get(n) != v}
    assert not off_lock, f"installed (version, locked version): {off_lock}"


# Files that name the upstream project on purpose, for people: a fork's build, Binder
# buttons and published address follow _config.yml whatever they say.
NAMES_UPSTREAM = {"README.md", "CONTRIBUTING.md", "CITATION.cff", "pyproject.toml"}


def test_repository_address_lives_in_one_place():
    """Forks change one line: no file the book is built or run from names the address."""
    url = CONFIG["repository"]["url"]
    skip = {".git", ".venv", ".cache", "_build", ".hypothesis", "node_modules", "__pycache__"}
    skip |= {"mutants"}
    elsewhere = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            if path == ROOT / "_config.yml" or path.relative_to(ROOT).as_posix() in NAMES_UPSTREAM:
                continue
            if url.encode() in path.read_bytes():
                elsewhere.append(path.relative_to(ROOT).as_posix())
    assert not elsewhere, f"{url} also appears in {elsewhere}"


def test_volatile_output_follows_nbvals_sanitize_file():
    assert VOLATILE, "no rule read from tests/helpers/nbval-sanitize.cfg"
    text = _text_outputs(
        [{"output_type": "execute_result", "data": {"text/plain": "<Figure at 0x7f3a12bc90d0>"}}]
    )
    assert text == "text/plain: <Figure at 0xADDRESS>"


def _text_outputs(outputs: list[dict]) -> str:
    """The text a reader sees in a cell's outputs (figures aside), sanitised.

    Consecutive writes to one stream count as one output, however the kernel
    happened to split them into messages."""
    texts = []
    last_stream = None
    for out in outputs:
        if out["output_type"] == "stream":
            if last_stream == out["name"]:
                texts[-1] += "".join(out["text"])
            else:
                texts.append(f"{out['name']}: {''.join(out['text'])}")
            last_stream = out["name"]
            continue
        last_stream = None
        if out["output_type"] in {"execute_result", "display_data"}:
            for mime, data in sorted(out.get("data", {}).items()):
                if mime.startswith("text/") or mime.startswith("application/papermill"):
                    texts.append(f"{mime}: {''.join(data)}")
        elif out["output_type"] == "error":
            texts.append(f"error: {out['ename']}: {out['evalue']}")
    text = "\n".join(texts)
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_binder(binder, path):
    result = binder["results"][str(path)]
    assert result["error"] is None, result["error"]
    *cells, probe = result["cells"]
    # The kernel was the fresh environment's, with infolib from this repository.
    printed = "".join("".join(o["text"]) for o in probe if o.get("name") == "stdout")
    prefix, module = printed.split()
    assert Path(prefix) == binder["venv"]
    assert Path(module).is_relative_to(ROOT / "infolib")
    stored = [c.get("outputs", []) for c in load(path)["cells"] if c["cell_type"] == "code"]
    assert len(cells) == len(stored)
    assert any(_text_outputs(old) for old in stored), "nothing to compare"
    for number, (new, old) in enumerate(zip(cells, stored, strict=True), start=1):
        assert not [o for o in new if o.get("name") == "stderr"], f"stderr in code cell {number}"
        assert _text_outputs(new) == _text_outputs(old), f"code cell {number} differs"
