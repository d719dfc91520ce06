"""Soft targets and calibration: smoothed labels, temperature, reliability.

Introduced in chapter 6, *Soft targets: label smoothing, distillation and
calibration*. Every function takes a model's logits or its predicted
distributions, one row per sample with the classes along the last axis, and
integer class labels.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_array, as_distribution, as_logits
from .logits import softmax

__all__ = [
    "tempered_softmax",
    "smooth_labels",
    "ReliabilityBins",
    "reliability_bins",
    "expected_calibration_error",
    "fit_temperature",
]


def _temperature(temperature: object) -> float:
    """``temperature`` as a float, finite and > 0, or raise naming it."""
    try:
        t = float(temperature)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise TypeError(f"`temperature` must be a number; got {temperature!r}") from None
    if not (math.isfinite(t) and t > 0):
        raise ValueError(f"`temperature` must be a finite number > 0; got {temperature!r}")
    return t


def _labels(labels: ArrayLike, n_classes: int, shape: tuple | None = None) -> np.ndarray:
    """``labels`` as an integer array of class indices in ``[0, n_classes)``."""
    raw = as_array(labels, "labels")
    if not np.issubdtype(raw.dtype, np.integer):
        raise ValueError(f"`labels` must be integer class indices; got dtype {raw.dtype}")
    if shape is not None and raw.shape != shape:
        raise ValueError(f"`labels` must have shape {shape} (one per sample); got {raw.shape}")
    if raw.size and (raw.min() < 0 or raw.max() >= n_classes):
        bad = raw.min() if raw.min() < 0 else raw.max()
        raise ValueError(
            f"`labels` has class index {int(bad)}, out of range for {n_classes} classes"
        )
    return raw


def tempered_softmax(logits: ArrayLike, temperature: float = 1.0, axis: int = -1) -> np.ndarray:
    r"""Softmax of the logits divided by a temperature.

    Parameters
    ----------
    logits : array_like
        Finite real scores, one per class along ``axis``.
    temperature : float, optional
        :math:`T > 0` (default 1: the plain softmax). :math:`T > 1` flattens
        the distribution towards uniform, :math:`T < 1` sharpens it towards
        the largest logit.
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
        If ``temperature`` is not a finite number > 0, or ``logits`` is
        invalid (see :func:`softmax`).

    Notes
    -----
    .. math::

        q_i(T) = \operatorname{softmax}(z / T)_i
        = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}.

    Dividing the logits by :math:`T` never changes their order, so the
    predicted class (the largest :math:`q_i`) is the same at every
    temperature; only the confidence changes. Used for temperature scaling
    (:func:`fit_temperature`) and for the softened targets of distillation.

    Examples
    --------
    >>> from infolib import tempered_softmax
    >>> tempered_softmax([2.0, 0.0], temperature=1.0).round(4)
    array([0.8808, 0.1192])
    >>> tempered_softmax([2.0, 0.0], temperature=2.0).round(4)
    array([0.7311, 0.2689])
    """
    t = _temperature(temperature)
    z, ax = as_logits(logits, "logits", axis)
    return softmax(z / t, axis=ax)


def smooth_labels(labels: ArrayLike, n_classes: int, epsilon: float) -> np.ndarray:
    r"""Smoothed one-hot targets: :math:`(1 - \varepsilon)\, e_y + \varepsilon / K`.

    Parameters
    ----------
    labels : array_like of int
        Class indices in ``[0, n_classes)``, any shape.
    n_classes : int
        :math:`K \ge 2`, the number of classes.
    epsilon : float
        :math:`\varepsilon \in [0, 1]`, the probability mass moved from the
        label to the uniform distribution (0: one-hot; 1: uniform).

    Returns
    -------
    numpy.ndarray
        float64, shape ``labels.shape + (n_classes,)``: one distribution
        per label, each summing to 1.

    Raises
    ------
    ValueError
        If ``labels`` are not integers in range, ``n_classes`` is not an
        integer >= 2, or ``epsilon`` is not in [0, 1].

    Notes
    -----
    .. math::

        \tilde y_i = (1 - \varepsilon)\,[i = y] + \frac{\varepsilon}{K}:
        \quad \tilde y_y = 1 - \varepsilon + \frac{\varepsilon}{K},
        \quad \tilde y_{i \ne y} = \frac{\varepsilon}{K}.

    Label smoothing (Szegedy et al., 2016) trains against :math:`\tilde y`;
    the cross-entropy :math:`H(\tilde y, q)` is smallest at :math:`q = \tilde y`.

    Examples
    --------
    >>> from infolib import smooth_labels
    >>> smooth_labels([0, 2], n_classes=3, epsilon=0.3)
    array([[0.8, 0.1, 0.1],
           [0.1, 0.1, 0.8]])
    """
    if not isinstance(n_classes, (int, np.integer)) or isinstance(n_classes, bool) or n_classes < 2:
        raise ValueError(f"`n_classes` must be an integer >= 2; got {n_classes!r}")
    try:
        eps = float(epsilon)
    except (TypeError, ValueError):
        raise TypeError(f"`epsilon` must be a number; got {epsilon!r}") from None
    if not 0.0 <= eps <= 1.0:  # NaN fails too
        raise ValueError(f"`epsilon` must be in [0, 1]; got {epsilon!r}")
    y = _labels(labels, int(n_classes))
    out = np.full(y.shape + (int(n_classes),), eps / n_classes)
    np.put_along_axis(out, y[..., None], 1.0 - eps + eps / n_classes, axis=-1)
    return out


class ReliabilityBins(NamedTuple):
    """The result of :func:`reliability_bins`: one entry per confidence bin.

    Its fields, each a NumPy array: ``edges``, the ``n_bins + 1`` bin edges
    from 0 to 1; ``count``, how many samples fall in each bin (int);
    ``confidence``, the mean confidence (largest predicted probability) in
    each bin; ``accuracy``, the fraction of the bin's samples whose
    predicted class is the label. An empty bin has count 0, and NaN
    confidence and accuracy (there is nothing to average).
    """

    edges: np.ndarray
    count: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray


def _top_label(probs: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Confidence (largest probability) and correctness of each row of ``probs``."""
    q, _ = as_distribution(probs, "probs", -1)
    if q.ndim != 2:
        raise ValueError(
            f"`probs` must be 2-D (one distribution per row, classes along the last "
            f"axis); got {q.ndim} dimension(s)"
        )
    if q.shape[0] == 0:
        raise ValueError("`probs` has no samples (no rows)")
    y = _labels(labels, q.shape[1], shape=(q.shape[0],))
    predicted = q.argmax(axis=1)
    return q[np.arange(len(q)), predicted], predicted == y


