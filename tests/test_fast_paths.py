"""The fast paths of infolib's internals: the same answers as before, bit for
bit where notebooks could see it; no copies of float64 inputs, inputs never
modified (every public function; both sides of every benchmark row:
tests/test_benchmark_quick.py), bounded extra memory.

The reference is infolib as it was before it was optimised (tests/helpers/reference.py):
the notebooks' stored outputs were computed with it, and nbval compares them as
text, so on notebook-sized inputs the fast paths must give the very same bits
(see benchmarks/ for the timings). Needs only NumPy, pytest and hypothesis.
"""

import ast
import copy
import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import infolib
from helpers.reference import (
    old_cross_entropy,
    old_entropy,
    old_kl,
    old_log_softmax,
    old_loss,
    plain_xlogy,
    same_bits,
)
from helpers.strategies import batch
from infolib import (
    binary_entropy,
    cross_entropy,
    cross_entropy_with_logits,
    entropy,
    expected_calibration_error,
    fit_temperature,
    huffman_code,
    information_content,
    kl_divergence,
    log_sigmoid,
    log_softmax,
    mean_code_length,
    reliability_bins,
    sigmoid,
    smooth_labels,
    softmax,
    tempered_softmax,
)
from infolib._numerics import BLOCK, LONG
from infolib._validation import (
    as_distribution,
    as_float_array,
    as_logits,
    as_probabilities,
    min_max,
    sums_are_clearly_one,
)

BIG = 3 * BLOCK + 123  # several scan blocks and a ragged last one


@pytest.fixture
def rng():
    """A generator of its own for each test: its data do not depend on which tests ran
    before it (or on which xdist worker)."""
    return np.random.default_rng(7)


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
    assert as_distribution(p, "p", -1)[0] is p
    assert as_logits(p, "logits", -1)[0] is p


def test_other_inputs_are_converted_to_float64():
    for x in ([0.25, 0.75], np.array([0.25, 0.75], dtype=np.float32), (1, 0)):
        arr = as_float_array(x, "p")
        assert arr.dtype == np.float64
        np.testing.assert_array_equal(arr, np.asarray(x, dtype=np.float64))


def test_entropy_of_a_long_vector_works_in_small_blocks(rng):
    p = batch(1, LONG + 1000, rng=rng)[0]
    assert peak_extra_bytes(entropy, p) <= 0.1 * p.nbytes  # one block, not a copy of p
    # block by block, every block counted once: the masked formula up to rounding
    np.testing.assert_allclose(entropy(p), -plain_xlogy(p, p).sum(), rtol=1e-12)
    np.testing.assert_allclose(entropy(p[::-1].copy()), entropy(p), rtol=1e-12)


@pytest.mark.parametrize("size", [BIG, LONG])
def test_vectors_up_to_long_are_summed_whole(size, rng):
    # NumPy's pairwise sum over the whole vector, as before: the same bits
    p = batch(1, size, rng=rng)[0]
    same_bits(entropy(p), old_entropy(p))


def test_min_max_reads_large_arrays_without_copying_them(rng):
    x = rng.random(4 * BIG)
    for view in (x[::2], x.reshape(-1, 4).T):  # strided; F-contiguous
        assert min_max(view) == (view.min(), view.max())
        assert peak_extra_bytes(min_max, view) <= 0.01 * view.nbytes


def test_entropy_of_a_batch_allocates_at_most_its_size(rng):
    p = batch(100_000, 10, rng=rng)
    assert peak_extra_bytes(entropy, p, None, 1) <= 1.2 * p.nbytes


def test_information_content_allocates_only_its_result(rng):
    p = rng.random(1_000_000)
    p[::7] = 0.0
    assert peak_extra_bytes(information_content, p, 2) <= 1.1 * p.nbytes
    assert np.all(information_content(p)[::7] == np.inf)


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
def test_divergences_allocate_at_most_the_size_of_their_inputs(func, rng):
    p, q = batch(100_000, 10, rng=rng), batch(100_000, 10, zeros=0.0, rng=rng)
    assert peak_extra_bytes(func, p, q) <= 1.1 * (p.nbytes + q.nbytes)


