"""The fast paths of infolib's internals: the same answers as before, bit for
bit where notebooks could see it; no copies of float64 inputs, inputs never
modified, bounded extra memory.

The reference below is infolib as it was before it was optimised (masked
logarithms, unblocked): the notebooks' stored outputs were computed with it,
and nbval compares them as text, so on notebook-sized inputs the fast paths
must give the very same bits (see benchmarks/ for the timings).
"""

import re
import tracemalloc

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from conftest import distributions
from infolib import (
    binary_entropy,
    cross_entropy,
    cross_entropy_with_logits,
    entropy,
    information_content,
    kl_divergence,
    log_softmax,
    softmax,
)
from infolib._validation import (
    BLOCK,
    as_distribution,
    as_float_array,
    as_logits,
    as_probabilities,
    min_max,
    sums_are_clearly_one,
)
from infolib.entropy import LONG

RNG = np.random.default_rng(7)
BIG = 3 * BLOCK + 123  # several scan blocks and a ragged last one


def plain_xlogy(x, y):
    """x log y with 0 where x = 0 (the masked formula)."""
    out = np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)))
    x, y = np.broadcast_arrays(x, y)
    with np.errstate(divide="ignore"):
        np.log(y, out=out, where=x > 0)
    out *= x
    out[x == 0] = 0.0
    return out


# --- infolib before the optimisation (commit 3dba9be), the reference -----------------


def _log_where(x, where, shape):
    out = np.zeros(shape)
    with np.errstate(divide="ignore"):
        np.log(x, out=out, where=where)
    return out


def old_entropy(p, axis=-1):
    logx = np.log(p, out=np.zeros_like(p), where=p > 0)
    logx *= p
    return 0.0 - logx.sum(axis=axis)


def old_kl(p, q, axis=-1):
    shape = np.broadcast_shapes(p.shape, q.shape)
    support = p > 0
    log_ratio = _log_where(p, support, shape)
    log_ratio -= _log_where(q, support, shape)
    log_ratio *= p
    return np.maximum(log_ratio.sum(axis=axis), 0.0)


def old_cross_entropy(p, q, axis=-1):
    log_q = _log_where(q, p > 0, np.broadcast_shapes(p.shape, q.shape))
    log_q *= p
    return 0.0 - log_q.sum(axis=axis)


