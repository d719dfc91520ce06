"""Small synthetic data sets for the training examples.

Introduced in chapter 5, *Why cross-entropy works as a loss*.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array

__all__ = ["gaussian_blobs"]


def gaussian_blobs(
    centers: ArrayLike, n_per_class: int, scale: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Points around given centres, one Gaussian blob per class.

    Parameters
    ----------
    centers : array_like
        Shape ``(n_classes, n_features)``: the mean of each class.
    n_per_class : int
        Number of points drawn for each class (>= 1).
    scale : float, optional
        Standard deviation of every coordinate around its centre (> 0).
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`: the same seed gives the
        same points, bit for bit.

    Returns
    -------
    X : numpy.ndarray
        float64 of shape ``(n_classes * n_per_class, n_features)``.
    y : numpy.ndarray
        int64 class indices of shape ``(n_classes * n_per_class,)``: the
        first ``n_per_class`` points are class 0, the next class 1, and so on.

    Raises
    ------
    ValueError
        If ``centers`` is not a finite 2-D array with at least one row and
        one column, ``n_per_class`` is not a positive integer, or ``scale`` is
        not a finite positive number.

    Notes
    -----
    Point :math:`n` of class :math:`k` is :math:`x_n = \mu_k + s\,\varepsilon_n`
    with :math:`\varepsilon_n \sim \mathcal{N}(0, I)`. Classes overlap when
    the centres are a few :math:`s` apart, so no model is perfect on them.

    Examples
    --------
    >>> from infolib import gaussian_blobs
    >>> X, y = gaussian_blobs([[0.0, 0.0], [3.0, 3.0]], n_per_class=4, seed=1)
    >>> X.shape, y.tolist()
    ((8, 2), [0, 0, 0, 0, 1, 1, 1, 1])
    """
    mu = as_float_array(centers, "centers")
    if mu.ndim != 2 or mu.shape[0] < 1 or mu.shape[1] < 1:
        raise ValueError(
            f"`centers` must be 2-D, (n_classes, n_features), non-empty; got shape {mu.shape}"
        )
    if not np.isfinite(mu).all():
        raise ValueError("`centers` must be finite numbers")
    if isinstance(n_per_class, bool) or not isinstance(n_per_class, (int, np.integer)):
        raise ValueError(f"`n_per_class` must be a positive integer; got {n_per_class!r}")
    if n_per_class < 1:
        raise ValueError(f"`n_per_class` must be a positive integer; got {n_per_class!r}")
    try:
        s = float(scale)
    except (TypeError, ValueError):
        raise ValueError(f"`scale` must be a finite number > 0; got {scale!r}") from None
    if not (math.isfinite(s) and s > 0):
        raise ValueError(f"`scale` must be a finite number > 0; got {scale!r}")
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(mu.shape[0], dtype=np.int64), int(n_per_class))
    X = mu[y] + s * rng.standard_normal((y.size, mu.shape[1]))
    return X, y
