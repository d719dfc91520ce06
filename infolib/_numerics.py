"""The numerical kernels every infolib module shares (private module).

``x log x`` and ``x log y`` summed along an axis without a masked logarithm,
and the block sizes of the cache-friendly loops. The public modules import
from here, never from one another.

Two idioms recur across the package:

- ``0.0 - x`` instead of ``-x`` for a result that is a negated sum: the sum of
  an all-zero distribution is ``0.0`` and ``-0.0`` would print as ``-0.0``;
  ``0.0 - 0.0`` is ``+0.0``, and for every other ``x`` the two are the same.
- ``log(max(x, TINY))`` instead of ``log(x, where=x > 0)``: see :data:`TINY`.
"""

from __future__ import annotations

import numpy as np

#: Elements per block when scanning a large array (512 KiB of float64: fits in L2).
BLOCK = 1 << 16

#: Vectors longer than this are processed in blocks by :func:`sum_xlogx`.
LONG = 1 << 20

#: The smallest positive float64 (a subnormal, about 4.9e-324). Every
#: positive float64 is at least TINY, so ``max(x, TINY)`` changes nothing but
#: zeros, and ``log(max(x, TINY))`` is finite (>= -744.5) for every probability:
#: ``x * log(max(x, TINY))`` is exactly ``x log x``, and exactly 0 at ``x = 0``.
#: That gives ``0 log 0 = 0`` without a masked ``np.log(..., where=x > 0)``,
#: which is several times slower than a plain logarithm in NumPy.
TINY = np.finfo(np.float64).smallest_subnormal

#: The largest float64 below 1.
BELOW_ONE = np.nextafter(1.0, 0.0)


def safe_log(x: np.ndarray) -> np.ndarray:
    """``log(max(x, TINY))`` in a new array: finite for every x in [0, 1]."""
    out = np.maximum(x, TINY)
    if isinstance(out, np.ndarray):
        return np.log(out, out=out)
    return np.log(out)  # a 0-d input gives a NumPy scalar


def xlogx(x: np.ndarray) -> np.ndarray:
    """Elementwise x log x with 0 log 0 = 0, without a RuntimeWarning."""
    logx = safe_log(x)
    logx *= x
    return logx


def sum_xlogy(x: np.ndarray, logy: np.ndarray, axis: int) -> np.ndarray:
    """``sum(x * logy)`` along ``axis`` (non-negative); may overwrite ``logy``.

    The product is taken in place when the shapes allow; the sum is NumPy's
    (pairwise), so the result does not depend on the BLAS library, the CPU or
    the batch a distribution comes in: notebooks reproduce bit for bit.
    """
    if logy.shape == np.broadcast_shapes(x.shape, logy.shape):
        np.multiply(logy, x, out=logy)
    else:
        logy = logy * x
    return logy.sum(axis=axis)


def sum_xlogx(x: np.ndarray, axis: int) -> np.ndarray:
    """``sum(x log x)`` along ``axis`` (non-negative), with ``0 log 0 = 0``.

    A vector longer than :data:`LONG` (a million numbers) is processed in
    blocks of :data:`BLOCK` through one small reused buffer (clamp, log,
    multiply and sum while the block is in the CPU cache): no array of the
    input's size is allocated, and memory is read once. Its sum is then
    pairwise within blocks, so its last bits can differ from a whole-array sum.
    """
    if x.ndim == 1 and x.size > LONG and x.flags.c_contiguous:
        buf = np.empty(BLOCK)
        parts = np.empty(-(-x.size // BLOCK))
        for k, i in enumerate(range(0, x.size, BLOCK)):
            block = x[i : i + BLOCK]
            b = buf[: block.size]
            np.maximum(block, TINY, out=b)
            np.log(b, out=b)
            b *= block
            parts[k] = b.sum()
        return parts.sum()
    return sum_xlogy(x, safe_log(x), axis)
