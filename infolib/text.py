"""Character models of text: n-gram counts, smoothing, bits per character, perplexity.

Introduced in chapter 7, *How many bits per character?*: a model of text predicts
each character from the characters before it; its cross-entropy on text it has not
seen, in bits per character, is the length of the code it would give that text.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["NGramModel", "perplexity"]


def _log_base(base: float | None) -> float:
    """ln(base), checked: ``None`` means nats (base e)."""
    if base is None:
        return 1.0
    if isinstance(base, bool) or not isinstance(base, (int, float)):
        raise ValueError(f"`base` must be a number > 0 and != 1; got {base!r}")
    if not (base > 0 and base != 1 and math.isfinite(base)):
        raise ValueError(f"`base` must be a finite number > 0 and != 1; got {base!r}")
    return math.log(base)


def perplexity(cross_entropy: ArrayLike, base: float | None = None) -> np.ndarray | float:
    r"""Perplexity: the number of equally likely choices a cross-entropy is worth.

    Parameters
    ----------
    cross_entropy : array_like
        Cross-entropies (per character, per token, ...), each >= 0; ``inf`` is
        allowed (a model that called something impossible) and gives ``inf``.
    base : float, optional
        The logarithm base ``cross_entropy`` is measured in: ``None`` (default)
        for nats, ``2`` for bits.

    Returns
    -------
    float or numpy.ndarray
        :math:`\mathrm{PP} = b^{H}` (:math:`e^{H}` in nats, :math:`2^{H}` in
        bits): the same number whatever the unit.

    Raises
    ------
    ValueError
        If a cross-entropy is negative or NaN, or ``base`` is not a valid base.

    Notes
    -----
    A model that spreads its probability evenly over :math:`V` symbols has
    cross-entropy :math:`\log V` on any text, so its perplexity is :math:`V`;
    a perplexity of 8 means the model is, on average, as unsure as a choice
    between 8 equally likely characters.

    Examples
    --------
    >>> from infolib.text import perplexity
    >>> perplexity(3.0, base=2)
    8.0
    >>> round(perplexity(1.0), 6)  # 1 nat
    2.718282
    """
    _log_base(base)  # checks it
    h = np.asarray(cross_entropy, dtype=np.float64)
    if h.size and (np.isnan(h).any() or (h < 0).any()):
        bad = h[np.isnan(h) | (h < 0)].flat[0]
        raise ValueError(f"`cross_entropy` must be >= 0 (a number, or inf); got {float(bad)!r}")
    out = np.exp(h) if base is None else np.power(float(base), h)
    return float(out) if out.ndim == 0 else out


class NGramModel:
    r"""Character n-gram counts of a training text, and the models they give.

    Counts every context of 0 to ``max_order`` characters in ``text`` and the
    character that follows it; :meth:`probabilities`, :meth:`surprisals` and
    :meth:`log_loss` then predict a character from the ``order``
    characters before it (``order <= max_order``), with add-:math:`k`
    smoothing or interpolation.

    Parameters
    ----------
    text : str
        The training text.
    max_order : int
        The longest context counted, >= 0 (0: a unigram model, no context).
    alphabet : str, optional
        The characters a model gives probabilities to, each once. Default: the
        characters of ``text``, sorted. A text to be scored must use only these.

    Raises
    ------
    ValueError
        If ``text`` is empty or has a character outside ``alphabet``,
        ``max_order`` is not an integer >= 0, or ``alphabet`` repeats a character.

    Notes
    -----
    With :math:`c` the context (the previous ``order`` characters),
    :math:`N(c, x)` the number of times :math:`x` followed :math:`c` in the
    training text, :math:`N(c) = \sum_x N(c, x)` and :math:`V` the size of the
    alphabet:

    - **add-k** (``k=``): :math:`q(x \mid c) = \dfrac{N(c, x) + k}{N(c) + kV}`.
      With ``k=0`` (the unsmoothed, maximum-likelihood model) a character
      never seen after :math:`c`, or any character after a context never seen,
      gets probability 0 and surprise :math:`+\infty`.
    - **interpolated** (``beta=``): each order's counts are blended with the
      model of one order less, :math:`c'` being :math:`c` without its first
      character, down to the uniform :math:`1/V`, giving the shorter context
      more weight after a context that has been followed by many different
      characters (:math:`u(c)` of them; Witten and Bell's escape estimate [1]_
      for :math:`\beta = 1`):

      .. math::

         q_n(x \mid c) = \frac{N(c, x) + \beta\, u(c)\, q_{n-1}(x \mid c')}
                               {N(c) + \beta\, u(c)}.

      A context never seen (:math:`N(c) = 0`) defers to the shorter one; no
      character ever gets probability 0.

    The first characters of a text have fewer than ``order`` characters before
    them: they are predicted from the context they have.

    References
    ----------
    .. [1] I. H. Witten and T. C. Bell, "The zero-frequency problem: estimating
       the probabilities of novel events in adaptive text compression", IEEE
       Transactions on Information Theory 37(4), 1991.

    Examples
    --------
    >>> from infolib.text import NGramModel
    >>> m = NGramModel("abababab", max_order=1, alphabet="abc")
    >>> m.probabilities("a", order=1, k=0).tolist()  # b always follows a
    [0.0, 1.0, 0.0]
    >>> m.probabilities("a", order=1, k=1).tolist()  # (0+1, 4+1, 0+1) / (4+3)
    [0.14285714285714285, 0.7142857142857143, 0.14285714285714285]
    >>> m.log_loss("abc", order=1, k=0, base=2)  # c was never seen
    inf
    """

    def __init__(self, text: str, max_order: int, alphabet: str | None = None) -> None:
        if not isinstance(text, str) or not text:
            raise ValueError(f"`text` must be a non-empty string; got {text!r:.40}")
        if isinstance(max_order, bool) or not isinstance(max_order, (int, np.integer)):
            raise ValueError(f"`max_order` must be an integer >= 0; got {max_order!r}")
        if max_order < 0:
            raise ValueError(f"`max_order` must be an integer >= 0; got {max_order!r}")
        if alphabet is None:
            alphabet = "".join(sorted(set(text)))
        if not isinstance(alphabet, str) or not alphabet:
            raise ValueError(f"`alphabet` must be a non-empty string; got {alphabet!r:.40}")
        if len(set(alphabet)) != len(alphabet):
            raise ValueError("`alphabet` must list each character once; it repeats some")
        self.alphabet = alphabet
        self.max_order = int(max_order)
        self._index = {ch: i for i, ch in enumerate(alphabet)}
        x = self.encode(text, "text")
        v = len(alphabet)
        n = x.size
        # For each context length j: the sorted keys (parent context id * V +
        # first character) of the contexts of length j, the count of each
        # context N(c), and the sorted keys (context id * V + next character)
        # with their counts N(c, x).
        self._ctx_keys: list[np.ndarray] = [np.zeros(1, dtype=np.int64)]
        self._ctx_count: list[np.ndarray] = [np.array([n], dtype=np.int64)]
        pair, pair_count = np.unique(x, return_counts=True)
        self._pair_keys = [pair.astype(np.int64)]
        self._pair_count = [pair_count.astype(np.int64)]
        self._types = [np.array([pair.size], dtype=np.int64)]
        ids = np.zeros(n, dtype=np.int64)  # ids[t]: the id of x[t-j:t] (t >= j)
        for j in range(1, self.max_order + 1):
            if j >= n:  # no context of this length: nothing counted
                self._ctx_keys.append(np.zeros(0, dtype=np.int64))
                self._ctx_count.append(np.zeros(0, dtype=np.int64))
                self._pair_keys.append(np.zeros(0, dtype=np.int64))
                self._pair_count.append(np.zeros(0, dtype=np.int64))
                self._types.append(np.zeros(0, dtype=np.int64))
                continue
            # position t's context of length j is its context of length j-1
            # (ids[t - (j-1)] below, ids covering positions j-1..n-1) preceded by x[t-j]
            keys = ids[1:] * v + x[: n - j]
            ctx, new_ids = np.unique(keys, return_inverse=True)
            ids = new_ids.astype(np.int64)  # now for positions t = j..n-1
            self._ctx_keys.append(ctx)
            self._ctx_count.append(np.bincount(ids, minlength=ctx.size).astype(np.int64))
            pair, pair_count = np.unique(ids * v + x[j:], return_counts=True)
            self._pair_keys.append(pair)
            self._pair_count.append(pair_count.astype(np.int64))
            self._types.append(np.bincount(pair // v, minlength=ctx.size).astype(np.int64))

    def __repr__(self) -> str:
        return f"NGramModel(max_order={self.max_order}, alphabet of {len(self.alphabet)})"

    def encode(self, text: str, name: str = "text") -> np.ndarray:
        """``text`` as int64 indices into the alphabet (a ValueError names ``name``
        and the first character outside the alphabet)."""
        if not isinstance(text, str):
            raise ValueError(f"`{name}` must be a string; got {type(text).__name__}")
        try:
            return np.fromiter((self._index[ch] for ch in text), dtype=np.int64, count=len(text))
        except KeyError as exc:
            raise ValueError(
                f"`{name}` has a character outside the model's alphabet: {exc.args[0]!r}"
            ) from None

    # -- counts for the characters of a text ------------------------------------
    def _context_ids(self, x: np.ndarray, order: int) -> list[np.ndarray]:
        """ids[j][t]: the training id of x[t-j:t]; -1 if never seen, -2 if t < j."""
        v = len(self.alphabet)
        ids = [np.zeros(x.size, dtype=np.int64)]
        for j in range(1, order + 1):
            prev = ids[-1]
            cur = np.full(x.size, -2, dtype=np.int64)
            cur[j:] = -1
            if x.size > j:
                parent = prev[j:]  # the context of length j-1 of positions j..
                ok = parent >= 0
                keys = parent[ok] * v + x[: x.size - j][ok]
                cur[j:][ok] = self._lookup(j, keys)
            ids.append(cur)
        return ids

    def _lookup(self, j: int, keys: np.ndarray) -> np.ndarray:
        """The ids of contexts of length j given by their keys; -1 for one never seen."""
        table = self._ctx_keys[j]
        if table.size == 0:
            return np.full(keys.size, -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(table, keys), table.size - 1)
        return np.where(table[pos] == keys, pos, -1)

    def _pair_counts(self, j: int, ctx: np.ndarray, x: np.ndarray) -> np.ndarray:
        """N(c, x) for context ids ``ctx`` (>= 0) of length j and characters ``x``."""
        keys = ctx * len(self.alphabet) + x
        table = self._pair_keys[j]
        if table.size == 0:
            return np.zeros(keys.size, dtype=np.int64)
        pos = np.minimum(np.searchsorted(table, keys), table.size - 1)
        return np.where(table[pos] == keys, self._pair_count[j][pos], 0)

    def _check(self, order: object, k: object, beta: object) -> tuple[int, str, float]:
        if isinstance(order, bool) or not isinstance(order, (int, np.integer)):
            raise ValueError(
                f"`order` must be an integer from 0 to {self.max_order}; got {order!r}"
            )
        if not 0 <= order <= self.max_order:
            raise ValueError(
                f"`order` must be an integer from 0 to {self.max_order}; got {order!r}"
            )
        if (k is None) == (beta is None):
            raise ValueError("give exactly one of `k` (add-k smoothing) and `beta` (interpolation)")
        name, value = ("k", k) if k is not None else ("beta", beta)
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
            raise ValueError(f"`{name}` must be a number; got {value!r}")
        value = float(value)
        if not math.isfinite(value) or value < 0 or (name == "beta" and value == 0):
            rule = ">= 0" if name == "k" else "> 0"
            raise ValueError(f"`{name}` must be a finite number {rule}; got {value!r}")
        return int(order), name, value

    def _probabilities_of(self, x: np.ndarray, order: int, name: str, value: float) -> np.ndarray:
        """q(x[t] | the characters before it) for every t."""
        v = len(self.alphabet)
        ids = self._context_ids(x, order)
        if name == "k":
            # the longest context each position has: order, or t for t < order
            p = np.empty(x.size)
            for j in range(order + 1):
                at = (ids[j] >= -1) & ((ids[j + 1] == -2) if j < order else True)
                ctx = ids[j][at]
                seen = ctx >= 0
                num = np.zeros(ctx.size)
                den = np.zeros(ctx.size)
                num[seen] = self._pair_counts(j, ctx[seen], x[at][seen])
                den[seen] = self._ctx_count[j][ctx[seen]]
                with np.errstate(invalid="ignore", divide="ignore"):
                    q = (num + value) / (den + value * v)
                q[np.isnan(q)] = 0.0  # k = 0 and an unseen context: nothing predicted
                p[at] = q
            return p
        p = np.full(x.size, 1.0 / v)
        for j in range(order + 1):
            ctx = ids[j]
            seen = ctx >= 0
            c = ctx[seen]
            num = self._pair_counts(j, c, x[seen])
            den = self._ctx_count[j][c]
            w = value * self._types[j][c]
            p[seen] = (num + w * p[seen]) / (den + w)
        return p

    # -- public -------------------------------------------------------------------
    def probabilities(
        self,
        context: str,
        order: int,
        *,
        k: float | None = None,
        beta: float | None = None,
    ) -> np.ndarray:
        r"""The model's distribution of the next character after ``context``.

        Parameters
        ----------
        context : str
            The text so far (only its last ``order`` characters matter).
        order : int
            Context length, from 0 to ``max_order``.
        k : float, optional
            Add-k smoothing with this :math:`k \ge 0`.
        beta : float, optional
            Interpolation with this :math:`\beta > 0`. Give exactly one of ``k``
            and ``beta``.

        Returns
        -------
        numpy.ndarray
            float64 of shape ``(len(alphabet),)``: :math:`q(x \mid c)` for each
            character :math:`x` of the alphabet, in its order. It sums to 1,
            except for ``k=0`` after a context never seen, where it is all 0.

        Raises
        ------
        ValueError
            For a bad ``order``, ``k`` or ``beta``, or a character of
            ``context`` outside the alphabet.

        Examples
        --------
        >>> from infolib.text import NGramModel
        >>> m = NGramModel("abababab", max_order=1, alphabet="abc")
        >>> m.probabilities("", order=0, k=0).tolist()
        [0.5, 0.5, 0.0]
        """
        order, name, value = self._check(order, k, beta)
        if not isinstance(context, str):
            raise ValueError(f"`context` must be a string; got {type(context).__name__}")
        tail = self.encode(context[max(len(context) - order, 0) :], "context")
        v = len(self.alphabet)
        every = np.arange(v)
        ids = [0]  # ids[j]: the id of the last j characters; -1 if never seen
        for j in range(1, tail.size + 1):
            parent = ids[-1]
            key = np.array([parent * v + tail[-j]], dtype=np.int64)
            ids.append(int(self._lookup(j, key)[0]) if parent >= 0 else -1)
        if name == "k":
            c = ids[-1]
            if c < 0:
                return np.full(v, 1.0 / v) if value > 0 else np.zeros(v)
            num = self._pair_counts(tail.size, np.full(v, c), every)
            return (num + value) / (self._ctx_count[tail.size][c] + value * v)
        p = np.full(v, 1.0 / v)
        for j, c in enumerate(ids):
            if c >= 0:
                num = self._pair_counts(j, np.full(v, c), every)
                w = value * self._types[j][c]
                p = (num + w * p) / (self._ctx_count[j][c] + w)
        return p

    def predictor(
        self, order: int, *, k: float | None = None, beta: float | None = None
    ) -> Callable[[np.ndarray], np.ndarray]:
        """The model as a function of the characters so far (indices into the
        alphabet), as :func:`~infolib.arithmetic_coding.arithmetic_encode` takes it.

        Examples
        --------
        >>> from infolib.text import NGramModel
        >>> m = NGramModel("abababab", max_order=1)
        >>> m.predictor(1, k=0)(m.encode("ba")).tolist()
        [0.0, 1.0]
        """
        self._check(order, k, beta)
        alphabet = self.alphabet

        def predict(history: np.ndarray) -> np.ndarray:
            tail = history[max(len(history) - order, 0) :] if order else history[:0]
            context = "".join(alphabet[i] for i in tail)
            return self.probabilities(context, order, k=k, beta=beta)

        return predict

    def surprisals(
        self,
        text: str,
        order: int,
        *,
        k: float | None = None,
        beta: float | None = None,
        base: float | None = None,
    ) -> np.ndarray:
        r"""The surprise :math:`-\log q(x_t \mid x_{t-n} \dots x_{t-1})` of each character.

        Parameters
        ----------
        text : str
            The text to score (held-out text, or the training text itself).
        order, k, beta
            As for :meth:`probabilities`.
        base : float, optional
            Logarithm base: ``None`` (default) for nats, ``2`` for bits.

        Returns
        -------
        numpy.ndarray
            float64 of shape ``(len(text),)``; ``inf`` where the model gave the
            character probability 0 (only with ``k=0``).

        Raises
        ------
        ValueError
            As for :meth:`probabilities`, or for a bad ``base``.

        Examples
        --------
        >>> from infolib.text import NGramModel
        >>> m = NGramModel("abababab", max_order=1)
        >>> m.surprisals("abba", order=1, k=0, base=2).tolist()
        [1.0, 0.0, inf, 0.0]
        """
        order, name, value = self._check(order, k, beta)
        lb = _log_base(base)
        x = self.encode(text, "text")
        p = self._probabilities_of(x, order, name, value)
        with np.errstate(divide="ignore"):
            return -np.log(p) / lb + 0.0  # + 0.0: a sure character costs 0, not -0

    def log_loss(
        self,
        text: str,
        order: int,
        *,
        k: float | None = None,
        beta: float | None = None,
        base: float | None = None,
    ) -> float:
        r"""Cross-entropy of the model on ``text``: its mean surprise per character.

        That is :math:`H = -\frac{1}{T} \sum_{t=1}^{T} \log q(x_t \mid x_{t-n} \dots x_{t-1})`.
        In bits (``base=2``) it is the model's bits per character on ``text``;
        :func:`perplexity` turns it into a number of equally likely choices.

        Parameters
        ----------
        text : str
            The text to score, non-empty.
        order, k, beta, base
            As for :meth:`surprisals`.

        Returns
        -------
        float
            The mean surprise, summed exactly (``math.fsum``); ``inf`` if any
            character had probability 0.

        Raises
        ------
        ValueError
            As for :meth:`surprisals`, or for an empty ``text``.

        Examples
        --------
        >>> from infolib.text import NGramModel
        >>> m = NGramModel("abcd", max_order=0)
        >>> m.log_loss("dcba", order=0, k=0, base=2)  # uniform over 4: 2 bits
        2.0
        """
        if isinstance(text, str) and not text:
            raise ValueError("`text` must be a non-empty string; got ''")
        s = self.surprisals(text, order, k=k, beta=beta, base=base)
        return math.fsum(s.tolist()) / s.size
