import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infolib import binary_entropy, entropy

TOL = 1e-9


def test_article_computer_example_exact_value():
    # 0.7 / 0.2 / 0.1: the source article printed 0.804 from rounded terms.
    assert entropy([0.7, 0.2, 0.1]) == pytest.approx(0.8018185525433372, rel=1e-15)


def test_known_values():
    assert entropy([0.5, 0.5], base=2) == 1.0
    assert entropy([1 / 16] * 16, base=2) == pytest.approx(4.0)
    assert entropy([0.25] * 4) == pytest.approx(math.log(4))
    assert entropy([0.0, 1.0, 0.0]) == 0.0


def test_zero_probabilities_contribute_nothing_and_give_no_warning():
    assert entropy([0.5, 0.5, 0.0, 0.0]) == pytest.approx(math.log(2))


def test_deterministic_distribution_is_positive_zero():
    assert not np.signbit(entropy([1.0, 0.0]))


def test_scalar_for_one_distribution_vector_for_a_batch():
    assert np.ndim(entropy([0.5, 0.5])) == 0
    batch = np.array([[0.5, 0.5], [1.0, 0.0], [0.25, 0.75]])
    h = entropy(batch)
    assert h.shape == (3,)
    np.testing.assert_allclose(h, [entropy(row) for row in batch])


def test_axis_zero_equals_transposed_input():
    batch = np.array([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])
    np.testing.assert_allclose(entropy(batch.T, axis=0), entropy(batch))


def test_never_normalises_silently():
    # scipy.stats.entropy([1, 1, 1, 1]) would normalise; infolib refuses.
    with pytest.raises(
        ValueError, match=r"`p` must sum to 1 along axis -1 \(within 1e-06\); got 4.0"
    ):
        entropy([1, 1, 1, 1])
    with pytest.raises(
        ValueError, match=r"`p` must sum to 1 along axis -1 \(within 1e-06\); got 0.6"
    ):
        entropy([0.3, 0.3])


def test_sum_tolerance_is_one_in_a_million():
    entropy([0.5, 0.5 + 9e-7])
    with pytest.raises(ValueError, match="must sum to 1"):
        entropy([0.5, 0.5 + 2e-6])


def test_a_single_outcome_must_have_probability_one():
    assert entropy([1.0]) == 0.0
    with pytest.raises(ValueError, match=r"`p` must sum to 1 along axis -1 .*; got 0.5"):
        entropy([0.5])


def test_a_batch_of_no_distributions_gives_an_empty_result():
    assert entropy(np.zeros((0, 3))).shape == (0,)
    assert entropy(np.zeros((3, 0)), axis=0).shape == (0,)


def test_worst_row_is_reported():
    with pytest.raises(ValueError, match="got 0.5"):
        entropy([[0.5, 0.5], [0.25, 0.25], [0.5, 0.4999999]])


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"p": [0.5, np.nan]}, ValueError, "`p` contains NaN"),
        ({"p": [1.2, -0.2]}, ValueError, "`p` must be non-negative"),
        ({"p": []}, ValueError, r"`p` is an empty distribution"),
        ({"p": np.zeros((3, 0))}, ValueError, r"`p` is an empty distribution"),
        ({"p": 1.0}, ValueError, r"`p` must have at least one dimension"),
        ({"p": [0.5, 0.5], "base": 1}, ValueError, r"`base` must be a finite number > 0 and != 1"),
        ({"p": [0.5, 0.5], "base": 0}, ValueError, r"`base` must be a finite number > 0"),
        ({"p": [0.5, 0.5], "base": -2}, ValueError, r"`base` must be a finite number > 0"),
        ({"p": [0.5, 0.5], "base": np.nan}, ValueError, r"`base` must be a finite number"),
        ({"p": [0.5, 0.5], "base": "two"}, TypeError, r"`base` must be a number or None"),
        ({"p": [0.5, 0.5], "axis": 1}, ValueError, r"`axis` 1 is out of range for `p`"),
        ({"p": [0.5, 0.5], "axis": 1.0}, TypeError, r"`axis` must be an integer; got 1.0"),
        ({"p": [0.5, 0.5], "axis": True}, TypeError, r"`axis` must be an integer; got True"),
        (
            {"p": [[0.5, 0.5], [1.0]]},
            ValueError,
            r"`p` is ragged \(nested sequences of different lengths\); it must be a "
            r"rectangular array of numbers; got \[\[0.5, 0.5\], \[1.0\]\]",
        ),
        ({"p": ["a", "b"]}, TypeError, r"`p` must be numeric array-like; got \['a', 'b'\]"),
    ],
)
def test_bad_input_raises_with_helpful_message(kwargs, exc, message):
    with pytest.raises(exc, match=message):
        entropy(**kwargs)


def test_binary_entropy_known_values():
    np.testing.assert_array_equal(binary_entropy([0.0, 0.5, 1.0], base=2), [0.0, 1.0, 0.0])


@given(st.floats(0.0, 1.0))
@example(0.1)
def test_binary_entropy_matches_entropy(p):
    assert math.isclose(binary_entropy(p), entropy([p, 1.0 - p]), rel_tol=TOL, abs_tol=TOL)


def test_binary_entropy_is_symmetric_with_maximum_at_one_half():
    p = np.linspace(0, 1, 101)
    h = binary_entropy(p, base=2)
    np.testing.assert_allclose(h, h[::-1], atol=1e-15)
    assert p[np.argmax(h)] == 0.5


def test_binary_entropy_keeps_precision_for_tiny_p():
    p = 1e-12
    expected = -p * math.log(p) + p  # -(1-p) log(1-p) ~ p for tiny p
    assert binary_entropy(p) == pytest.approx(expected, rel=1e-9)


def test_binary_entropy_rejects_bad_input():
    with pytest.raises(ValueError, match="`p` must be at most 1"):
        binary_entropy([0.5, 1.01])
    with pytest.raises(ValueError, match="`p` contains NaN"):
        binary_entropy(np.nan)
