"""Input checks shared by every infolib function (private module).

Each checker turns an array-like into a float64 NumPy array, or raises a
``ValueError`` whose message names the argument, the rule it broke and what
was seen (a ``TypeError`` for an argument that is not numeric at all). The
caller's array is never modified: when the input already is a float64 array
it is used as it is (read only), otherwise a converted copy is made.

They are written to read the data as few times as possible (the checks run on
every call, as shipped): one pass finds both the minimum and the maximum, in
blocks that stay in the CPU cache; the sums of a batch of short distributions
are screened with one ``np.einsum`` pass, not a slow reduction along a short axis.
Verdicts and messages are exactly those of NumPy's own sums.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

from ._numerics import BLOCK

#: How far the sum of a distribution may stray from 1.
SUM_TOLERANCE = 1e-6


def as_float_array(x: ArrayLike, name: str) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise naming ``name``.

    A nested sequence whose rows differ in length (``[[0.5, 0.5], [1.0]]``)
    raises a ``ValueError`` saying it is ragged; anything else that is not
    numeric a ``TypeError``.
    """
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        as_array(x, name)  # a ragged x: say so
        raise TypeError(f"`{name}` must be numeric array-like; got {x!r}") from exc


def as_array(x: ArrayLike, name: str) -> np.ndarray:
    """Return ``x`` as a NumPy array of its own dtype; a ragged ``x`` raises naming ``name``."""
    try:
        return np.asarray(x)
    except ValueError:  # NumPy refuses nested sequences of different lengths
        raise ValueError(
            f"`{name}` is ragged (nested sequences of different lengths); it must be "
            f"a rectangular array of numbers; got {x!r}"
        ) from None


def min_max(arr: np.ndarray) -> tuple[float, float]:
    """Minimum and maximum of a non-empty array in one pass over memory.

    A large contiguous array is scanned block by block: each block's minimum
    and maximum are taken while it is in the cache, so the data are read from
    memory once instead of twice. NaN propagates to both results.
    """
    if arr.size <= BLOCK or not (arr.flags.c_contiguous or arr.flags.f_contiguous):
        return float(arr.min()), float(arr.max())
    flat = arr.ravel(order="K")  # a view: the array is contiguous
    starts = range(0, flat.size, BLOCK)
    lows = np.empty(len(starts))
    highs = np.empty(len(starts))
    for k, i in enumerate(starts):
        block = flat[i : i + BLOCK]
        lows[k] = block.min()
        highs[k] = block.max()
    return float(lows.min()), float(highs.max())


def sums_are_clearly_one(arr: np.ndarray, axis: int) -> bool:
    """True if every sum along ``axis`` is within the tolerance of 1 by a wide margin.

    A quick screen for a batch of short distributions: one ``np.einsum``
    pass, several times faster than NumPy's reduction along a short inner
    axis (and single-threaded, unlike a BLAS matrix-vector product, which
    stalls when a shared machine has no idle core). It may add in another
    order, so only a clear verdict is trusted (margin 1e-9, a million times
    any rounding difference); anything else is decided by the exact sums.
    """
    n = arr.shape[axis]
    if arr.ndim == 1 or n > BLOCK:
        return False
    sums = np.einsum("...i->...", np.moveaxis(arr, axis, -1))
    return bool(np.abs(sums - 1.0).max() <= SUM_TOLERANCE - 1e-9)


def as_probabilities(x: ArrayLike, name: str) -> np.ndarray:
    """Return ``x`` as float64 probabilities: every value finite and in [0, 1]."""
    return probabilities_and_min(x, name)[0]


def probabilities_and_min(x: ArrayLike, name: str) -> tuple[np.ndarray, float]:
    """:func:`as_probabilities`, and the smallest value (NaN if ``x`` is empty)."""
    arr = as_float_array(x, name)
    if arr.size == 0:
        return arr, math.nan
    lo, hi = min_max(arr)
    if math.isnan(lo) or math.isnan(hi):
        raise ValueError(f"`{name}` contains NaN; probabilities must be numbers in [0, 1]")
    if lo < 0:
        raise ValueError(f"`{name}` must be non-negative; got a value {float(lo)!r}")
    if hi > 1:
        raise ValueError(f"`{name}` must be at most 1; got a value {float(hi)!r}")
    return arr, lo


def _not_a_scalar(arr: np.ndarray, name: str) -> None:
    """Refuse a 0-d ``arr``: a distribution needs an axis of outcomes."""
    if arr.ndim == 0:
        raise ValueError(
            f"`{name}` must have at least one dimension (a distribution); got a scalar"
        )


def _an_integer(axis: object) -> None:
    """Refuse an ``axis`` that is not an integer (``True`` included)."""
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
        raise TypeError(f"`axis` must be an integer; got {axis!r}")


