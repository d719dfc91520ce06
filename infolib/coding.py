"""Optimal prefix codes: entropy as the lower bound on the average length of a code.

Introduced in chapter 2, *Entropy*; used again in chapter 4, *Cross-entropy*.
"""

from __future__ import annotations

import heapq
import math

from numpy.typing import ArrayLike

from ._validation import as_distribution

__all__ = ["huffman_code", "mean_code_length"]


def huffman_code(p: ArrayLike) -> list[str]:
    r"""Binary Huffman code for a distribution: the prefix code of least mean length.

    Parameters
    ----------
    p : array_like
        One probability vector (1-D): values in [0, 1] summing to 1.

    Returns
    -------
    list of str
        ``codes[i]`` is the codeword (a string of ``"0"`` and ``"1"``) of
        outcome ``i``. No codeword is a prefix of another. A distribution
        with a single outcome gets the empty codeword: nothing needs sending.

    Raises
    ------
    ValueError
        If ``p`` is not a valid 1-D distribution.

    Notes
    -----
    Huffman's algorithm [1]_ repeatedly merges the two least probable
    subtrees; ties are broken by order of creation, so the code is
    deterministic, and the codewords are then written in canonical form
    (shorter codewords first). With codeword lengths :math:`\ell_i`, the mean length
    :math:`L = \sum_i p_i \ell_i` satisfies the source-coding bound

    .. math:: H_2(p) \le L < H_2(p) + 1,

    where :math:`H_2` is the entropy in bits (for distributions with every
    :math:`p_i > 0`; an outcome of probability 0 still gets a codeword),
    with :math:`L = H_2(p)` when every probability is a power of 1/2.

    References
    ----------
    .. [1] D. A. Huffman, "A Method for the Construction of
       Minimum-Redundancy Codes", Proceedings of the IRE 40(9), 1952.

    Examples
    --------
    >>> from infolib import huffman_code
    >>> huffman_code([0.5, 0.25, 0.125, 0.125])
    ['0', '10', '110', '111']
    >>> huffman_code([0.7, 0.2, 0.1])
    ['0', '10', '11']
    """
    probs, _ = as_distribution(p, "p", -1)
    if probs.ndim != 1:
        raise ValueError(f"`p` must be one distribution (1-D); got shape {probs.shape}")
    n = probs.shape[0]
    codes = [""] * n
    if n == 1:
        return codes
    # Heap entries: (probability, creation order, outcomes in the subtree).
    heap = [(float(prob), i, [i]) for i, prob in enumerate(probs)]
    heapq.heapify(heap)
    order = n
    while len(heap) > 1:
        p0, _, zeros = heapq.heappop(heap)
        p1, _, ones = heapq.heappop(heap)
        for i in zeros:
            codes[i] = "0" + codes[i]
        for i in ones:
            codes[i] = "1" + codes[i]
        heapq.heappush(heap, (p0 + p1, order, zeros + ones))
        order += 1
    return _canonical(codes)


def _canonical(codes: list[str]) -> list[str]:
    """Canonical codewords with the same lengths: shortest first, then by index.

    The lengths are all that make a code optimal; the canonical form makes the
    codewords easy to read (``0``, ``10``, ``110``, ...).
    """
    lengths = [len(c) for c in codes]
    order = sorted(range(len(codes)), key=lambda i: (lengths[i], i))
    result = [""] * len(codes)
    value, prev_len = 0, lengths[order[0]]
    for rank, i in enumerate(order):
        if rank:
            value = (value + 1) << (lengths[i] - prev_len)
        result[i] = format(value, f"0{lengths[i]}b")
        prev_len = lengths[i]
    return result


def mean_code_length(p: ArrayLike, codes: list[str]) -> float:
    r"""Mean length, in binary symbols, of a code used on outcomes drawn from ``p``.

    Parameters
    ----------
    p : array_like
        The distribution the outcomes are drawn from (1-D, summing to 1).
    codes : list of str
        One codeword per outcome, e.g. from :func:`huffman_code` (for ``p``
        itself, or for another distribution).

    Returns
    -------
    float
        :math:`L = \sum_i p_i \ell_i`, with :math:`\ell_i` the length of
        codeword :math:`i`, summed exactly (``math.fsum``): the same bits on
        every machine, whatever the order of the outcomes.

    Raises
    ------
    ValueError
        If ``p`` is not a valid 1-D distribution, or ``codes`` does not have
        one codeword per outcome.

    Notes
    -----
    Used on data from :math:`p`, a code with lengths :math:`\ell_i` has mean
    length :math:`L = -\sum_i p_i \log_2 r_i` with :math:`r_i = 2^{-\ell_i}`.
    For a prefix code, Kraft's inequality gives :math:`\sum_i r_i \le 1` and
    so :math:`L \ge H_2(p)` (chapter 2); when :math:`\sum_i r_i = 1` (every
    Huffman code of two or more symbols), :math:`L = H_2(p, r)` is a
    cross-entropy in bits, and a code built for another distribution
    :math:`q` costs about :math:`D_{KL}(p \| q)` extra bits (chapter 4). A
    code that is not uniquely decodable can be shorter than :math:`H_2(p)`
    (it cannot be decoded).

    Examples
    --------
    >>> from infolib import huffman_code, mean_code_length
    >>> p = [0.7, 0.2, 0.1]
    >>> mean_code_length(p, huffman_code(p))
    1.3
    """
    probs, _ = as_distribution(p, "p", -1)
    if probs.ndim != 1:
        raise ValueError(f"`p` must be one distribution (1-D); got shape {probs.shape}")
    if len(codes) != probs.shape[0]:
        raise ValueError(
            f"`codes` must have one codeword per outcome: {probs.shape[0]} outcomes, "
            f"{len(codes)} codewords"
        )
    # math.fsum: the correctly rounded sum, whatever the order of the terms; a BLAS
    # dot product (probs @ lengths) adds in an order that depends on the CPU.
    return math.fsum(float(pi) * len(c) for pi, c in zip(probs, codes, strict=True))
