"""Entropy: the expected information content of a distribution.

Introduced in chapter 2, *Entropy*.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

from ._validation import BLOCK, as_distribution, as_probabilities, log_of_base

__all__ = ["entropy", "binary_entropy"]

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


def _xlogx(x: np.ndarray) -> np.ndarray:
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


#: Vectors longer than this are processed in blocks by :func:`sum_xlogx`.
LONG = 1 << 20


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


def entropy(p: ArrayLike, base: Optional[float] = None, axis: int = -1) -> np.ndarray:
    r"""Shannon entropy of the distribution(s) ``p``.

    Parameters
    ----------
    p : array_like
        Probability vector(s) along ``axis``: values in [0, 1] summing to 1
        (within 1e-6). Never normalised silently.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.
    axis : int, optional
        Axis along which the outcomes lie (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        :math:`H(p)`, float64: a scalar for a single distribution, otherwise
        ``p``'s shape without ``axis``.

    Raises
    ------
    ValueError
        If ``p`` contains NaN, a value outside [0, 1], does not sum to 1
        along ``axis``, has no outcomes along ``axis``, or ``base`` is
        invalid. (A batch of no distributions, shape ``(0, n)``, gives an
        empty result.)

    See Also
    --------
    binary_entropy : the two-outcome case as a function of one probability.
    cross_entropy, kl_divergence

    Notes
    -----
    .. math:: H(p) = -\sum_{i=1}^{n} p_i \log_b p_i,

    with :math:`0 \log 0 = 0` (the limit of :math:`x \log x` as
    :math:`x \to 0`), so impossible outcomes contribute nothing.
    :math:`0 \le H(p) \le \log_b n`, with the upper bound reached only by
    the uniform distribution.

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
       2nd ed., Wiley, 2006, ch. 2.

    Examples
    --------
    A fair coin has one bit of entropy, 16 equal outcomes have four:

    >>> from infolib import entropy
    >>> float(entropy([0.5, 0.5], base=2))
    1.0
    >>> float(entropy([1 / 16] * 16, base=2))
    4.0

    The source article's computer example, in nats:

    >>> round(float(entropy([0.7, 0.2, 0.1])), 4)
    0.8018
    """
    probs = as_distribution(p, "p", axis)
    ln_base = log_of_base(base)
    h = 0.0 - sum_xlogx(probs, axis % probs.ndim)
    if ln_base != 1.0:
        h /= ln_base
    return h


def binary_entropy(p: ArrayLike, base: Optional[float] = None) -> np.ndarray:
    r"""Entropy of a two-outcome (Bernoulli) distribution, elementwise in ``p``.

    Parameters
    ----------
    p : array_like
        Probability of one of the two outcomes, each in [0, 1]. Any shape.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.

    Returns
    -------
    numpy.ndarray or numpy.float64
        :math:`H_b(p)`, float64, same shape as ``p``; 0 at ``p = 0`` and
        ``p = 1``.

    Raises
    ------
    ValueError
        If ``p`` contains NaN or a value outside [0, 1], or ``base`` is
        invalid.

    See Also
    --------
    entropy : the general case.

    Notes
    -----
    .. math:: H_b(p) = -p \log_b p - (1 - p) \log_b (1 - p).

    The maximum is :math:`\log_b 2` at :math:`p = 1/2`: one bit. The second
    term uses ``log1p`` so that small ``p`` keeps full precision.

    Examples
    --------
    >>> from infolib import binary_entropy
    >>> binary_entropy([0.0, 0.5, 1.0], base=2)
    array([0., 1., 0.])
    """
    probs = as_probabilities(p, "p")
    ln_base = log_of_base(base)
    q = 1.0 - probs
    # (1 - p) log(1 - p), 0 at p = 1: clamping p to the largest double below 1
    # keeps log1p finite without a masked (slow) call and changes nothing else.
    second = np.log1p(-np.minimum(probs, BELOW_ONE))
    second *= q
    h = 0.0 - (_xlogx(probs) + second)
    if ln_base != 1.0:
        h /= ln_base
    return h
