"""The logistic sigmoid and its logarithm: the two-class case of the softmax.

Introduced in chapter 5, *Why cross-entropy works as a loss* (logistic
regression).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array

__all__ = ["sigmoid", "log_sigmoid"]


def _as_scores(z: ArrayLike) -> np.ndarray:
    """``z`` as float64 without NaN (``+-inf`` are allowed: their limits exist)."""
    arr = as_float_array(z, "z")
    if arr.size and np.isnan(arr).any():
        raise ValueError("`z` contains NaN; logits must be numbers (+-inf allowed)")
    return arr


def sigmoid(z: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})`, elementwise and stable.

    Parameters
    ----------
    z : array_like
        Real scores (logits), any shape; ``+inf`` and ``-inf`` give 1 and 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        :math:`\sigma(z) \in [0, 1]`, float64, same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.

    See Also
    --------
    log_sigmoid : :math:`\log \sigma(z)` without underflow.
    softmax : :math:`\sigma(z)` is the second entry of ``softmax([0, z])``.

    Notes
    -----
    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{-|z|}}{1 + e^{-|z|}}
        \ (z < 0), \qquad 1 - \sigma(z) = \sigma(-z).

    Only :math:`e^{-|z|} \le 1` is ever computed, so no exponential
    overflows (the textbook form warns for :math:`z < -709`). It is the
    probability of class 1 in a two-class softmax with logits
    :math:`(0, z)`.

    Examples
    --------
    >>> from infolib import sigmoid
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    """
    x = _as_scores(z)
    e = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1.0, e) / (1.0 + e)
    return out[()]


def log_sigmoid(z: ArrayLike) -> np.ndarray:
    r"""Logarithm of the logistic sigmoid, :math:`\log \sigma(z)`, computed stably.

    Parameters
    ----------
    z : array_like
        Real scores (logits), any shape; ``-inf`` gives ``-inf``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        :math:`\log \sigma(z) = -\log(1 + e^{-z}) \le 0`, float64, same shape
        as ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.

    See Also
    --------
    sigmoid
    log_softmax : the many-class version.

    Notes
    -----
    .. math:: \log \sigma(z) = -\operatorname{logaddexp}(0, -z),

    finite wherever :math:`z` is, even where :math:`\sigma(z)` underflows to
    0 (``np.log(sigmoid(-1000))`` would be ``-inf``). The two-class
    cross-entropy of a label :math:`y \in \{0, 1\}` is then
    :math:`-y \log \sigma(z) - (1 - y) \log \sigma(-z)`.

    Examples
    --------
    >>> from infolib import log_sigmoid
    >>> float(log_sigmoid(-1000.0))
    -1000.0
    >>> round(float(-log_sigmoid(0.0)), 4)  # ln 2
    0.6931
    """
    x = _as_scores(z)
    return (0.0 - np.logaddexp(0.0, -x))[()]