@pytest.mark.parametrize("soft", [False, True])
def test_loss_from_logits_never_holds_all_the_exponentials(soft, rng):
    z = rng.normal(size=(2_000, 500))
    labels = rng.integers(0, 500, size=2_000)
    target = np.eye(500)[labels] if soft else labels
    # two reused blocks of BLOCK numbers and a few per-sample vectors, not the 8 MB of z
    budget = 2 * BLOCK * 8 + 10 * len(z) * 8 + 4096
    assert peak_extra_bytes(cross_entropy_with_logits, target, z) <= budget


def test_a_sample_wider_than_a_block_is_processed_one_row_at_a_time(rng):
    n = 3 * BLOCK  # one sample's classes fill three blocks
    z = rng.normal(size=(4, n))
    labels = np.array([0, 1, n - 1, 7])
    # two buffers of one row each (and a little), not of two rows (or the whole 6 MB of z)
    assert peak_extra_bytes(cross_entropy_with_logits, labels, z) <= 2.5 * n * 8
    expected = [old_loss(c, row) for c, row in zip(labels, z, strict=True)]
    np.testing.assert_allclose(cross_entropy_with_logits(labels, z), expected)


def _given(*args, **kwargs):
    """A call on these arguments (fresh copies for every test)."""
    return lambda rng: (copy.deepcopy(args), kwargs)


def _large(pick, **kwargs):
    """A call on arrays of several scan blocks: ``pick(p, q, z, labels)`` chooses them
    (p with zeros, q without, logits z, class labels)."""

    def make(rng):
        m = BIG // 10
        p, q = batch(m, 10, rng=rng), batch(m, 10, zeros=0.0, rng=rng)
        z, labels = rng.normal(size=(m, 10)), rng.integers(0, 10, size=m)
        return pick(p, q, z, labels), kwargs

    return make


ARTICLE = np.array([0.7, 0.2, 0.1])
HUGE_LOGITS = np.array([[1000.0, -1000.0]])
SCORES = np.array([-2.0, 0.0, 3.0])

# Every public infolib function that takes arrays: small inputs, large ones (several
# blocks), transposed (non-contiguous) ones, and each route (zeros in q, labels or
# probabilities as targets, a vector longer than LONG).
INFOLIB_CALLS = [
    (information_content, _given(ARTICLE), "small"),
    (information_content, _large(lambda p, q, z, y: (p,), base=2), "large"),
    (entropy, _given(ARTICLE, base=2), "small"),
    (entropy, _large(lambda p, q, z, y: (p,)), "large"),
    (entropy, _large(lambda p, q, z, y: (p.T,), axis=0), "transposed"),
    (entropy, lambda rng: ((batch(1, LONG + 1000, rng=rng)[0],), {}), "long"),
    (binary_entropy, _given(np.array([0.0, 0.1, 1.0]), base=2), "small"),
    (binary_entropy, _large(lambda p, q, z, y: (p,)), "large"),
    (kl_divergence, _given(np.array([0.2, 0.8]), np.array([0.4, 0.6]), base=2), "small"),
    (kl_divergence, _large(lambda p, q, z, y: (p, q), base=2), "large"),
    (kl_divergence, _large(lambda p, q, z, y: (q, p)), "large-zeros-in-q"),  # masked route
    (cross_entropy, _given(np.array([0.2, 0.8]), np.array([0.4, 0.6]), base=2), "small"),
    (cross_entropy, _large(lambda p, q, z, y: (p, q)), "large"),
    (cross_entropy, _large(lambda p, q, z, y: (p.T, q.T), axis=0), "transposed"),
    (softmax, _given(HUGE_LOGITS), "small"),
    (softmax, _large(lambda p, q, z, y: (z,)), "large"),
    (log_softmax, _given(HUGE_LOGITS), "small"),
    (log_softmax, _large(lambda p, q, z, y: (z.T,), axis=0), "transposed"),
    (cross_entropy_with_logits, _given(np.array([[0.5, 0.5]]), HUGE_LOGITS), "probabilities"),
    (cross_entropy_with_logits, _given(np.array([1]), HUGE_LOGITS), "labels"),
    (cross_entropy_with_logits, _large(lambda p, q, z, y: (y, z)), "labels-large"),
    (cross_entropy_with_logits, _large(lambda p, q, z, y: (p, z)), "probabilities-large"),
    (cross_entropy_with_logits, _large(lambda p, q, z, y: (p.T, z.T), axis=0), "transposed"),
    (sigmoid, _given(SCORES), "small"),
    (sigmoid, _large(lambda p, q, z, y: (z.T,)), "transposed"),
    (log_sigmoid, _given(SCORES), "small"),
    (log_sigmoid, _large(lambda p, q, z, y: (z.T,)), "transposed"),
    (huffman_code, _given(ARTICLE), "small"),
    (huffman_code, lambda rng: ((batch(1, 300, rng=rng)[0],), {}), "large"),
    (mean_code_length, _given(ARTICLE, ["0", "10", "11"]), "small"),
    (tempered_softmax, _given(HUGE_LOGITS, 2.0), "small"),
    (tempered_softmax, _large(lambda p, q, z, y: (z.T, 3.0), axis=0), "transposed"),
    (smooth_labels, _given(np.array([0, 2, 1]), 3, 0.1), "small"),
    (smooth_labels, _large(lambda p, q, z, y: (y, 10, 0.1)), "large"),
    (reliability_bins, _given(np.array([[0.9, 0.1], [0.3, 0.7]]), np.array([0, 0])), "small"),
    (reliability_bins, _large(lambda p, q, z, y: (q, y)), "large"),
    (expected_calibration_error, _large(lambda p, q, z, y: (q, y), n_bins=15), "large"),
    (fit_temperature, _given(np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([0, 0])), "small"),
    (fit_temperature, _large(lambda p, q, z, y: (z, y)), "large"),
]