def old_log_softmax(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    shifted -= np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return shifted


def old_loss(target, z, axis=-1):
    log_q = old_log_softmax(z, axis)
    ax = axis % z.ndim
    if np.issubdtype(np.asarray(target).dtype, np.integer):
        picked = np.take_along_axis(log_q, np.expand_dims(target, ax), axis=ax)
        return 0.0 - np.squeeze(picked, axis=ax)
    return 0.0 - (target * log_q).sum(axis=ax - z.ndim)


def same_bits(a, b):
    np.testing.assert_array_equal(np.asarray(a).view(np.int64), np.asarray(b).view(np.int64))


def batch(m, n, zeros=0.2, rng=RNG):
    p = rng.random((m, n))
    p[rng.random((m, n)) < zeros] = 0.0
    p[:, 0] += 1e-3
    return p / p.sum(axis=1, keepdims=True)


def peak_extra_bytes(func, *args):
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        func(*args)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


# --- no copies, no modification ------------------------------------------------------


def test_a_float64_array_is_not_copied():
    p = np.array([0.25, 0.75])
    assert as_float_array(p, "p") is p
    assert as_probabilities(p, "p") is p
    assert as_distribution(p, "p", -1) is p
    assert as_logits(p, "logits", -1) is p


def test_other_inputs_are_converted_to_float64():
    for x in ([0.25, 0.75], np.array([0.25, 0.75], dtype=np.float32), (1, 0)):
        arr = as_float_array(x, "p")
        assert arr.dtype == np.float64
        np.testing.assert_array_equal(arr, np.asarray(x, dtype=np.float64))


def test_entropy_of_a_long_vector_works_in_small_blocks():
    p = batch(1, LONG + 1000)[0]
    assert peak_extra_bytes(entropy, p) <= 0.1 * p.nbytes  # one block, not a copy of p


def test_entropy_of_a_batch_allocates_at_most_its_size():
    p = batch(100_000, 10)
    assert peak_extra_bytes(entropy, p, None, 1) <= 1.2 * p.nbytes


def test_information_content_allocates_only_its_result():
    p = RNG.random(1_000_000)
    p[::7] = 0.0
    assert peak_extra_bytes(information_content, p, 2) <= 1.1 * p.nbytes
    assert np.all(information_content(p)[::7] == np.inf)


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
def test_divergences_allocate_at_most_the_size_of_their_inputs(func):
    p, q = batch(100_000, 10), batch(100_000, 10, zeros=0.0)
    assert peak_extra_bytes(func, p, q) <= 1.1 * (p.nbytes + q.nbytes)


@pytest.mark.parametrize("soft", [False, True])
def test_loss_from_logits_never_holds_all_the_exponentials(soft):
    z = RNG.normal(size=(2_000, 500))
    labels = RNG.integers(0, 500, size=2_000)
    target = np.eye(500)[labels] if soft else labels
    # two reused blocks of BLOCK numbers and a few per-sample vectors, not the 8 MB of z
    budget = 2 * BLOCK * 8 + 10 * len(z) * 8 + 4096
    assert peak_extra_bytes(cross_entropy_with_logits, target, z) <= budget


def test_large_and_non_contiguous_inputs_are_left_unmodified():
    p = batch(BIG // 10, 10)
    q = batch(BIG // 10, 10, zeros=0.0)
    z = RNG.normal(size=(BIG // 10, 10))
    labels = RNG.integers(0, 10, size=BIG // 10)
    arrays = [p, q, z, labels, p.T, z.T]
    before = [a.copy() for a in arrays]
    entropy(p)
    entropy(p.T, axis=0)
    binary_entropy(p)
    information_content(p, base=2)
    kl_divergence(p, q, base=2)
    kl_divergence(q, p)  # p has zeros: the masked route
    cross_entropy(p.T, q.T, axis=0)
    softmax(z)
    log_softmax(z.T, axis=0)
    cross_entropy_with_logits(labels, z)
    cross_entropy_with_logits(p, z)
    cross_entropy_with_logits(p.T, z.T, axis=0)
    for a, b in zip(arrays, before, strict=True):
        np.testing.assert_array_equal(a, b)


# --- the one-pass scans ---------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 10, BLOCK, BIG])
def test_min_max_equals_numpy(size):
    x = RNG.normal(size=size)
    assert min_max(x) == (x.min(), x.max())
    assert min_max(x.reshape(-1, 1).T) == (x.min(), x.max())  # F-contiguous
    assert min_max(x[::2]) == (x[::2].min(), x[::2].max())  # strided


@pytest.mark.parametrize("where", [0, BLOCK - 1, BLOCK, BIG - 1])
def test_min_max_propagates_nan_from_any_block(where):
    x = RNG.random(BIG)
    x[where] = np.nan
    lo, hi = min_max(x)
    assert np.isnan(lo) and np.isnan(hi)
    with pytest.raises(ValueError, match="`p` contains NaN"):
        entropy(x)
    with pytest.raises(ValueError, match="`logits` contains NaN"):
        log_softmax(x)


def test_bad_values_in_the_last_block_are_found_and_reported():
    x = np.full(BIG, 1.0 / BIG)
    x[-1] = -0.25
    with pytest.raises(ValueError, match="`p` must be non-negative; got a value -0.25"):
        entropy(x)
    x[-1] = 1.5
    with pytest.raises(ValueError, match="`p` must be at most 1; got a value 1.5"):
        information_content(x)
    z = np.zeros(BIG)
    z[-1] = -np.inf
    with pytest.raises(ValueError, match="`logits` contains inf"):
        cross_entropy_with_logits(0, z)


def test_the_sum_screen_only_passes_clear_cases():
    p = batch(1_000, 10)
    assert sums_are_clearly_one(p, 1) and sums_are_clearly_one(p.T, 0)
    p[17] *= 1 + 0.999e-6  # within the tolerance, but too close to call: exact sums decide
    assert not sums_are_clearly_one(p, 1)
    entropy(p)
    p[17] *= 1 + 2e-6
    with pytest.raises(ValueError, match=r"`p` must sum to 1 along axis -1 .*; got 1.000002"):
        entropy(p)
    assert not sums_are_clearly_one(p[0], 0)  # a single vector: NumPy sums it


def test_sum_messages_report_numpys_sum():
    bad = batch(1_000, 10)
    bad[500, 3] += 0.01
    seen = repr(float(bad.sum(axis=1)[500]))
    with pytest.raises(ValueError, match=f"; got {re.escape(seen)}$"):
        entropy(bad)


# --- the same bits as before on notebook-sized inputs -------------------------------


@pytest.mark.parametrize("shape", [(1,), (3,), (16,), (1000,), (50, 3), (20, 7, 12)])
def test_same_bits_as_before(shape):
    rng = np.random.default_rng(sum(shape))
    p = batch(int(np.prod(shape[:-1])), shape[-1], rng=rng).reshape(shape)
    q = batch(int(np.prod(shape[:-1])), shape[-1], zeros=0.0, rng=rng).reshape(shape)
    q0 = batch(int(np.prod(shape[:-1])), shape[-1], zeros=0.3, rng=rng).reshape(shape)
    same_bits(entropy(p), old_entropy(p))
    same_bits(entropy(np.moveaxis(p, -1, 0), axis=0), old_entropy(np.moveaxis(p, -1, 0), 0))
    one_row = (lambda a: a[..., :1, :]) if len(shape) > 1 else (lambda a: a)
    for qq in (q, q0, one_row(q)):
        same_bits(kl_divergence(p, qq), old_kl(p, qq))
        same_bits(cross_entropy(p, qq), old_cross_entropy(p, qq))
    z = rng.normal(scale=5.0, size=shape)
    same_bits(log_softmax(z), old_log_softmax(z))
    labels = rng.integers(0, shape[-1], size=shape[:-1])
    same_bits(cross_entropy_with_logits(labels, z), old_loss(labels, z))
    same_bits(cross_entropy_with_logits(p, z), old_loss(p, z))
    same_bits(cross_entropy_with_logits(one_row(p), z), old_loss(one_row(p), z))


def test_same_bits_as_before_on_the_books_examples():
    article = np.array([0.7, 0.2, 0.1])
    same_bits(entropy(article), old_entropy(article))
    same_bits(cross_entropy([1.0, 0.0, 0.0], article), old_cross_entropy(np.eye(3)[0], article))
    same_bits(kl_divergence(article, [1 / 3] * 3), old_kl(article, np.full(3, 1 / 3)))
    z = np.array([2.0, 1.0, 0.1])
    same_bits(cross_entropy_with_logits(0, z), old_loss(np.array(0), z))


# --- same answers as the plain formulas -------------------------------------------------


@pytest.mark.parametrize("shape", [(BIG,), (BIG // 10, 10), (10, 7, 3)])
def test_entropy_equals_the_masked_formula(shape):
    p = batch(int(np.prod(shape[:-1])), shape[-1]).reshape(shape)
    expected = -plain_xlogy(p, p).sum(axis=-1)
    np.testing.assert_allclose(entropy(p), expected, rtol=1e-12)
    np.testing.assert_allclose(entropy(np.moveaxis(p, -1, 0), axis=0), expected, rtol=1e-12)


@pytest.mark.parametrize("q_zeros", [0.0, 0.3])
def test_divergences_equal_the_masked_formulas(q_zeros):
    p, q = batch(1_000, 6), batch(1_000, 6, zeros=q_zeros)
    with np.errstate(invalid="ignore"):  # inf - inf cannot happen: p > 0 there
        kl = (plain_xlogy(p, p) - plain_xlogy(p, q)).sum(axis=1)
    ce = -plain_xlogy(p, q).sum(axis=1)
    np.testing.assert_allclose(kl_divergence(p, q), np.maximum(kl, 0.0), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(cross_entropy(p, q), ce, rtol=1e-12)
    assert np.isinf(ce).any() == (q_zeros > 0)
    # broadcasting one q against many p, both routes
    np.testing.assert_allclose(kl_divergence(p, q[0]), [kl_divergence(r, q[0]) for r in p])
    np.testing.assert_allclose(cross_entropy(p[0], q), [cross_entropy(p[0], r) for r in q])


@given(distributions(), st.floats(0.0, 1.0))
def test_subnormal_and_zero_probabilities(p, scale):
    p = p.copy()
    p[-1] = 5e-324 if scale > 0.5 else 0.0
    p[0] += 1.0 - p.sum()
    assume(p.min() >= 0 and p.max() <= 1)
    assert entropy(p) >= 0.0
    assert kl_divergence(p, p) == 0.0


def test_binary_entropy_near_and_at_one():
    below_one = np.nextafter(1.0, 0.0)
    assert binary_entropy(1.0) == 0.0
    assert binary_entropy(below_one) == pytest.approx(entropy([below_one, 1.0 - below_one]))
    assert binary_entropy(0.0) == 0.0 and not np.signbit(binary_entropy(0.0))


@pytest.mark.parametrize("shape_axis", [((7,), 0), ((300, 5), 1), ((5, 300), 0), ((4, 3, 6), 1)])
def test_losses_from_logits_equal_log_softmax_across_blocks(shape_axis):
    shape, axis = shape_axis
    z = RNG.normal(scale=20.0, size=shape)
    n = shape[axis]
    logq = log_softmax(z, axis=axis)
    np.testing.assert_allclose(np.exp(logq), softmax(z, axis=axis), rtol=1e-12)
    np.testing.assert_allclose(np.exp(logq).sum(axis=axis), 1.0, rtol=1e-12)
    labels = RNG.integers(0, n, size=z.shape[:axis] + z.shape[axis + 1 :])
    picked = -np.take_along_axis(logq, np.expand_dims(labels, axis), axis=axis).squeeze(axis)
    np.testing.assert_array_equal(cross_entropy_with_logits(labels, z, axis=axis), picked)
    y = np.moveaxis(batch(labels.size, n).reshape(labels.shape + (n,)), -1, axis)
    np.testing.assert_allclose(
        cross_entropy_with_logits(y, z, axis=axis), -(y * logq).sum(axis=axis), rtol=1e-12
    )


def test_batched_loss_equals_one_sample_at_a_time():
    # more rows than one block holds: the blocks must not mix up samples
    z = RNG.normal(size=(BLOCK // 4 + 3, 8))
    labels = RNG.integers(0, 8, size=len(z))
    losses = cross_entropy_with_logits(labels, z)
    for i in [0, 1, BLOCK // 8 - 1, BLOCK // 8, len(z) - 1]:
        assert losses[i] == cross_entropy_with_logits(labels[i], z[i])
