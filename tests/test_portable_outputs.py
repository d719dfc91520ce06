"""The stored outputs are the same on other CPUs: nbval under other kernels.

A float's last bits depend on the machine: the OpenBLAS kernel picked for the CPU
(``X @ w`` adds in another order, with or without fused multiply-adds) and the
SIMD versions of ``exp`` and ``log`` NumPy dispatches to. A reader's laptop, a
GitHub runner or a Binder node is not the machine the notebooks were stored on,
so every chapter is re-executed here as if on other CPUs, each in a subprocess of
nbval, and compared with the stored outputs exactly as ``make test``'s own nbval
run does (same options, same sanitize file), figures (SVG, compared as text)
included:

- an old CPU: ``OPENBLAS_CORETYPE=Prescott``, OpenBLAS's oldest x86-64 kernels
  (SSE3, no FMA), and NumPy at its baseline: ``NPY_DISABLE_CPU_FEATURES`` switches
  off every SIMD extension NumPy would dispatch to on this CPU (AVX2, AVX-512...),
  so ``exp``, ``log`` and the reductions take an older CPU's code paths too;
- a new one: ``OPENBLAS_CORETYPE=SkylakeX``, OpenBLAS's AVX-512 kernels.

(The main nbval run of ``make test`` covers the machine it runs on.)

The book makes this hold by gluing floats rounded to 12 significant digits
(``infolib.book.glue``), summing code lengths exactly (``math.fsum``), and
asserting a bound where the text's point is "equal up to rounding" instead of
printing the rounding noise itself.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers.book import NOTEBOOKS, ROOT


def _numpy_baseline() -> dict[str, str]:
    """NPY_DISABLE_CPU_FEATURES naming every dispatched feature this CPU has."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    return {"NPY_DISABLE_CPU_FEATURES": " ".join(found)} if found else {}


MACHINES = {
    "old-cpu": {"OPENBLAS_CORETYPE": "Prescott", **_numpy_baseline()},
    "avx512-cpu": {"OPENBLAS_CORETYPE": "SkylakeX"},
}


def _nbval(settings: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(settings)
    # pyproject's addopts apply (--nbval, --nbval-current-env, the sanitize file):
    # the same comparison as the main run, in one process of its own.
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", "--no-header", "-x"]
        + [str(p.relative_to(ROOT)) for p in NOTEBOOKS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def _run(settings: dict[str, str], script: str) -> str:
    env = {**os.environ, **settings}
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_the_openblas_settings_change_the_arithmetic():
    """Else the test below would prove nothing: a BLAS dot product's last bit moves."""
    script = (
        "import numpy as np; r = np.random.default_rng(0);"
        "print((r.random(1001) @ r.random(1001)).hex())"
    )
    dots = {
        name: _run({"OPENBLAS_CORETYPE": s["OPENBLAS_CORETYPE"]}, script)
        for name, s in MACHINES.items()
    }
    assert len(set(dots.values())) > 1, dots


def test_the_numpy_setting_switches_its_simd_off():
    script = (
        "from numpy._core._multiarray_umath import __cpu_features__ as f;"
        "print(sorted(k for k, v in f.items() if v))"
    )
    found = _run(MACHINES["old-cpu"], script)
    for feature in MACHINES["old-cpu"].get("NPY_DISABLE_CPU_FEATURES", "").split():
        assert f"'{feature}'" not in found


@pytest.mark.full
@pytest.mark.parametrize("machine", MACHINES, ids=list(MACHINES))
def test_stored_outputs_hold_on_another_machine(machine):
    run = _nbval(MACHINES[machine])
    assert run.returncode == 0, (
        f"nbval with {MACHINES[machine]} differs from the stored outputs "
        "(glue floats with infolib.book.glue; never print rounding noise):\n"
        + run.stdout[-6000:]
        + run.stderr[-2000:]
    )
    assert " passed" in run.stdout and "failed" not in run.stdout
