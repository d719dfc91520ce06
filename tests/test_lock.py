"""The lock (constraints.txt) installs on every Python the book supports (3.11 to 3.13).

constraints.txt is compiled by `make lock` (uv, for Python 3.11.0 and later, every
platform). Here every interpreter this machine has in the supported range (the
test run's own, Debian's /usr/bin/python3, python3.X on PATH, pyenv's versions)
resolves the test requirements, which apply the lock through requirements.txt,
with its own pip (`pip install --dry-run`, all at once), and everything pip
would install must be pinned by the lock at exactly that version: the lock is
complete, and one lock serves every Python.

A resolution takes 10 to 20 s (pip fetches the metadata of some 150 packages), so
each interpreter's result is kept in .cache/lock-resolution/, keyed by a hash of
the interpreter's version and the files that decide it (requirements*.txt,
constraints.txt, pyproject.toml): a changed pin or lock resolves again, and CI,
which starts from a clean clone, always resolves. Delete the folder to force it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.book import LOCK, ROOT, lock_pins, normalise, python_version

SUPPORTED = ((3, 11), (3, 13))  # the Pythons the book supports, both ends included


def interpreters() -> dict[str, str]:
    """version -> path of every distinct interpreter found in the supported range."""
    candidates = [sys.executable, "/usr/bin/python3"]
    candidates += [f"python3.{minor}" for minor in range(SUPPORTED[0][1], SUPPORTED[1][1] + 1)]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += [str(p / "bin" / "python") for p in sorted(pyenv.glob("3.*"))]
    found = {}
    for candidate in candidates:
        exe = shutil.which(candidate)
        if not exe:
            continue
        version = python_version(exe)
        if version is None:
            continue
        if SUPPORTED[0] <= tuple(map(int, version.split(".")[:2])) <= SUPPORTED[1]:
            found.setdefault(version, exe)
    return found


CACHE = ROOT / ".cache" / "lock-resolution"  # outside _build/, which make build empties
INPUTS = [
    "requirements.txt",
    "requirements-build.txt",
    "requirements-test.txt",
    "constraints.txt",
    "pyproject.toml",
    "_ext/pyproject.toml",
]


def cache_file(version: str) -> Path:
    digest = hashlib.sha256(version.encode())
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return CACHE / f"{version}-{digest.hexdigest()[:16]}.json"


def test_lock_pins_every_package_once():
    pins = lock_pins()
    assert len(pins) > 100, "the lock pins the whole environment, not just the direct pins"
    names = [
        normalise(line.split("==")[0]) for line in LOCK.read_text().splitlines() if "==" in line
    ]
    assert len(names) == len(set(names)), "one version per package, on every Python"
    for own in ("infolib", "bookbuild"):
        assert own not in pins, f"the book's own package {own} is installed from the repository"


def test_requirements_apply_the_lock():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-c constraints.txt" in lines, "Binder must get the tested versions"
    pins = lock_pins()
    for name in ("requirements.txt", "requirements-build.txt", "requirements-test.txt"):
        direct = [
            line for line in (ROOT / name).read_text(encoding="utf-8").splitlines() if "==" in line
        ]
        for line in direct:
            package, version = line.split("#")[0].strip().split("==")
            package = package.split("[")[0]  # extras: [CairoSVG]
            assert pins[normalise(package)] == version, f"{package}: {name} and the lock differ"


@pytest.mark.full
def test_lock_resolves_on_every_supported_python():
    found = interpreters()
    assert found, "no Python 3.11-3.13 found"
    env = {**os.environ, "PIP_BREAK_SYSTEM_PACKAGES": "1"}  # a dry run changes nothing
    runs = {
        version: subprocess.Popen(
            [exe, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet"]
            + ["--report", "-", "-r", "requirements-test.txt"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for version, exe in found.items()
        if not cache_file(version).exists()
    }
    pins = lock_pins()
    summary = []
    for version in found:
        cached = cache_file(version)
        if version in runs:
            out, err = runs[version].communicate(timeout=600)
            assert runs[version].returncode == 0, (
                f"Python {version} ({found[version]}): {err[-3000:]}"
            )
            chosen = {
                normalise(item["metadata"]["name"]): item["metadata"]["version"]
                for item in json.loads(out)["install"]
            }
        else:
            chosen = json.loads(cached.read_text(encoding="utf-8"))
        own = {name: chosen.pop(name) for name in ("infolib", "bookbuild")}
        off_lock = {n: v for n, v in chosen.items() if pins.get(n) != v}
        assert not off_lock, f"Python {version}: not as locked: {off_lock}"
        if version in runs:
            CACHE.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps({**chosen, **own}, indent=1))
        how = "resolved" if version in runs else "as resolved before"
        summary.append(f"Python {version}: {len(chosen)} packages, all as locked ({how})")
    print("\n" + "\n".join(summary))
