import math

import numpy as np
import pytest

from helpers.strategies import batch
from infolib import cross_entropy, kl_divergence

TOL = 1e-9

LABEL = [1.0, 0.0, 0.0]
PREDICTION = [0.7, 0.2, 0.1]


def test_article_label_and_prediction():
    assert kl_divergence(LABEL, PREDICTION) == pytest.approx(-math.log(0.7), rel=1e-15)
    assert cross_entropy(LABEL, PREDICTION) == pytest.approx(-math.log(0.7), rel=1e-15)


def test_known_values():
    assert kl_divergence([0.5, 0.5], [0.25, 0.75], base=2) == pytest.approx(
        0.5 * math.log2(2) + 0.5 * math.log2(0.5 / 0.75)
    )
    assert cross_entropy([0.5, 0.5], [0.5, 0.5], base=2) == 1.0


def test_asymmetry():
    p, q = [0.9, 0.1], [0.5, 0.5]
    assert kl_divergence(p, q) != pytest.approx(kl_divergence(q, p))


def test_zero_in_q_where_p_is_positive_gives_inf_without_warning():
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf


def test_zero_in_p_contributes_nothing():
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2))
    assert kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0


def test_broadcasting_equals_slice_by_slice():
    p = np.array([[0.2, 0.8], [0.5, 0.5], [1.0, 0.0]])
    q = np.array([0.3, 0.7])
    np.testing.assert_allclose(kl_divergence(p, q), [kl_divergence(row, q) for row in p])
    np.testing.assert_allclose(cross_entropy(q, p), [cross_entropy(q, row) for row in p])
    # one q against many p and one p against many q, on both routes (q without
    # zeros: the fast one; q with zeros: the masked one, inf where p > 0)
    rng = np.random.default_rng(7)
    for q_zeros in (0.0, 0.3):
        p, q = batch(1_000, 6, rng=rng), batch(1_000, 6, zeros=q_zeros, rng=rng)
        np.testing.assert_allclose(kl_divergence(p, q[0]), [kl_divergence(r, q[0]) for r in p])
        np.testing.assert_allclose(cross_entropy(p[0], q), [cross_entropy(p[0], r) for r in q])


def test_axis_zero_equals_transposed_input():
    p = np.array([[0.2, 0.8], [0.5, 0.5]])
    q = np.array([[0.3, 0.7], [0.9, 0.1]])
    np.testing.assert_allclose(kl_divergence(p.T, q.T, axis=0), kl_divergence(p, q))
    np.testing.assert_allclose(cross_entropy(p.T, q.T, axis=0), cross_entropy(p, q))


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
@pytest.mark.parametrize(
    ("p", "q", "message"),
    [
        ([0.5, 0.5], [0.5, np.nan], r"`q` contains NaN"),
        ([0.5, np.nan], [0.5, 0.5], r"`p` contains NaN"),
        ([0.5, 0.5], [1.5, -0.5], r"`q` must be non-negative; got a value -0.5"),
        ([0.4, 0.4], [0.5, 0.5], r"`p` must sum to 1 along axis -1 \(within 1e-06\); got 0.8"),
        ([0.5, 0.5], [0.3, 0.3], r"`q` must sum to 1 along axis -1"),
        (
            [[0.5, 0.5]] * 3,
            [[0.2, 0.8]] * 2,
            r"`p` with shape \(3, 2\) and `q` with shape \(2, 2\) ",
        ),
        ([0.5, 0.5], [0.2, 0.3, 0.5], r"do not broadcast"),
        ([], [], r"`p` is an empty distribution"),
        (0.5, [0.5, 0.5], r"`p` must have at least one dimension"),
        ([0.5, 0.5], 0.5, r"`q` must have at least one dimension"),
        ([[0.5, 0.5], [1.0]], [0.5, 0.5], r"`p` is ragged"),
        ([0.5, 0.5], [[0.5, 0.5], [1.0]], r"`q` is ragged \(nested sequences of different"),
    ],
)
def test_bad_input_raises_with_helpful_message(func, p, q, message):
    with pytest.raises(ValueError, match=message):
        func(p, q)


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
def test_non_numeric_input_is_a_type_error_naming_the_argument(func):
    with pytest.raises(TypeError, match=r"^`p` must be numeric array-like; got \['a', 'b'\]$"):
        func(["a", "b"], [0.5, 0.5])
    with pytest.raises(TypeError, match=r"^`q` must be numeric array-like; got 'q'$"):
        func([0.5, 0.5], "q")


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
def test_bad_base(func):
    with pytest.raises(ValueError, match="`base`"):
        func([0.5, 0.5], [0.5, 0.5], base=1.0)


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
def test_non_negative_axis_is_refused_when_dimensions_differ(func):
    # Broadcasting aligns from the end: axis=0 would name different axes of p and q.
    # q's columns do not sum to 1: the axis rule is reported, not the sums along axis 0.
    ambiguous = (
        r"^`axis` 0 is ambiguous: `p` has 1 dimension\(s\) and `q` 2; count it from the end "
        r"\(a negative axis\) so that it names the same axis of both$"
    )
    with pytest.raises(ValueError, match=ambiguous):
        func([0.5, 0.5], [[0.2, 0.8]], axis=0)
    with pytest.raises(
        ValueError, match=r"`axis` 1 is ambiguous: `p` has 2 dimension\(s\) and `q` 1;"
    ):
        func([[0.2, 0.8]], [0.5, 0.5], axis=1)
    with pytest.raises(ValueError, match=r"`axis` 2 is out of range for `p` with 2 dimension"):
        func([[0.2, 0.8]], [[0.5, 0.5]], axis=2)
    with pytest.raises(ValueError, match=r"`axis` -2 is out of range for `q` with 1 dimension"):
        func([[0.2, 0.8]], [0.5, 0.5], axis=-2)
    with pytest.raises(TypeError, match=r"`axis` must be an integer; got '0'"):
        func([[0.2, 0.8]], [0.5, 0.5], axis="0")


@pytest.mark.parametrize("func", [kl_divergence, cross_entropy])
def test_axis_counted_from_the_end_with_different_dimensions(func):
    p = np.array([0.2, 0.8])
    q = np.array([[0.5, 0.5], [0.9, 0.1]])
    np.testing.assert_allclose(func(p, q, axis=-1), [func(p, row) for row in q])
