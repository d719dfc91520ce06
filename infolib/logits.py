"""Softmax, log-softmax and the cross-entropy loss computed from logits.

Introduced in chapter 5, *Why cross-entropy works as a loss*.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._numerics import BLOCK
from ._validation import (
    as_array,
    as_distribution,
    as_float_array,
    as_logits,
    axis_of_both,
    broadcast_shape,
)

__all__ = ["softmax", "log_softmax", "cross_entropy_with_logits"]


def _shifted(z: np.ndarray, axis: int) -> np.ndarray:
    """Logits minus their maximum along ``axis`` (a new array; largest entry 0)."""
    return z - z.max(axis=axis, keepdims=True)


def _rows(z: np.ndarray, axis: int) -> np.ndarray:
    """``z`` as a C-contiguous 2-D array, one row per sample (classes along ``axis``).

    A view when the classes lie along the last axis of a C-contiguous array
    (the usual layout); a copy otherwise.
    """
    moved = np.moveaxis(z, axis, -1)
    return np.ascontiguousarray(moved).reshape(-1, z.shape[axis])


def _log_sum_exp(
    z2: np.ndarray, row_max: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray | None]:
    r"""``log sum_j exp(z_ij - m_i)`` for each row ``i`` of ``z2``; ``m`` is ``row_max``.

    With ``weights`` (an array shaped like ``z2``), also
    ``sum_j w_ij log softmax(z_i)_j`` per row, else ``None``.

    The rows are processed in blocks of about :data:`BLOCK` numbers through
    small reused buffers (shift, exponentiate, sum), so the exponentials never
    exist all at once and each block stays in the CPU cache. The sums are
    NumPy's, row by row, so a sample's result does not depend on the batch it
    comes in; every function of this module that needs the log-sum-exp calls
    this one, so they agree to the last bit.
    """
    m, n = z2.shape
    per_block = max(1, BLOCK // n)
    shifted = np.empty((min(per_block, m), n))
    exps = np.empty_like(shifted)
    lse = np.empty(m)
    dots = None if weights is None else np.empty(m)
    for i in range(0, m, per_block):
        rows = slice(i, i + per_block)
        b = shifted[: min(per_block, m - i)]
        e = exps[: len(b)]
        np.subtract(z2[rows], row_max[rows, None], out=b)
        np.exp(b, out=e)
        e.sum(axis=1, out=lse[rows])
        np.log(lse[rows], out=lse[rows])
        if weights is not None:  # log softmax = shifted - lse, weighted and summed
            b -= lse[rows, None]
            b *= weights[rows]
            b.sum(axis=1, out=dots[rows])
    return lse, dots


def log_softmax(logits: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Logarithm of the softmax of ``logits``, computed stably.

    Parameters
    ----------
    logits : array_like
        Finite real scores, one per class along ``axis``.
    axis : int, optional
        Axis of the classes (default: the last).

    Returns
    -------
    numpy.ndarray
        :math:`\log \operatorname{softmax}(z)`, float64, same shape as
        ``logits``; every entry finite and <= 0.

    Raises
    ------
    ValueError
        If ``logits`` contains NaN or inf, spans more than the largest
        float64 (max - min overflows), is a scalar, or is empty along ``axis``.

    Notes
    -----
    .. math::

        \log \operatorname{softmax}(z)_i = z_i - m - \log \sum_j e^{z_j - m},
        \qquad m = \max_j z_j.

    Subtracting the maximum (the log-sum-exp trick) leaves the result
    unchanged and keeps every exponential in [0, 1], so nothing overflows;
    taking ``log(softmax(z))`` instead would give ``-inf`` wherever the
    softmax underflows to 0.

    The classes lie along the last axis by default (one sample per row),
    unlike ``scipy.special.log_softmax``, whose default ``axis=None`` normalises
    over the whole array at once.

    Examples
    --------
    >>> from infolib import log_softmax
    >>> log_softmax([1000.0, -1000.0])
    array([    0., -2000.])
    """
    z, ax = as_logits(logits, "logits", axis)
    z2 = _rows(z, ax)
    row_max = z2.max(axis=1)
    lse, _ = _log_sum_exp(z2, row_max)
    shifted = z2 - row_max[:, None]
    shifted -= lse[:, None]
    return np.moveaxis(shifted.reshape(np.moveaxis(z, ax, -1).shape), -1, ax)


