"""The Binder-simulated environment, shared by the tests that need it.

repo2docker reads `runtime.txt` (the Python) and installs `requirements.txt` with
`pip install -r` from the repository root, into an image that brings JupyterLab
itself. This module builds the same thing in a virtual environment: the Python
`runtime.txt` pins, `pip install -r requirements.txt`, then JupyterLab (the
version requirements-test.txt pins, which the lock also pins), nothing else.

Building it takes 30 to 80 s (pip, mostly from its cache), so it is built once per
content of the files that decide it (runtime.txt, requirements*.txt,
constraints.txt, pyproject.toml) in .cache/binder-env/, under a file lock, so two
pytest workers never build it twice: the Binder simulation (test_binder.py) runs
the chapters in it and the reader-notebook tests open JupyterLab from it. A
changed pin builds a new one; CI, from a clean clone, always builds it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.book import ROOT, python_version

# Outside _build/: `make build` starts with `jupyter-book clean`, which empties it.
ENVS = ROOT / ".cache" / "binder-env"
DECIDING = [
    "runtime.txt",
    "requirements.txt",
    "requirements-test.txt",
    "constraints.txt",
    "pyproject.toml",
]


@dataclass(frozen=True)
class BinderEnv:
    venv: Path
    install_seconds: float
    built_now: bool

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def environ(self, jupyter_dir: Path) -> dict[str, str]:
        """A fresh image's environment: this venv first on PATH, nothing of this user's
        Jupyter folders or of the test run's own environment."""
        env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
        env = {k: v for k, v in env.items() if not k.startswith("JUPYTER")}
        env["PATH"] = os.pathsep.join(
            [str(self.bin)]
            + [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(sys.prefix)]
        )
        env["JUPYTER_PATH"] = str(self.venv / "share" / "jupyter")
        env["JUPYTER_DATA_DIR"] = str(jupyter_dir / "data")
        env["JUPYTER_CONFIG_DIR"] = str(jupyter_dir / "config")
        env["IPYTHONDIR"] = str(jupyter_dir / "ipython")
        return env


def runtime_python() -> str:
    """The interpreter runtime.txt pins (repo2docker's `python-X.Y`)."""
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f"runtime.txt must read python-X.Y, not {runtime!r}"
    version = match.group(1)
    for name in [f"python{version}", "python3", sys.executable]:
        exe = shutil.which(name) or name
        if python_version(exe, parts=2) == version:
            return exe
    pytest.fail(f"runtime.txt pins Python {version}, which this machine does not have")


def jupyterlab_pin() -> str:
    """`jupyterlab==X`, as requirements-test.txt pins it (Binder brings its own)."""
    text = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    match = re.search(r"^jupyterlab==\S+", text, re.M)
    assert match, "requirements-test.txt must pin jupyterlab"
    return match.group(0)


def _key(python: str) -> str:
    digest = hashlib.sha256(
        subprocess.run(
            [python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True
        ).stdout.encode()
    )
    for name in DECIDING:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def _pip(python: str, *args: str, env: dict) -> None:
    run = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        pytest.fail(f"pip install {' '.join(args)} failed:\n{run.stderr[-3000:]}")


def binder_environment() -> BinderEnv:
    """The environment for the current requirements, built now if it was not yet."""
    python = runtime_python()
    venv = ENVS / _key(python)
    done = venv / "built.json"
    ENVS.mkdir(parents=True, exist_ok=True)
    with open(ENVS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it
        if done.exists():
            seconds = json.loads(done.read_text())["install_seconds"]
            return BinderEnv(venv, seconds, built_now=False)
        for old in ENVS.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
        started = time.perf_counter()
        env = BinderEnv(venv, 0.0, True).environ(ENVS / "jupyter")
        subprocess.run([python, "-m", "venv", str(venv)], check=True, env=env)
        exe = str(venv / "bin" / "python")
        _pip(exe, "-r", "requirements.txt", env=env)  # what repo2docker runs
        _pip(exe, jupyterlab_pin(), "-c", "constraints.txt", env=env)  # what the image brings
        seconds = time.perf_counter() - started
        done.write_text(json.dumps({"install_seconds": seconds}))
        return BinderEnv(venv, seconds, built_now=True)
