"""The identities of the book, checked on many random distributions (hypothesis)."""

import math

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers.strategies import distribution_pairs, distributions, distributions_with_extremes
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

TOL = 1e-9


@given(distribution_pairs(allow_zeros=False))
def test_gibbs_inequality(pair):
    # On the raw formula: kl_divergence clips a rounding residue at 0, so testing
    # its sign alone could not fail.
    p, q = pair
    raw = float(np.sum(p * np.log(p / q)))
    assert raw >= -1e-12
    assert math.isclose(kl_divergence(p, q), max(raw, 0.0), rel_tol=1e-9, abs_tol=1e-12)


@given(distributions_with_extremes())
def test_kl_is_zero_for_identical_distributions(p):
    # exactly 0, not a rounding residue: also with zeros and subnormal probabilities
    assert kl_divergence(p, p) == 0.0


@given(distribution_pairs(allow_zeros=False))
def test_cross_entropy_is_entropy_plus_kl(pair):
    p, q = pair
    assert math.isclose(
        cross_entropy(p, q), entropy(p) + kl_divergence(p, q), rel_tol=TOL, abs_tol=TOL
    )


@given(distribution_pairs(allow_zeros=False))
def test_cross_entropy_is_at_least_entropy(pair):
    p, q = pair
    assert cross_entropy(p, q) >= entropy(p) - TOL


@given(st.one_of(distributions(), distributions_with_extremes()))
def test_entropy_is_between_zero_and_log_n(p):
    h = entropy(p)
    assert 0.0 <= h <= math.log(len(p)) + TOL


@given(st.integers(1, 64))
def test_uniform_distribution_reaches_log_n(n):
    assert math.isclose(entropy(np.full(n, 1.0 / n)), math.log(n), rel_tol=TOL, abs_tol=TOL)


@given(distribution_pairs(), st.sampled_from([2, 10, 3.5, 0.5, math.e, math.exp(2)]))
@example((np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.25] * 4)), 2)
@example((np.array([0.5, 0.5]), np.array([1.0, 0.0])), 2)  # inf in any unit
@example((np.array([0.1, 0.9]), np.array([0.6, 0.4])), math.exp(2))  # ln base = 2
def test_change_of_base_is_division_by_log_base(pair, base):
    # bits = nats / ln 2, and so for every base, for every function that takes one
    p, q = pair
    ln_base = math.log(base)
    for in_base, in_nats in [
        (entropy(p, base=base), entropy(p)),
        (kl_divergence(p, q, base=base), kl_divergence(p, q)),
        (cross_entropy(p, q, base=base), cross_entropy(p, q)),
        (binary_entropy(p, base=base), binary_entropy(p)),
        (information_content(q, base=base), information_content(q)),
    ]:
        np.testing.assert_allclose(in_base, in_nats / ln_base, rtol=TOL, atol=TOL)


logit_vectors = hnp.arrays(
    np.float64, st.integers(1, 10), elements=st.floats(-1e3, 1e3, allow_subnormal=False)
)


@given(logit_vectors)
def test_softmax_is_a_distribution(z):
    q = softmax(z)
    assert np.all(q >= 0) and math.isclose(q.sum(), 1.0, rel_tol=1e-12)
    assert np.all(np.isfinite(log_softmax(z))) and np.all(log_softmax(z) <= 0)


@given(logit_vectors, st.data())
def test_loss_from_logits_is_finite_and_matches_log_softmax(z, data):
    c = data.draw(st.integers(0, len(z) - 1))
    loss = cross_entropy_with_logits(c, z)
    assert np.isfinite(loss) and loss >= 0
    assert loss == -log_softmax(z)[c]