def softmax(logits: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax of ``logits``: turn real scores into a probability vector.

    Parameters
    ----------
    logits : array_like
        Finite real scores, one per class along ``axis``.
    axis : int, optional
        Axis of the classes (default: the last).

    Returns
    -------
    numpy.ndarray
        float64, same shape as ``logits``; non-negative, summing to 1 along
        ``axis``.

    Raises
    ------
    ValueError
        If ``logits`` contains NaN or inf, spans more than the largest
        float64 (max - min overflows), is a scalar, or is empty along ``axis``.

    Notes
    -----
    .. math::

        \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}
        = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j.

    The second form cannot overflow, whatever the size of the logits.

    The classes lie along the last axis by default (one sample per row),
    unlike ``scipy.special.softmax``, whose default ``axis=None`` normalises
    over the whole array at once.

    Examples
    --------
    >>> from infolib import softmax
    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    >>> softmax([1000.0, -1000.0])
    array([1., 0.])
    """
    z, ax = as_logits(logits, "logits", axis)
    e = _shifted(z, ax)
    np.exp(e, out=e)
    e /= e.sum(axis=ax, keepdims=True)
    return e


def cross_entropy_with_logits(target: ArrayLike, logits: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Per-sample cross-entropy loss between targets and the softmax of logits.

    Parameters
    ----------
    target : array_like
        Either integer class indices (an integer dtype), with ``logits``'
        shape without ``axis``, each in ``[0, n_classes)``; or probability
        vectors along ``axis`` (a float dtype), summing to 1 and
        broadcastable to ``logits``.
    logits : array_like
        Finite real scores, one per class along ``axis``.
    axis : int, optional
        Axis of the classes (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss of each sample, float64: a scalar for one sample, otherwise
        the shape of ``logits`` (broadcast with probability targets) without
        ``axis``. Finite for any finite logits (whose
        spread max - min is a finite float64).

    Raises
    ------
    ValueError
        If ``logits`` is invalid (see :func:`log_softmax`), a class index is
        out of range or has the wrong shape, or probability targets are not
        distributions or do not broadcast with ``logits``.

    See Also
    --------
    cross_entropy : the same quantity from probabilities.
    log_softmax

    Notes
    -----
    With :math:`q = \operatorname{softmax}(z)`,

    .. math::

        \ell(y, z) = -\sum_i y_i \log q_i
        = -\sum_i y_i \log \operatorname{softmax}(z)_i,

    which for a class index :math:`c` is :math:`-\log q_c =
    \log \sum_j e^{z_j} - z_c`. Working from the logits through log-sum-exp
    avoids ``log(0) = -inf``: the loss of logits ``[1000, -1000]`` for class
    1 is exactly 2000. Its gradient with respect to :math:`z` is
    :math:`q - y`.

    The classes lie along the last axis by default (one sample per row),
    unlike SciPy's functions of a distribution (``scipy.stats.entropy``:
    ``axis=0``) and ``scipy.special.log_softmax`` (``axis=None``: the whole
    array). With probability targets of fewer dimensions than ``logits``,
    count ``axis`` from the end (a negative axis): a non-negative one would
    name different axes of the two.

    Examples
    --------
    >>> from infolib import cross_entropy_with_logits
    >>> float(cross_entropy_with_logits(1, [1000.0, -1000.0]))
    2000.0
    >>> cross_entropy_with_logits([0, 2], [[2.0, 1.0, 0.1], [2.0, 1.0, 0.1]]).round(4)
    array([0.417, 2.317])
    """
    z, ax = as_logits(logits, "logits", axis)
    sample_shape = z.shape[:ax] + z.shape[ax + 1 :]
    z2 = _rows(z, ax)
    row_max = z2.max(axis=1)
    raw = as_array(target, "target")
    # -log softmax(z)_c = lse - (z_c - m), with lse = log sum_j exp(z_j - m), m = max_j z_j.
    if np.issubdtype(raw.dtype, np.integer):
        if raw.shape != sample_shape:
            raise ValueError(
                f"`target` class indices must have shape {sample_shape} (the logits' shape "
                f"without axis {axis}); got {raw.shape}"
            )
        n = z.shape[ax]
        if raw.size and (raw.min() < 0 or raw.max() >= n):
            bad = raw.min() if raw.min() < 0 else raw.max()
            raise ValueError(f"`target` class index {int(bad)} is out of range for {n} classes")
        lse, _ = _log_sum_exp(z2, row_max)
        picked = np.take_along_axis(z2, raw.reshape(-1, 1), axis=1)[:, 0]
        picked -= row_max
        loss = lse - picked
        return loss.reshape(sample_shape) if sample_shape else loss[0]
    y = as_float_array(target, "target")
    axis_of_both(y, z, axis, "target", "logits")  # the axis rule before the sums
    y, _ = as_distribution(y, "target", axis)
    broadcast_shape(y, z, "target", "logits")
    if y.shape == z.shape:  # -sum_j y_j log softmax(z)_j, block by block
        _, dots = _log_sum_exp(z2, row_max, weights=_rows(y, ax))
        loss = 0.0 - dots
        return loss.reshape(sample_shape) if sample_shape else loss[0]
    # y broadcasts against z (e.g. one target for every sample): the general route.
    from_end = ax - z.ndim  # the class axis counted from the end, valid for both shapes
    return 0.0 - (y * log_softmax(z, axis=ax)).sum(axis=from_end)
