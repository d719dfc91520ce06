"""KL divergence and cross-entropy between two distributions.

Introduced in chapter 3, *KL divergence*, and chapter 4, *Cross-entropy*.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

from ._numerics import safe_log, sum_xlogy
from ._validation import (
    as_float_array,
    axis_of_both,
    broadcast_shape,
    distribution_and_min,
    log_of_base,
)

__all__ = ["kl_divergence", "cross_entropy"]


def _pair(p: ArrayLike, q: ArrayLike, axis: int) -> tuple[np.ndarray, np.ndarray, tuple, int, bool]:
    """Validate two distributions along ``axis``.

    Returns them, their broadcast shape, ``axis`` as an index of that shape, and
    whether every value of ``q`` is positive. The axis rule is checked first:
    sums along an axis that names different axes of ``p`` and ``q`` would mislead.
    """
    pp, qq = as_float_array(p, "p"), as_float_array(q, "q")
    ax = axis_of_both(pp, qq, axis, "p", "q")
    pp, _, _ = distribution_and_min(pp, "p", axis)
    qq, q_min, _ = distribution_and_min(qq, "q", axis)
    shape = broadcast_shape(pp, qq, "p", "q")
    return pp, qq, shape, ax, q_min > 0


def _log_where(x: np.ndarray, where: np.ndarray, shape: tuple) -> np.ndarray:
    """log x where ``where`` holds and 0 elsewhere, in a new array of ``shape``.

    log 0 = -inf without a RuntimeWarning.
    """
    out = np.zeros(shape)
    with np.errstate(divide="ignore"):
        np.log(x, out=out, where=where)
    return out


def kl_divergence(
    p: ArrayLike, q: ArrayLike, base: Optional[float] = None, axis: int = -1
) -> np.ndarray:
    r"""Kullback-Leibler divergence :math:`D_{KL}(p \| q)` of ``q`` from ``p``.

    Parameters
    ----------
    p : array_like
        The reference ("true") distribution(s): values in [0, 1] summing to 1
        along ``axis``.
    q : array_like
        The approximating ("model") distribution(s), same rules. ``p`` and
        ``q`` broadcast against each other.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.
    axis : int, optional
        Axis along which the outcomes lie (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        :math:`D_{KL}(p \| q) \ge 0`, float64: a scalar for one pair,
        otherwise the broadcast shape without ``axis``. ``+inf`` when ``q``
        gives probability 0 to an outcome that ``p`` can produce.

    Raises
    ------
    ValueError
        If either argument is not a valid distribution along ``axis``, the
        two do not broadcast, or ``base`` is invalid.

    See Also
    --------
    cross_entropy : :math:`H(p, q) = H(p) + D_{KL}(p \| q)`.

    Notes
    -----
    .. math:: D_{KL}(p \| q) = \sum_i p_i \log_b \frac{p_i}{q_i},

    where terms with :math:`p_i = 0` are 0. It is the extra information, on
    average, needed to describe outcomes drawn from :math:`p` with a code
    built for :math:`q`. It is not symmetric. Gibbs' inequality gives
    :math:`D_{KL} \ge 0`, with equality only when :math:`p = q`; a result
    that rounding would leave a hair below 0 is returned as 0.

    The outcomes lie along the last axis by default (one distribution per
    row), unlike ``scipy.stats.entropy(p, q)``, whose default ``axis=0``
    takes them down the columns: pass ``axis=0`` for SciPy's layout. A
    non-negative ``axis`` needs ``p`` and ``q`` of the same number of
    dimensions (broadcasting aligns them from the end); a negative one always
    names the same axis of both.

    References
    ----------
    .. [1] S. Kullback and R. A. Leibler, "On Information and Sufficiency",
       Annals of Mathematical Statistics 22(1), 1951.

    Examples
    --------
    The source article's label and prediction:

    >>> from infolib import kl_divergence
    >>> round(float(kl_divergence([1, 0, 0], [0.7, 0.2, 0.1])), 4)
    0.3567
    >>> float(kl_divergence([0.5, 0.5], [0.5, 0.5]))
    0.0
    """
    pp, qq, shape, ax, q_positive = _pair(p, q, axis)
    ln_base = log_of_base(base)
    if q_positive:
        # Every log q is finite: no mask needed, and p = 0 gives 0 * finite = 0.
        log_ratio = safe_log(pp)
        if log_ratio.shape == shape:
            log_ratio -= np.log(qq)
        else:
            log_ratio = log_ratio - np.log(qq)
        d = np.maximum(sum_xlogy(pp, log_ratio, ax), 0.0)
    else:  # q has zeros: log q = -inf where p > 0 must give +inf, and 0 where p = 0
        support = pp > 0
        log_ratio = _log_where(pp, support, shape)
        log_ratio -= _log_where(qq, support, shape)
        log_ratio *= pp
        d = np.maximum(log_ratio.sum(axis=ax), 0.0)
    if ln_base != 1.0:
        d /= ln_base
    return d


def cross_entropy(
    p: ArrayLike, q: ArrayLike, base: Optional[float] = None, axis: int = -1
) -> np.ndarray:
    r"""Cross-entropy :math:`H(p, q)` of ``q`` relative to ``p``.

    Parameters
    ----------
    p : array_like
        The reference ("true") distribution(s), e.g. one-hot labels: values
        in [0, 1] summing to 1 along ``axis``.
    q : array_like
        The model's distribution(s), same rules; broadcasts against ``p``.
    base : float, optional
        Base of the logarithm: ``None`` (default) for nats, ``2`` for bits.
    axis : int, optional
        Axis along which the outcomes lie (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        :math:`H(p, q)`, float64: a scalar for one pair, otherwise the
        broadcast shape without ``axis``. ``+inf`` when ``q`` gives
        probability 0 to an outcome that ``p`` can produce.

    Raises
    ------
    ValueError
        If either argument is not a valid distribution along ``axis``, the
        two do not broadcast, or ``base`` is invalid.

    See Also
    --------
    kl_divergence, entropy
    cross_entropy_with_logits : the same loss computed stably from logits.

    Notes
    -----
    .. math:: H(p, q) = -\sum_i p_i \log_b q_i = H(p) + D_{KL}(p \| q),

    where terms with :math:`p_i = 0` are 0. It is the average code length
    (in units of ``base``) when outcomes drawn from :math:`p` are encoded
    with the ideal code for :math:`q` (codeword lengths :math:`-\log q_i`).
    For a one-hot :math:`p`, :math:`H(p) = 0` and the cross-entropy is
    :math:`-\log q_y`, the negative log-likelihood of the label.

    The outcomes lie along the last axis by default (one distribution per
    row), unlike SciPy's ``scipy.stats.entropy``, whose default ``axis=0``
    takes them down the columns: pass ``axis=0`` for SciPy's layout. A
    non-negative ``axis`` needs ``p`` and ``q`` of the same number of
    dimensions (broadcasting aligns them from the end); a negative one always
    names the same axis of both.

    Examples
    --------
    >>> from infolib import cross_entropy
    >>> round(float(cross_entropy([1, 0, 0], [0.7, 0.2, 0.1])), 4)
    0.3567
    >>> float(cross_entropy([0.5, 0.5], [0.5, 0.5], base=2))
    1.0
    """
    pp, qq, shape, ax, q_positive = _pair(p, q, axis)
    ln_base = log_of_base(base)
    if q_positive:  # every log q is finite: no mask needed
        h = 0.0 - sum_xlogy(pp, np.log(qq), ax)
    else:  # q has zeros: -inf where p > 0 (an infinite loss), 0 where p = 0
        log_q = _log_where(qq, pp > 0, shape)
        log_q *= pp
        h = 0.0 - log_q.sum(axis=ax)
    if ln_base != 1.0:
        h /= ln_base
    return h