def _n_bins(n_bins: object) -> int:
    if not isinstance(n_bins, (int, np.integer)) or isinstance(n_bins, bool) or n_bins < 1:
        raise ValueError(f"`n_bins` must be an integer >= 1; got {n_bins!r}")
    return int(n_bins)


def reliability_bins(probs: ArrayLike, labels: ArrayLike, n_bins: int = 10) -> ReliabilityBins:
    r"""Group predictions by confidence: the data of a reliability diagram.

    Parameters
    ----------
    probs : array_like, shape (n_samples, n_classes)
        Predicted distributions, one per row, each summing to 1.
    labels : array_like of int, shape (n_samples,)
        The true classes.
    n_bins : int, optional
        Number of equal-width bins of confidence over [0, 1] (default 10).

    Returns
    -------
    ReliabilityBins
        ``(edges, count, confidence, accuracy)``, each bin's entries; empty
        bins have count 0 and NaN confidence and accuracy.

    Raises
    ------
    ValueError
        If ``probs`` is not a 2-D array of distributions with at least one
        row, ``labels`` are not integer classes with one per row, or
        ``n_bins`` is not an integer >= 1.

    Notes
    -----
    The confidence of a prediction is its largest probability,
    :math:`\hat c_n = \max_i q_{n,i}`, and it is correct when that class is
    the label. Bin :math:`b` holds the predictions with
    :math:`\hat c_n \in \big(\tfrac{b-1}{M}, \tfrac{b}{M}\big]` (the first
    bin also holds 0), as in Guo et al. (2017) and
    ``sklearn.calibration.calibration_curve``. A calibrated model has, in
    every bin, accuracy equal to mean confidence.

    Examples
    --------
    >>> from infolib import reliability_bins
    >>> bins = reliability_bins([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]], [0, 1, 1], n_bins=2)
    >>> bins.count
    array([0, 3])
    >>> bins.confidence[1].round(4), bins.accuracy[1].round(4)
    (np.float64(0.8), np.float64(0.6667))
    """
    m = _n_bins(n_bins)
    conf, correct = _top_label(probs, labels)
    edges = np.linspace(0.0, 1.0, m + 1)
    # bin b holds ((b-1)/M, b/M]: searchsorted on the inner edges, side "left"
    which = np.searchsorted(edges[1:-1], conf, side="left")
    count = np.bincount(which, minlength=m)
    total_conf = np.bincount(which, weights=conf, minlength=m)
    total_correct = np.bincount(which, weights=correct.astype(float), minlength=m)
    filled = count > 0
    confidence = np.full(m, np.nan)
    accuracy = np.full(m, np.nan)
    confidence[filled] = total_conf[filled] / count[filled]
    accuracy[filled] = total_correct[filled] / count[filled]
    return ReliabilityBins(edges, count, confidence, accuracy)


