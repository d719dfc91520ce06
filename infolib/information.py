"""Information content (self-information, surprisal) of single outcomes.

Introduced in chapter 1, *Information content*.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_probabilities, log_of_base

__all__ = ["information_content"]


def information_content(p: ArrayLike, base: Optional[float] = None) -> np.ndarray:
    r"""Information content (surprisal) of outcomes with probability ``p``.

    Parameters
    ----------
    p : array_like
        Probabilities of single outcomes, each in [0, 1]. Any shape; the
        function works elementwise.
    base : float, optional
        Base of the logarithm. ``None`` (default) gives natural logarithms
        (nats), ``2`` gives bits. Any finite base > 0 and != 1.

    Returns
    -------
    numpy.ndarray or numpy.float64
        :math:`-\log p`, float64, same shape as ``p``. An impossible outcome
        (``p = 0``) carries infinite information: ``+inf``.

    Raises
    ------
    ValueError
        If ``p`` contains NaN or a value outside [0, 1], or ``base`` is not a
        valid logarithm base.

    See Also
    --------
    entropy : the expected information content of a distribution.

    Notes
    -----
    The information content of an outcome :math:`x` with probability
    :math:`p(x)` is

    .. math:: I(x) = -\log_b p(x).

    It is 0 for a certain outcome, grows without bound as :math:`p(x) \to 0`,
    and is additive over independent outcomes:
    :math:`I(x, y) = -\log p(x) p(y) = I(x) + I(y)`. One bit
    (:math:`b = 2`) is the surprise of a fair coin's outcome;
    1 nat = :math:`1/\ln 2 \approx 1.4427` bits.

    References
    ----------
    .. [1] C. E. Shannon, "A Mathematical Theory of Communication",
       Bell System Technical Journal 27, 1948.

    Examples
    --------
    A fair coin's outcome carries one bit:

    >>> from infolib import information_content
    >>> float(information_content(0.5, base=2))
    1.0

    The source article's computer example, in nats:

    >>> information_content([0.7, 0.2, 0.1]).round(4)
    array([0.3567, 1.6094, 2.3026])
    """
    probs = as_probabilities(p, "p")
    ln_base = log_of_base(base)
    with np.errstate(divide="ignore"):
        info = np.log(probs)  # a new array (or a NumPy scalar for a 0-d input)
    if not isinstance(info, np.ndarray):
        info = -info / ln_base if ln_base != 1.0 else -info
        return info + 0.0  # turns -0.0 (p = 1) into 0.0
    np.negative(info, out=info)  # in place: one array allocated in all
    if ln_base != 1.0:
        info /= ln_base
    info += 0.0  # turns -0.0 (p = 1) into 0.0
    return info
