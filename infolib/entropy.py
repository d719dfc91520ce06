"""Entropy: the expected information content of a distribution.

Introduced in chapter 2, *Entropy*.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

from ._numerics import BELOW_ONE, sum_xlogx, xlogx
from ._validation import as_distribution, as_probabilities, log_of_base

__all__ = ["entropy", "binary_entropy"]


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

    The outcomes lie along the last axis by default (one distribution per
    row), unlike ``scipy.stats.entropy``, whose default ``axis=0`` takes them
    down the columns: pass ``axis=0`` for SciPy's layout.

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
    probs, ax = as_distribution(p, "p", axis)
    ln_base = log_of_base(base)
    h = 0.0 - sum_xlogx(probs, ax)
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
        :math:`h(p)`, float64, same shape as ``p``; 0 at ``p = 0`` and
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
    .. math:: h(p) = -p \log_b p - (1 - p) \log_b (1 - p).

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
    h = 0.0 - (xlogx(probs) + second)
    if ln_base != 1.0:
        h /= ln_base
    return h