def normalised_axis(arr: np.ndarray, axis: int, name: str) -> int:
    """Check that ``axis`` is an axis of ``arr`` and return it as a non-negative index."""
    _not_a_scalar(arr, name)
    _an_integer(axis)
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"`axis` {axis} is out of range for `{name}` with {arr.ndim} dimension(s)")
    return int(axis) % arr.ndim


def axis_of_both(a: np.ndarray, b: np.ndarray, axis: int, name_a: str, name_b: str) -> int:
    """Check that ``axis`` names the same axis of ``a`` and ``b``; return it for their broadcast.

    Broadcasting aligns arrays from the end, so a non-negative axis would name
    different axes of two arrays that differ in dimensions; counted from the end
    it names the same one. This rule is checked before anything about the
    values (sums along the wrong axis would only mislead). The result is the
    non-negative index of the axis in the broadcast shape.
    """
    _not_a_scalar(a, name_a)
    _not_a_scalar(b, name_b)
    _an_integer(axis)
    if axis >= 0 and a.ndim != b.ndim:
        raise ValueError(
            f"`axis` {axis} is ambiguous: `{name_a}` has {a.ndim} dimension(s) and "
            f"`{name_b}` {b.ndim}; count it from the end (a negative axis) so that it "
            "names the same axis of both"
        )
    normalised_axis(a, axis, name_a)
    normalised_axis(b, axis, name_b)
    return int(axis) % max(a.ndim, b.ndim)


def as_distribution(x: ArrayLike, name: str, axis: int) -> tuple[np.ndarray, int]:
    """Return ``x`` as float64 probability vectors along ``axis`` that sum to 1.

    Also returns ``axis`` as a non-negative index.
    """
    arr, _, ax = distribution_and_min(x, name, axis)
    return arr, ax


def distribution_and_min(x: ArrayLike, name: str, axis: int) -> tuple[np.ndarray, float, int]:
    """:func:`as_distribution`, with the smallest probability (NaN if ``x`` is empty)."""
    arr, lo = probabilities_and_min(x, name)
    ax = normalised_axis(arr, axis, name)
    if arr.shape[ax] == 0:
        raise ValueError(f"`{name}` is an empty distribution (no outcomes along axis {axis})")
    if arr.size == 0 or sums_are_clearly_one(arr, ax):
        return arr, lo, ax
    total = arr.sum(axis=ax)  # NumPy's pairwise sums: they decide, and name the worst row
    worst = np.abs(total - 1.0)
    i = int(np.argmax(worst)) if worst.ndim else 0
    if worst.reshape(-1)[i] > SUM_TOLERANCE:
        seen = float(total.reshape(-1)[i])
        raise ValueError(
            f"`{name}` must sum to 1 along axis {axis} (within {SUM_TOLERANCE:g}); got {seen!r}"
        )
    return arr, lo, ax


def as_logits(x: ArrayLike, name: str, axis: int) -> tuple[np.ndarray, int]:
    """Return ``x`` as a finite float64 array with a non-empty ``axis``, and ``axis``
    as a non-negative index."""
    arr = as_float_array(x, name)
    ax = normalised_axis(arr, axis, name)
    if arr.shape[ax] == 0:
        raise ValueError(f"`{name}` is empty along axis {axis} (no classes)")
    if arr.size:
        lo, hi = min_max(arr)
        if not (math.isfinite(lo) and math.isfinite(hi)):
            bad = "NaN" if np.isnan(arr).any() else "inf"
            raise ValueError(f"`{name}` contains {bad}; logits must be finite numbers")
        if not math.isfinite(hi - lo):
            raise ValueError(
                f"`{name}` spans more than the largest float64 (max - min overflows: "
                f"{hi!r} - {lo!r}); rescale the logits"
            )
    return arr, ax


def broadcast_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> tuple:
    """Return the broadcast shape of ``a`` and ``b``, or raise naming both."""
    try:
        return np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"`{name_a}` with shape {a.shape} and `{name_b}` with shape {b.shape} do not broadcast"
        ) from None


def log_of_base(base: Optional[float]) -> float:
    """Return ln(base), the divisor that turns nats into the unit of ``base``.

    ``base=None`` means natural logarithms (nats) and gives 1.0.
    """
    if base is None:
        return 1.0
    try:
        b = float(base)
    except (TypeError, ValueError):
        raise TypeError(f"`base` must be a number or None; got {base!r}") from None
    if math.isnan(b) or math.isinf(b) or b <= 0 or b == 1:
        raise ValueError(f"`base` must be a finite number > 0 and != 1; got {base!r}")
    return math.log(b)
