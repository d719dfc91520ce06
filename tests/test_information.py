import math

import numpy as np
import pytest

from infolib import information_content


def test_known_values_in_nats_and_bits():
    np.testing.assert_allclose(
        information_content([1.0, 0.5, 0.1]), [0.0, math.log(2), math.log(10)]
    )
    np.testing.assert_allclose(information_content([0.5, 0.25, 0.125], base=2), [1.0, 2.0, 3.0])


def test_certain_event_is_exactly_zero_not_negative_zero():
    value = information_content(1.0)
    assert value == 0.0 and not np.signbit(value)
    values = information_content([1.0, 0.5], base=2)
    assert values[0] == 0.0 and not np.signbit(values[0])


def test_impossible_event_is_infinite_without_warning():
    assert information_content(0.0) == np.inf  # RuntimeWarnings are errors in this suite


def test_scalar_in_scalar_out_and_shape_kept():
    assert np.ndim(information_content(0.3)) == 0
    assert information_content(np.full((2, 3), 0.5)).shape == (2, 3)
    assert information_content([0.5]).dtype == np.float64


def test_independent_events_add():
    p, q = 0.3, 0.02
    assert information_content(p * q) == pytest.approx(
        information_content(p) + information_content(q)
    )


def test_decreasing_in_p():
    p = np.linspace(0.01, 1, 100)
    assert np.all(np.diff(information_content(p)) < 0)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([0.5, np.nan], r"`p` contains NaN"),
        ([-0.1], r"`p` must be non-negative; got a value -0.1"),
        ([1.5], r"`p` must be at most 1; got a value 1.5"),
        ([np.inf], r"`p` must be at most 1; got a value inf"),
    ],
)
def test_bad_probabilities_raise(bad, message):
    with pytest.raises(ValueError, match=message):
        information_content(bad)


def test_non_numeric_raises_type_error_naming_argument():
    with pytest.raises(TypeError, match="`p` must be numeric"):
        information_content(["a", "b"])


def test_scalars_in_any_base():
    assert information_content(0.25, base=2) == 2.0
    assert information_content(0.01, base=10) == pytest.approx(2.0, rel=1e-15)
    assert information_content(0.25) == pytest.approx(math.log(4), rel=1e-15)
    # ln(e^2) = 2: a base whose logarithm is 2 still divides
    assert information_content(0.5, base=math.exp(2)) == pytest.approx(math.log(2) / 2)
    assert information_content([0.5], base=math.exp(2)) == pytest.approx(math.log(2) / 2)
    for base in (None, 2):
        value = information_content(1.0, base=base)
        assert value == 0.0 and not np.signbit(value)
        assert information_content(0.0, base=base) == np.inf
