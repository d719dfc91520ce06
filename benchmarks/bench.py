"""infolib against its natural peer, SciPy, on the same data in the same process.

Every row times an infolib call and the SciPy call that computes the same
quantity (best of ``repeat`` runs, wall clock), checks that both agree to
1e-10 relative, and measures the peak extra memory of the infolib call with
:mod:`tracemalloc`, as a multiple of the size of its input arrays.

    python -m benchmarks            # full sizes (10^7 numbers a row), best of 9
    python -m benchmarks --quick    # tiny sizes, one run: checks agreement only

The quick mode runs under ``make test`` (``tests/test_benchmark_quick.py``) so
the benchmark never rots; it asserts agreement, never a time.
SciPy is a test-only dependency: infolib itself never imports it.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import time
import tracemalloc
from dataclasses import dataclass
from typing import Callable

import numpy as np
import scipy
import scipy.special
import scipy.stats

import infolib

#: Agreement both sides must reach, relative to the peer's value.
RTOL = 1e-10
SEED = 20261125
#: Timed runs of each side per row (the best counts).
REPEAT = 9


@dataclass
class Case:
    """One row: an infolib call, its peer and the targets it should meet."""

    name: str
    peer_name: str
    make: Callable[[np.random.Generator, bool], tuple]
    ours: Callable[..., np.ndarray]
    peer: Callable[..., np.ndarray]
    target_ratio: float = 1.0  # infolib seconds / peer seconds
    target_memory: float = 2.0  # peak extra memory / input size


@dataclass
class Row:
    case: str
    peer: str
    size: str
    ours_s: float
    peer_s: float
    ratio: float
    target_ratio: float
    memory: float
    peer_memory: float
    target_memory: float
    rel_error: float

    @property
    def agrees(self) -> bool:
        return self.rel_error <= RTOL


# --- data -------------------------------------------------------------------------


def one_distribution(rng: np.random.Generator, quick: bool) -> tuple:
    """One distribution over 10^7 outcomes, a tenth of them exactly 0."""
    n = 1_000 if quick else 10_000_000
    p = rng.random(n)
    p[rng.random(n) < 0.1] = 0.0
    p /= p.sum()
    return (p,)


def batch_of_distributions(rng: np.random.Generator, quick: bool, zeros: bool = True) -> tuple:
    """10^5 distributions of 10 outcomes (rows), some exact zeros in them."""
    m = 100 if quick else 100_000
    p = rng.random((m, 10))
    if zeros:
        p[rng.random((m, 10)) < 0.1] = 0.0
        p[:, 0] += 1e-3  # no all-zero row
    p /= p.sum(axis=1, keepdims=True)
    return (p,)


def batch_pairs(rng: np.random.Generator, quick: bool) -> tuple:
    """Pairs of batches: p with exact zeros, q strictly positive (a model's output)."""
    (p,) = batch_of_distributions(rng, quick, zeros=True)
    (q,) = batch_of_distributions(rng, quick, zeros=False)
    return p, q


def logits_and_labels(rng: np.random.Generator, quick: bool) -> tuple:
    """10^4 samples x 10^3 classes of logits, integer class labels."""
    m, n = (50, 30) if quick else (10_000, 1_000)
    z = rng.normal(scale=3.0, size=(m, n))
    labels = rng.integers(0, n, size=m)
    return labels, z


def logits_and_soft_targets(rng: np.random.Generator, quick: bool) -> tuple:
    """Logits as above; probability targets (label smoothing of 0.1)."""
    labels, z = logits_and_labels(rng, quick)
    n = z.shape[1]
    y = np.full(z.shape, 0.1 / n)
    y[np.arange(len(labels)), labels] += 0.9
    return y, z


# --- the peers ----------------------------------------------------------------------


def scipy_entr_floor(p):
    return scipy.special.entr(p).sum()


def scipy_loss_labels(labels, z):
    log_q = scipy.special.log_softmax(z, axis=1)
    return -np.take_along_axis(log_q, labels[:, None], axis=1)[:, 0]


def scipy_loss_soft(y, z):
    return -(y * scipy.special.log_softmax(z, axis=1)).sum(axis=1)


CASES = [
    Case(
        "entropy(p), 1 x 10^7",
        "scipy.stats.entropy(p)",
        one_distribution,
        infolib.entropy,
        scipy.stats.entropy,
    ),
    Case(
        "entropy(p), 1 x 10^7",
        "scipy.special.entr(p).sum()",
        one_distribution,
        infolib.entropy,
        scipy_entr_floor,
        target_ratio=1.5,
    ),
    Case(
        "entropy(p, axis=1), 10^5 x 10",
        "scipy.stats.entropy(p, axis=1)",
        batch_of_distributions,
        lambda p: infolib.entropy(p, axis=1),
        lambda p: scipy.stats.entropy(p, axis=1),
    ),
    Case(
        "kl_divergence(p, q, axis=1), 10^5 x 10",
        "scipy.stats.entropy(p, q, axis=1)",
        batch_pairs,
        lambda p, q: infolib.kl_divergence(p, q, axis=1),
        lambda p, q: scipy.stats.entropy(p, q, axis=1),
    ),
    Case(
        "cross_entropy_with_logits, labels, 10^4 x 10^3",
        "log_softmax then pick",
        logits_and_labels,
        lambda y, z: infolib.cross_entropy_with_logits(y, z, axis=1),
        scipy_loss_labels,
    ),
    Case(
        "cross_entropy_with_logits, probabilities, 10^4 x 10^3",
        "-(y * log_softmax).sum(1)",
        logits_and_soft_targets,
        lambda y, z: infolib.cross_entropy_with_logits(y, z, axis=1),
        scipy_loss_soft,
    ),
]


# --- measuring ----------------------------------------------------------------------


def best_times(ours: Callable, peer: Callable, args: tuple, repeat: int) -> tuple[float, float]:
    """Best wall-clock times of ``repeat`` calls of each, the two alternating.

    The best run is the least disturbed by other load; alternating the two
    sides exposes both to the same load when the machine is shared.
    """
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for k, func in enumerate((ours, peer)):
            gc.collect()
            start = time.perf_counter()
            func(*args)
            best[k] = min(best[k], time.perf_counter() - start)
    return best[0], best[1]


def peak_memory(func: Callable, args: tuple) -> float:
    """Peak bytes allocated during one call, over the bytes of its array inputs."""
    input_bytes = sum(a.nbytes for a in args if a.dtype == np.float64)
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        func(*args)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return peak / input_bytes


def relative_error(ours, peer) -> float:
    """Largest |ours - peer| / |peer|, elementwise; inf if shapes differ, NaN if any is NaN.

    Equal values (zeros and infinities included) count as 0.
    """
    ours = np.asarray(ours, dtype=np.float64)
    peer = np.asarray(peer, dtype=np.float64)
    if ours.shape != peer.shape:
        return float("inf")
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(ours == peer, 0.0, np.abs(ours - peer) / np.abs(peer))
    if np.isnan(ours).any() or np.isnan(peer).any():
        return float("nan")
    return float(np.max(rel)) if rel.size else 0.0


def size_of(args: tuple) -> str:
    shape = args[-1].shape
    return " x ".join(str(s) for s in shape)


def run(quick: bool = False, repeat: int | None = None) -> list[Row]:
    """Measure every case; ``quick`` uses tiny inputs and one timing run."""
    repeat = repeat or (1 if quick else REPEAT)
    rows = []
    for case in CASES:
        # neither side modifies its input: tests/test_benchmark_quick.py checks both
        args = case.make(np.random.default_rng(SEED), quick)
        ours = case.ours(*args)
        peer = case.peer(*args)
        ours_s, peer_s = best_times(case.ours, case.peer, args, repeat)
        rows.append(
            Row(
                case=case.name,
                peer=case.peer_name,
                size=size_of(args),
                ours_s=ours_s,
                peer_s=peer_s,
                ratio=ours_s / peer_s,
                target_ratio=case.target_ratio,
                memory=peak_memory(case.ours, args),
                peer_memory=peak_memory(case.peer, args),
                target_memory=case.target_memory,
                rel_error=relative_error(ours, peer),
            )
        )
    return rows


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table (paste it into benchmarks/README.md as it is)."""
    lines = [
        "| infolib call | peer | infolib s | peer s | ratio (target) "
        "| infolib peak extra memory (target) | peer peak extra memory | max rel. diff |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ok_t = "ok" if r.ratio <= r.target_ratio else "MISSED"
        ok_m = "ok" if r.memory <= r.target_memory else "MISSED"
        lines.append(
            f"| `{r.case}` | `{r.peer}` | {r.ours_s:.4f} | {r.peer_s:.4f} "
            f"| {r.ratio:.2f} (<= {r.target_ratio:g}, {ok_t}) "
            f"| {r.memory:.2f}x (<= {r.target_memory:g}x, {ok_m}) | {r.peer_memory:.2f}x "
            f"| {r.rel_error:.1e} |"
        )
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"NumPy {np.__version__}, SciPy {scipy.__version__}, infolib {infolib.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run (a smoke test)")
    parser.add_argument(
        "--repeat", type=int, default=None, help=f"timed runs per side (default {REPEAT})"
    )
    args = parser.parse_args(argv)
    rows = run(quick=args.quick, repeat=args.repeat)
    mode = "quick mode (tiny sizes: the times mean nothing)" if args.quick else "best of"
    runs = "" if args.quick else f" {args.repeat or REPEAT} runs, the two sides alternating"
    print(f"infolib vs SciPy, {mode}{runs}; {machine()}\n")
    print(table(rows))
    bad = [r.case for r in rows if not r.agrees]
    if bad:
        print(f"\nDISAGREEMENT beyond {RTOL:g} relative: {bad}")
        return 1
    print(f"\nEvery row agrees with SciPy to {RTOL:g} relative.")
    return 0