def test_every_public_array_function_is_checked_for_modification():
    takes_no_array = {"gaussian_blobs", "ReliabilityBins"}  # a result's type
    assert {func.__name__ for func, _, _ in INFOLIB_CALLS} == set(infolib.__all__) - takes_no_array


@pytest.mark.parametrize(
    ("func", "make"),
    [pytest.param(f, m, id=f"{f.__name__}-{label}") for f, m, label in INFOLIB_CALLS],
)
def test_inputs_are_left_unmodified(func, make, rng):
    args, kwargs = make(rng)
    inputs = [*args, *kwargs.values()]
    before = copy.deepcopy(inputs)
    func(*args, **kwargs)
    for after, original in zip(inputs, before, strict=True):
        assert type(after) is type(original)
        np.testing.assert_array_equal(after, original, strict=True)


# --- the one-pass scans ---------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 10, BLOCK, BIG])
def test_min_max_equals_numpy(size, rng):
    x = rng.normal(size=size)
    assert min_max(x) == (x.min(), x.max())
    assert min_max(x.reshape(-1, 1).T) == (x.min(), x.max())  # F-contiguous
    assert min_max(x[::2]) == (x[::2].min(), x[::2].max())  # strided


@pytest.mark.parametrize("where", [0, BLOCK - 1, BLOCK, BIG - 1])
def test_min_max_propagates_nan_from_any_block(where, rng):
    x = rng.random(BIG)
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


def test_the_sum_screen_only_passes_clear_cases(rng):
    p = batch(1_000, 10, rng=rng)
    assert sums_are_clearly_one(p, 1) and sums_are_clearly_one(p.T, 0)
    p[17] *= 1 + 0.999e-6  # within the tolerance, but too close to call: exact sums decide
    assert not sums_are_clearly_one(p, 1)
    entropy(p)
    p[17] *= 1 + 2e-6
    with pytest.raises(ValueError, match=r"`p` must sum to 1 along axis -1 .*; got 1.000002"):
        entropy(p)
    assert not sums_are_clearly_one(p[0], 0)  # a single vector: NumPy sums it


def test_the_sum_screen_sums_along_the_named_axis():
    # each matrix's columns sum to 1, its rows do not: along axis -1 it is no distribution
    p = np.array([[[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 1.0]]] * 4)
    assert not sums_are_clearly_one(p, 2)
    assert sums_are_clearly_one(p, 1)
    with pytest.raises(ValueError, match=r"`p` must sum to 1 along axis -1 .*; got 0.0"):
        entropy(p)
    np.testing.assert_array_equal(entropy(p, axis=1), 0.0)


