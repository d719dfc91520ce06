import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infolib import log_sigmoid, sigmoid, softmax

finite = st.floats(-700.0, 700.0, allow_nan=False)


def test_known_values():
    assert sigmoid(0.0) == 0.5
    assert math.isclose(sigmoid(math.log(3.0)), 0.75)
    assert math.isclose(log_sigmoid(0.0), -math.log(2.0))
    np.testing.assert_array_equal(sigmoid([-np.inf, np.inf]), [0.0, 1.0])
    assert log_sigmoid(-np.inf) == -np.inf
    assert log_sigmoid(np.inf) == 0.0


def test_extremes_are_exact_and_silent():
    z = np.array([-1000.0, -50.0, 50.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(z)
        ls = log_sigmoid(z)
    assert s[0] == 0.0 and s[-1] == 1.0
    assert ls[0] == -1000.0 and ls[-1] == 0.0
    np.testing.assert_allclose(ls[1], -50.0 - math.exp(-50.0), rtol=1e-15)


def test_scalar_in_scalar_out_and_shape_kept():
    assert np.ndim(sigmoid(1.0)) == 0
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert log_sigmoid(np.zeros((4, 1))).shape == (4, 1)


@given(finite)
def test_symmetry_and_two_class_softmax(z):
    assert math.isclose(sigmoid(z) + sigmoid(-z), 1.0, rel_tol=1e-12)
    assert math.isclose(sigmoid(z), softmax([0.0, z])[1], rel_tol=1e-12, abs_tol=1e-300)


@given(st.floats(-30.0, 30.0))
def test_log_sigmoid_is_log_of_sigmoid(z):
    assert math.isclose(log_sigmoid(z), math.log(sigmoid(z)), rel_tol=1e-12, abs_tol=1e-15)


@pytest.mark.parametrize("f", [sigmoid, log_sigmoid])
def test_bad_input_is_rejected_naming_the_argument(f):
    with pytest.raises(
        ValueError, match=r"^`z` contains NaN; logits must be numbers \(\+-inf allowed\)$"
    ):
        f([0.0, np.nan])
    with pytest.raises(TypeError, match="^`z` must be numeric array-like; got 'one'$"):
        f("one")
