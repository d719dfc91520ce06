"""Input checks shared by every infolib function (private module).

Each checker turns an array-like into a float64 NumPy array, or raises a
``ValueError`` whose message names the argument, the rule it broke and what
was seen.  The caller's array is never modified: when the input already is a
float64 array it is used as it is (read only), otherwise a converted copy is
made.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

#: How far the sum of a distribution may stray from 1.
SUM_TOLERANCE = 1e-6


def as_float_array(x: ArrayLike, name: str) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise naming ``name``."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be numeric array-like; got {x!r}") from exc
    return arr


def as_probabilities(x: ArrayLike, name: str) -> np.ndarray:
    """Return ``x`` as float64 probabilities: every value finite and in [0, 1]."""
    arr = as_float_array(x, name)
    if arr.size == 0:
        return arr
    lo = arr.min()
    hi = arr.max()
    if math.isnan(lo) or math.isnan(hi):
        raise ValueError(f"`{name}` contains NaN; probabilities must be numbers in [0, 1]")
    if lo < 0:
        raise ValueError(f"`{name}` must be non-negative; got a value {float(lo)!r}")
    if hi > 1:
        raise ValueError(f"`{name}` must be at most 1; got a value {float(hi)!r}")
    return arr


def normalised_axis(arr: np.ndarray, axis: int, name: str) -> int:
    """Check that ``axis`` is an axis of ``arr`` and return it as a non-negative index."""
    if arr.ndim == 0:
        raise ValueError(
            f"`{name}` must have at least one dimension (a distribution); got a scalar"
        )
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
        raise TypeError(f"`axis` must be an integer; got {axis!r}")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"`axis` {axis} is out of range for `{name}` with {arr.ndim} dimension(s)")
    return int(axis) % arr.ndim


def as_distribution(x: ArrayLike, name: str, axis: int) -> np.ndarray:
    """Return ``x`` as float64 probability vectors along ``axis`` that sum to 1."""
    arr = as_probabilities(x, name)
    ax = normalised_axis(arr, axis, name)
    if arr.shape[ax] == 0:
        raise ValueError(f"`{name}` is an empty distribution (no outcomes along axis {axis})")
    if arr.size == 0:
        return arr
    total = arr.sum(axis=ax)
    worst = np.abs(total - 1.0)
    i = int(np.argmax(worst)) if worst.ndim else 0
    if worst.reshape(-1)[i] > SUM_TOLERANCE:
        seen = float(total.reshape(-1)[i])
        raise ValueError(
            f"`{name}` must sum to 1 along axis {axis} (within {SUM_TOLERANCE:g}); got {seen!r}"
        )
    return arr


def as_logits(x: ArrayLike, name: str, axis: int) -> np.ndarray:
    """Return ``x`` as a finite float64 array with a non-empty ``axis``."""
    arr = as_float_array(x, name)
    ax = normalised_axis(arr, axis, name)
    if arr.shape[ax] == 0:
        raise ValueError(f"`{name}` is empty along axis {axis} (no classes)")
    if arr.size and not (math.isfinite(arr.max()) and math.isfinite(arr.min())):
        bad = "NaN" if np.isnan(arr).any() else "inf"
        raise ValueError(f"`{name}` contains {bad}; logits must be finite numbers")
    return arr


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
