import numpy as np
import pytest

from infolib import gaussian_blobs

CENTERS = [[0.0, 0.0], [3.0, -1.0], [-2.0, 4.0]]


def test_shapes_dtypes_and_labels():
    X, y = gaussian_blobs(CENTERS, n_per_class=5, seed=3)
    assert X.shape == (15, 2) and X.dtype == np.float64
    assert y.dtype == np.int64
    np.testing.assert_array_equal(y, np.repeat([0, 1, 2], 5))


def test_same_seed_same_bits_other_seed_other_points():
    X1, y1 = gaussian_blobs(CENTERS, 10, scale=0.5, seed=7)
    X2, y2 = gaussian_blobs(CENTERS, 10, scale=0.5, seed=7)
    X3, _ = gaussian_blobs(CENTERS, 10, scale=0.5, seed=8)
    assert X1.tobytes() == X2.tobytes()
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


def test_points_scatter_around_their_centres():
    X, y = gaussian_blobs(CENTERS, n_per_class=4000, scale=0.5, seed=0)
    for k, mu in enumerate(CENTERS):
        pts = X[y == k]
        np.testing.assert_allclose(pts.mean(axis=0), mu, atol=0.05)
        np.testing.assert_allclose(pts.std(axis=0), 0.5, rtol=0.05)


def test_each_point_is_its_centre_plus_scaled_standard_normal_noise():
    # the Notes' formula, x = mu_k + s * eps with eps from default_rng(seed)
    X, y = gaussian_blobs(CENTERS, 3, scale=0.5, seed=11)
    eps = np.random.default_rng(11).standard_normal((9, 2))
    np.testing.assert_array_equal(X, np.asarray(CENTERS)[y] + 0.5 * eps)


def test_defaults_are_unit_scale_and_seed_zero():
    X, _ = gaussian_blobs(CENTERS, 4)
    X1, _ = gaussian_blobs(CENTERS, 4, scale=1.0, seed=0)
    assert X.tobytes() == X1.tobytes()


def test_smallest_valid_inputs():
    X, y = gaussian_blobs([[2.0]], n_per_class=1)
    assert X.shape == (1, 1) and y.tolist() == [0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"centers": [0.0, 1.0], "n_per_class": 3},
            r"`centers` must be 2-D, \(n_classes, n_features\), non-empty; got shape \(2,\)",
        ),
        ({"centers": np.zeros((0, 2)), "n_per_class": 3}, r"`centers` .* got shape \(0, 2\)"),
        ({"centers": np.zeros((2, 0)), "n_per_class": 3}, r"`centers` .* got shape \(2, 0\)"),
        ({"centers": [[0.0, np.inf]], "n_per_class": 3}, "^`centers` must be finite numbers$"),
        ({"centers": CENTERS, "n_per_class": 0}, "`n_per_class` must be a positive integer; got 0"),
        ({"centers": CENTERS, "n_per_class": 2.5}, "`n_per_class` must be a positive integer"),
        ({"centers": CENTERS, "n_per_class": True}, "`n_per_class` must be a positive integer"),
        (
            {"centers": CENTERS, "n_per_class": 3, "scale": 0.0},
            r"`scale` must be a finite number > 0; got 0.0",
        ),
        ({"centers": CENTERS, "n_per_class": 3, "scale": np.nan}, "`scale` must be"),
        (
            {"centers": CENTERS, "n_per_class": 3, "scale": "wide"},
            r"`scale` must be a finite number > 0; got 'wide'",
        ),
    ],
)
def test_bad_input_is_rejected_naming_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gaussian_blobs(**kwargs)


def test_non_numeric_centres_are_a_type_error():
    with pytest.raises(TypeError, match="`centers` must be numeric"):
        gaussian_blobs([["a", "b"]], 3)
