"""Arithmetic coding: a model's cross-entropy made into an actual string of bits.

Introduced in chapter 7, *How many bits per character?*: coded with a model
:math:`q`, a text of :math:`T` symbols takes within two bits of
:math:`-\\sum_t \\log_2 q(x_t \\mid x_{<t})`, that is :math:`T` times the model's
cross-entropy in bits, and decodes back exactly.

Exact integer arithmetic (Python integers) throughout: the same bits on every machine.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["PRECISION", "FREQUENCY_BITS", "quantize", "arithmetic_encode", "arithmetic_decode"]

#: Bits of the coder's interval ends, Python integers that never overflow.
PRECISION = 128
#: Integer frequencies add up to about ``2**FREQUENCY_BITS``, see :func:`quantize`;
#: a probability down to about ``2**-62`` is coded at its own cost.
FREQUENCY_BITS = 62

_FULL = 1 << PRECISION
_HALF = _FULL >> 1
_QUARTER = _FULL >> 2

#: A model maps the symbols coded so far to the probabilities of the next one.
Model = Callable[[np.ndarray], ArrayLike]


def quantize(p: ArrayLike) -> list[int]:
    r"""Integer frequencies for a probability vector, none of them zero.

    Parameters
    ----------
    p : array_like
        1-D probabilities, each in [0, 1] (their sum is not checked: a model's
        rounding is tolerated).

    Returns
    -------
    list of int
        :math:`f_i = \lfloor p_i \, 2^{62} \rfloor + 1` (Python integers, exact):
        the coder uses the probabilities :math:`\hat q_i = f_i / \sum_j f_j`.
        Every symbol can be coded, even one the model called impossible (at a
        cost of about 62 bits, where its ideal length was infinite).

    Raises
    ------
    ValueError
        If ``p`` is not 1-D and non-empty, or has a value outside [0, 1] or NaN.

    Examples
    --------
    >>> from infolib.arithmetic_coding import quantize
    >>> quantize([0.5, 0.25, 0.25, 0.0]) == [2**61 + 1, 2**60 + 1, 2**60 + 1, 1]
    True
    """
    arr = np.asarray(p, dtype=np.float64)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"`p` must be a non-empty 1-D array; got shape {arr.shape}")
    if np.isnan(arr).any() or (arr < 0).any() or (arr > 1).any():
        raise ValueError(f"`p` must hold probabilities in [0, 1]; got {arr[:8]!r}")
    # scaling by a power of 2 and flooring are exact in float64; int() is exact
    return [int(v) + 1 for v in np.floor(arr * float(1 << FREQUENCY_BITS)).tolist()]


def _symbols(symbols: ArrayLike) -> np.ndarray:
    arr = np.asarray(symbols)
    if arr.ndim != 1:
        raise ValueError(f"`symbols` must be 1-D; got shape {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"`symbols` must be integers (indices into the alphabet); got {arr.dtype}")
    if arr.size and arr.min() < 0:
        raise ValueError(f"`symbols` must be >= 0; got {int(arr.min())}")
    return arr.astype(np.int64)


def _table(model: Model, history: np.ndarray) -> tuple[list[int], int]:
    """The cumulative frequencies (with a leading 0) and their total."""
    cum = [0, *accumulate(quantize(model(history)))]
    return cum, cum[-1]


def arithmetic_encode(symbols: ArrayLike, model: Model) -> str:
    r"""Code a sequence of symbols with a model of it, as a string of bits.

    Parameters
    ----------
    symbols : array_like of int
        The message: indices into the model's alphabet.
    model : callable
        ``model(history)`` returns the probabilities of the next symbol, a 1-D
        array over the alphabet, given ``history``, the int64 array of the
        symbols before it (empty for the first). It must depend on nothing
        else: :func:`arithmetic_decode` calls it with the same histories.

    Returns
    -------
    str
        The code, ``"0"`` and ``"1"`` characters (like
        :func:`~infolib.coding.huffman_code`'s codewords).

    Raises
    ------
    ValueError
        If ``symbols`` is not a 1-D array of integers >= 0, or a symbol is
        outside the model's alphabet.

    Notes
    -----
    The coder narrows an interval of :math:`[0, 1)` symbol by symbol, to the
    share the model gives each symbol [1]_; the bits written name a point
    inside the final interval, whose width is
    :math:`\prod_t \hat q(x_t \mid x_{<t})`. So the length of the code is

    .. math:: L \le -\sum_{t=1}^{T} \log_2 \hat q(x_t \mid x_{<t}) + 2,

    :math:`T` times the model's cross-entropy in bits, plus at most two bits,
    with :math:`\hat q` the model's probabilities as :func:`quantize` makes them
    integers. Interval ends are integers of :data:`PRECISION` bits, rescaled as
    soon as their leading bit is settled (the *E1/E2/E3* scalings of Witten,
    Neal and Cleary [2]_).

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
       2nd ed., Wiley, 2006, section 13.3.
    .. [2] I. H. Witten, R. M. Neal and J. G. Cleary, "Arithmetic coding for
       data compression", Communications of the ACM 30(6), 1987.

    Examples
    --------
    >>> import numpy as np
    >>> from infolib.arithmetic_coding import arithmetic_encode, arithmetic_decode
    >>> fair = lambda history: np.full(4, 0.25)  # 4 symbols: 2 bits each, ideally
    >>> bits = arithmetic_encode([3, 0, 2, 1, 1, 2, 0, 3], fair)
    >>> bits, len(bits)  # 16 bits, plus 2 to end the code
    ('110010010110001101', 18)
    >>> arithmetic_decode(bits, 8, fair).tolist()
    [3, 0, 2, 1, 1, 2, 0, 3]
    """
    x = _symbols(symbols)
    low, high, pending = 0, _FULL - 1, 0
    out: list[str] = []

    def emit(bit: str) -> None:
        nonlocal pending
        out.append(bit)
        if pending:
            out.append(("1" if bit == "0" else "0") * pending)
            pending = 0

    for t in range(x.size):
        cum, total = _table(model, x[:t])
        s = int(x[t])
        if s >= len(cum) - 1:
            raise ValueError(
                f"`symbols` has {s} at position {t}, outside the model's alphabet of {len(cum) - 1}"
            )
        width = high - low + 1
        high = low + width * cum[s + 1] // total - 1
        low = low + width * cum[s] // total
        while True:
            if high < _HALF:
                emit("0")
            elif low >= _HALF:
                emit("1")
                low -= _HALF
                high -= _HALF
            elif low >= _QUARTER and high < _HALF + _QUARTER:
                pending += 1
                low -= _QUARTER
                high -= _QUARTER
            else:
                break
            low <<= 1
            high = (high << 1) | 1
    pending += 1
    emit("0" if low < _QUARTER else "1")
    return "".join(out)


def arithmetic_decode(bits: str, n: int, model: Model) -> np.ndarray:
    r"""Decode ``n`` symbols from the bits :func:`arithmetic_encode` made with ``model``.

    Parameters
    ----------
    bits : str
        The code, ``"0"`` and ``"1"`` characters.
    n : int
        How many symbols to decode (the code does not mark its end), >= 0.
    model : callable
        The model the text was coded with, called with the same histories:
        the symbols decoded so far.

    Returns
    -------
    numpy.ndarray
        int64 of shape ``(n,)``: the symbols.

    Raises
    ------
    ValueError
        If ``bits`` has a character other than 0 and 1, or ``n`` is not an
        integer >= 0.

    Examples
    --------
    >>> import numpy as np
    >>> from infolib.arithmetic_coding import arithmetic_decode
    >>> arithmetic_decode("1100100101", 4, lambda history: np.full(4, 0.25)).tolist()
    [3, 0, 2, 1]
    """
    if not isinstance(bits, str) or set(bits) - {"0", "1"}:
        raise ValueError("`bits` must be a string of '0' and '1' characters")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"`n` must be an integer >= 0; got {n!r}")
    stream = iter(bits)
    value = 0
    for _ in range(PRECISION):
        value = (value << 1) | (next(stream, "0") == "1")
    low, high = 0, _FULL - 1
    out = np.zeros(int(n), dtype=np.int64)
    for t in range(int(n)):
        cum, total = _table(model, out[:t])
        width = high - low + 1
        scaled = ((value - low + 1) * total - 1) // width
        s = bisect_right(cum, scaled) - 1
        out[t] = s
        high = low + width * cum[s + 1] // total - 1
        low = low + width * cum[s] // total
        while True:
            if high < _HALF:
                pass
            elif low >= _HALF:
                low -= _HALF
                high -= _HALF
                value -= _HALF
            elif low >= _QUARTER and high < _HALF + _QUARTER:
                low -= _QUARTER
                high -= _QUARTER
                value -= _QUARTER
            else:
                break
            low <<= 1
            high = (high << 1) | 1
            value = (value << 1) | (next(stream, "0") == "1")
    return out
