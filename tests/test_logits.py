import math

import numpy as np
import pytest

from infolib import cross_entropy, cross_entropy_with_logits, log_softmax, softmax


def test_softmax_is_a_distribution_and_shift_invariant():
    z = np.array([[2.0, 1.0, 0.1], [-3.0, 0.0, 3.0]])
    q = softmax(z)
    np.testing.assert_allclose(q.sum(axis=-1), 1.0)
    np.testing.assert_allclose(softmax(z + 123.0), q)


def test_softmax_known_value():
    np.testing.assert_allclose(softmax([0.0, math.log(3.0)]), [0.25, 0.75])


def test_extreme_logits_are_finite_and_exact():
    np.testing.assert_array_equal(softmax([1000.0, -1000.0]), [1.0, 0.0])
    np.testing.assert_array_equal(log_softmax([1000.0, -1000.0]), [0.0, -2000.0])
    assert cross_entropy_with_logits(1, [1000.0, -1000.0]) == 2000.0
    assert cross_entropy_with_logits(0, [1000.0, -1000.0]) == 0.0
    assert cross_entropy_with_logits([0.0, 1.0], [1000.0, -1000.0]) == 2000.0


def test_log_softmax_equals_log_of_softmax_where_that_is_safe():
    z = np.array([0.3, -1.2, 2.5, 0.0])
    np.testing.assert_allclose(log_softmax(z), np.log(softmax(z)))


def test_axis_argument():
    z = np.array([[1.0, 2.0], [3.0, 5.0], [0.0, 0.0]])
    np.testing.assert_allclose(softmax(z, axis=0), softmax(z.T).T)
    np.testing.assert_allclose(log_softmax(z, axis=0), log_softmax(z.T).T)
    np.testing.assert_allclose(
        cross_entropy_with_logits([2, 1], z, axis=0), cross_entropy_with_logits([2, 1], z.T)
    )


def test_class_indices_and_one_hot_targets_agree():
    z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    labels = np.array([0, 2])
    one_hot = np.eye(3)[labels]
    np.testing.assert_allclose(
        cross_entropy_with_logits(labels, z), cross_entropy_with_logits(one_hot, z)
    )
    np.testing.assert_allclose(
        cross_entropy_with_logits(labels, z), cross_entropy(one_hot, softmax(z))
    )


def test_probability_targets_broadcast_against_logits():
    z = np.array([[2.0, 1.0], [0.0, 3.0]])
    y = np.array([0.25, 0.75])
    np.testing.assert_allclose(
        cross_entropy_with_logits(y, z), [cross_entropy_with_logits(y, row) for row in z]
    )


@pytest.mark.parametrize("func", [softmax, log_softmax])
@pytest.mark.parametrize(
    ("logits", "message"),
    [
        ([1.0, np.nan], r"`logits` contains NaN"),
        ([1.0, np.inf], r"`logits` contains inf"),
        ([-np.inf, 0.0], r"`logits` contains inf"),
        ([], r"`logits` is empty along axis -1"),
        (3.0, r"`logits` must have at least one dimension"),
    ],
)
def test_bad_logits_raise(func, logits, message):
    with pytest.raises(ValueError, match=message):
        func(logits)


@pytest.mark.parametrize(
    ("target", "logits", "message"),
    [
        ([3], [[1.0, 2.0, 3.0]], r"`target` class index 3 is out of range for 3 classes"),
        ([-1], [[1.0, 2.0, 3.0]], r"`target` class index -1 is out of range"),
        ([0, 1], [[1.0, 2.0, 3.0]], r"`target` class indices must have shape \(1,\)"),
        ([0.5, 0.6], [1.0, 2.0], r"`target` must sum to 1 along axis -1"),
        ([0.5, 0.5, 0.0], [1.0, 2.0], r"`target` with shape \(3,\) and `logits` with shape \(2,\)"),
        ([1.0, 0.0], [np.nan, 0.0], r"`logits` contains NaN"),
        ([2.0, -1.0], [0.0, 0.0], r"`target` must be non-negative"),
    ],
)
def test_cross_entropy_with_logits_bad_input(target, logits, message):
    with pytest.raises(ValueError, match=message):
        cross_entropy_with_logits(target, logits)


def test_non_negative_axis_is_refused_for_targets_of_fewer_dimensions():
    with pytest.raises(ValueError, match=r"`axis` 0 is ambiguous: `target` has 1 dimension"):
        cross_entropy_with_logits([0.2, 0.8], [[1.0, 0.0], [0.0, 3.0]], axis=0)
    # the target's entries along axis 0 do not sum to 1: the axis rule is reported first
    with pytest.raises(
        ValueError, match=r"`axis` 0 is ambiguous: `target` has 2 dimension\(s\) and `logits` 3"
    ):
        cross_entropy_with_logits([[0.2, 0.8]], np.zeros((3, 1, 2)), axis=0)


def test_ragged_input_is_named_as_such():
    with pytest.raises(ValueError, match=r"`logits` is ragged"):
        softmax([[1.0, 2.0], [3.0]])
    with pytest.raises(ValueError, match=r"`target` is ragged .*; got \[\[0.5, 0.5\], \[1.0\]\]$"):
        cross_entropy_with_logits([[0.5, 0.5], [1.0]], [[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(TypeError, match=r"^`target` must be numeric array-like; got \['a', 'b'\]$"):
        cross_entropy_with_logits(["a", "b"], [1.0, 2.0])


def test_softmax_shifts_each_row_by_its_own_maximum():
    # one maximum for the whole batch would underflow the second row to 0 / 0
    z = np.array([[1000.0, 1000.0], [0.0, 0.0]])
    np.testing.assert_array_equal(softmax(z), 0.5)
    np.testing.assert_array_equal(softmax(z.T, axis=0), 0.5)


def test_the_first_bad_class_index_is_named():
    with pytest.raises(ValueError, match=r"class index 3 is out of range for 3 classes"):
        cross_entropy_with_logits([0, 3], np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"class index -1 is out of range for 3 classes"):
        cross_entropy_with_logits([-1, 2], np.zeros((2, 3)))


def test_one_sample_gives_a_numpy_scalar_on_every_route():
    for target in (1, [0.5, 0.5], np.array([0.5, 0.5])):
        loss = cross_entropy_with_logits(target, [1.0, 2.0])
        assert isinstance(loss, np.float64), type(loss)


def test_targets_broadcast_along_a_class_axis_that_is_not_the_last():
    z = np.array([[2.0, 0.0, 1.0], [0.0, 3.0, -1.0]])  # classes down the columns
    y = np.array([[0.25], [0.75]])  # one target for every sample (column)
    expected = [cross_entropy_with_logits(y[:, 0], z[:, j]) for j in range(3)]
    np.testing.assert_allclose(cross_entropy_with_logits(y, z, axis=-2), expected, rtol=1e-15)


@pytest.mark.parametrize("func", [softmax, log_softmax])
def test_logits_whose_spread_overflows_are_refused_not_turned_into_nan(func):
    with pytest.raises(ValueError, match=r"`logits` spans more than the largest float64"):
        func([1e308, -1e308])
    with pytest.raises(ValueError, match=r"`logits` spans more than the largest float64"):
        cross_entropy_with_logits([1.0, 0.0], [1e308, -1e308])


def test_largest_logits_with_a_finite_spread_are_exact():
    assert cross_entropy_with_logits(1, [1e308, 0.0]) == 1e308
    np.testing.assert_array_equal(softmax([1e308, 1e308]), [0.5, 0.5])