def expected_calibration_error(probs: ArrayLike, labels: ArrayLike, n_bins: int = 10) -> float:
    r"""Expected calibration error (ECE) of predicted distributions.

    Parameters
    ----------
    probs : array_like, shape (n_samples, n_classes)
        Predicted distributions, one per row, each summing to 1.
    labels : array_like of int, shape (n_samples,)
        The true classes.
    n_bins : int, optional
        Number of equal-width confidence bins (default 10).

    Returns
    -------
    float
        The ECE, in [0, 1]: 0 for a model whose accuracy equals its mean
        confidence in every bin.

    Raises
    ------
    ValueError
        As :func:`reliability_bins`.

    Notes
    -----
    With the bins :math:`B_b` of :func:`reliability_bins` and :math:`N`
    samples,

    .. math::

        \mathrm{ECE} = \sum_{b=1}^{M} \frac{|B_b|}{N}
        \,\big|\operatorname{acc}(B_b) - \operatorname{conf}(B_b)\big|,

    the gaps of the reliability diagram weighted by how many predictions
    each bin holds (Naeini et al., 2015; Guo et al., 2017). It depends on the
    number of bins; report it with that number.

    Examples
    --------
    >>> from infolib import expected_calibration_error
    >>> round(expected_calibration_error([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]], [0, 1, 1], 2), 4)
    0.1333
    """
    bins = reliability_bins(probs, labels, n_bins)
    filled = bins.count > 0
    weights = bins.count[filled] / bins.count.sum()
    return float(np.sum(weights * np.abs(bins.accuracy[filled] - bins.confidence[filled])))


def fit_temperature(
    logits: ArrayLike, labels: ArrayLike, bounds: tuple[float, float] = (0.01, 100.0)
) -> float:
    r"""The temperature that minimises the mean cross-entropy of held-out data.

    Parameters
    ----------
    logits : array_like, shape (n_samples, n_classes)
        A trained model's logits on data it was not trained on.
    labels : array_like of int, shape (n_samples,)
        The true classes of those samples.
    bounds : (float, float), optional
        The range searched for :math:`T` (default 0.01 to 100); the result
        is clipped to it.

    Returns
    -------
    float
        :math:`T^* = \arg\min_T \frac{1}{N} \sum_n -\log
        \operatorname{softmax}(z_n / T)_{y_n}`, to about 12 significant
        digits.

    Raises
    ------
    ValueError
        If ``logits`` is not a finite 2-D array with at least one row,
        ``labels`` are not integer classes with one per row, or ``bounds``
        are not two finite numbers with 0 < low < high.

    Notes
    -----
    Temperature scaling (Guo et al., 2017) calibrates a trained model with
    a single parameter. Write :math:`\beta = 1/T`; the mean loss

    .. math::

        L(\beta) = \frac{1}{N} \sum_{n} \Big( \log \sum_j e^{\beta z_{n,j}}
        - \beta z_{n, y_n} \Big)

    is convex in :math:`\beta` (a log-sum-exp of linear functions), with
    derivative :math:`L'(\beta) = \frac{1}{N} \sum_n \big(\mathbb{E}_{q_n}[z_n]
    - z_{n,y_n}\big)`, :math:`q_n = \operatorname{softmax}(\beta z_n)`: the
    expected logit under the model minus the label's logit. :math:`L'` never
    decreases, so its root, found by bisection, is the minimiser. The result
    equals ``scipy.optimize.minimize_scalar``'s on the same loss, without
    SciPy. Dividing by :math:`T` keeps the predicted classes, so the
    accuracy is unchanged.

    Examples
    --------
    >>> from infolib import fit_temperature
    >>> z = [[4.0, 0.0], [4.0, 0.0], [4.0, 0.0], [0.0, 4.0]]
    >>> round(fit_temperature(z, [0, 0, 1, 1]), 4)  # right 3 times in 4: q = 0.75
    3.641
    """
    z, _ = as_logits(logits, "logits", -1)
    if z.ndim != 2 or z.shape[0] == 0:
        raise ValueError(
            f"`logits` must be 2-D with at least one row (one sample per row); got shape {z.shape}"
        )
    y = _labels(labels, z.shape[1], shape=(z.shape[0],))
    try:
        low, high = (float(b) for b in bounds)
    except (TypeError, ValueError):
        raise ValueError(f"`bounds` must be two numbers (low, high); got {bounds!r}") from None
    if not (math.isfinite(low) and math.isfinite(high) and 0 < low < high):
        raise ValueError(f"`bounds` must satisfy 0 < low < high, both finite; got {bounds!r}")
    z_label = z[np.arange(len(z)), y]

    def slope(beta: float) -> float:
        q = softmax(beta * z)
        return float(np.mean(np.sum(q * z, axis=1) - z_label))

    lo, hi = 1.0 / high, 1.0 / low  # beta = 1/T
    if slope(lo) >= 0:  # the loss rises from the smallest beta: the largest T
        return high
    if slope(hi) <= 0:  # still falling at the largest beta: the smallest T
        return low
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if slope(mid) > 0:
            hi = mid
        else:
            lo = mid
        if hi - lo <= 1e-13 * hi:
            break
    return float(1.0 / (0.5 * (lo + hi)))