def test_sum_messages_report_numpys_sum(rng):
    bad = batch(1_000, 10, rng=rng)
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
def test_entropy_equals_the_masked_formula(shape, rng):
    p = batch(int(np.prod(shape[:-1])), shape[-1], rng=rng).reshape(shape)
    expected = -plain_xlogy(p, p).sum(axis=-1)
    np.testing.assert_allclose(entropy(p), expected, rtol=1e-12)
    np.testing.assert_allclose(entropy(np.moveaxis(p, -1, 0), axis=0), expected, rtol=1e-12)


@pytest.mark.parametrize("q_zeros", [0.0, 0.3])
def test_divergences_equal_the_masked_formulas(q_zeros, rng):
    p, q = batch(1_000, 6, rng=rng), batch(1_000, 6, zeros=q_zeros, rng=rng)
    with np.errstate(invalid="ignore"):  # inf - inf cannot happen: p > 0 there
        kl = (plain_xlogy(p, p) - plain_xlogy(p, q)).sum(axis=1)
    ce = -plain_xlogy(p, q).sum(axis=1)
    np.testing.assert_allclose(kl_divergence(p, q), np.maximum(kl, 0.0), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(cross_entropy(p, q), ce, rtol=1e-12)
    assert np.isinf(ce).any() == (q_zeros > 0)
    # broadcasting, slice by slice on both routes: tests/test_divergence.py


def test_binary_entropy_near_and_at_one():
    below_one = np.nextafter(1.0, 0.0)
    assert binary_entropy(1.0) == 0.0
    assert binary_entropy(below_one) == pytest.approx(entropy([below_one, 1.0 - below_one]))
    assert binary_entropy(0.0) == 0.0 and not np.signbit(binary_entropy(0.0))


@pytest.mark.parametrize("shape_axis", [((7,), 0), ((300, 5), 1), ((5, 300), 0), ((4, 3, 6), 1)])
def test_losses_from_logits_equal_log_softmax_across_blocks(shape_axis, rng):
    shape, axis = shape_axis
    z = rng.normal(scale=20.0, size=shape)
    n = shape[axis]
    logq = log_softmax(z, axis=axis)
    np.testing.assert_allclose(np.exp(logq), softmax(z, axis=axis), rtol=1e-12)
    np.testing.assert_allclose(np.exp(logq).sum(axis=axis), 1.0, rtol=1e-12)
    labels = rng.integers(0, n, size=z.shape[:axis] + z.shape[axis + 1 :])
    picked = -np.take_along_axis(logq, np.expand_dims(labels, axis), axis=axis).squeeze(axis)
    np.testing.assert_array_equal(cross_entropy_with_logits(labels, z, axis=axis), picked)
    y = np.moveaxis(batch(labels.size, n, rng=rng).reshape(labels.shape + (n,)), -1, axis)
    np.testing.assert_allclose(
        cross_entropy_with_logits(y, z, axis=axis), -(y * logq).sum(axis=axis), rtol=1e-12
    )


def test_batched_loss_equals_one_sample_at_a_time(rng):
    # more rows than one block holds: the blocks must not mix up samples
    z = rng.normal(size=(BLOCK // 4 + 3, 8))
    labels = rng.integers(0, 8, size=len(z))
    losses = cross_entropy_with_logits(labels, z)
    for i in [0, 1, BLOCK // 8 - 1, BLOCK // 8, len(z) - 1]:
        assert losses[i] == cross_entropy_with_logits(labels[i], z[i])


def test_infolib_uses_no_blas():
    # benchmarks/README.md's promise: no BLAS call, whose summation order depends on the CPU
    blas = {"dot", "vdot", "inner", "matmul", "tensordot", "linalg", "einsum_path"}
    found = []
    for path in sorted(Path(infolib.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.MatMult) or (
                isinstance(node, ast.Attribute) and node.attr in blas
            ):
                found.append(f"{path.name}:{getattr(node, 'lineno', '?')}")
            if isinstance(node, ast.keyword) and node.arg == "optimize":  # einsum via BLAS
                found.append(f"{path.name}:{node.value.lineno}")
    assert found == []
