"""How long each chapter notebook takes to execute from a fresh kernel.

    python -m benchmarks.notebooks [NOTEBOOK ...]   # default: every chapters/*.ipynb

Prints one line per notebook (best of ``--repeat`` runs, kernel start-up
included) and flags any notebook above the 20 s budget of benchmarks/README.md. It
executes copies in memory: the stored notebooks are never rewritten. A report,
not a test: timings never fail the test suite on a shared, noisy machine.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 20.0


def execute_seconds(path: Path, repeat: int = 1) -> float:
    """Best wall-clock time of executing ``path`` top to bottom in a fresh kernel."""
    best = float("inf")
    for _ in range(repeat):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        start = time.perf_counter()
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's own start-up chatter
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.notebooks")
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (default 3)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb"))
    over = []
    print(f"Notebook execution, best of {args.repeat}, fresh kernel (budget {BUDGET_S:g} s):")
    for path in paths:
        seconds = execute_seconds(path, args.repeat)
        flag = "" if seconds <= BUDGET_S else "  OVER BUDGET"
        print(f"  {path.name}: {seconds:.1f} s{flag}")
        if flag:
            over.append(path.name)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
