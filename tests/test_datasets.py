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


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"centers": [0.0, 1.0], "n_per_class": 3}, "`centers` must be 2-D"),
        ({"centers": [[0.0, np.inf]], "n_per_class": 3}, "`centers` must be finite"),
        ({"centers": CENTERS, "n_per_class": 0}, "`n_per_class` must be a positive integer"),
        ({"centers": CENTERS, "n_per_class": 2.5}, "`n_per_class` must be a positive integer"),
        ({"centers": CENTERS, "n_per_class": 3, "scale": 0.0}, "`scale` must be"),
        ({"centers": CENTERS, "n_per_class": 3, "scale": np.nan}, "`scale` must be"),
    ],
)
def test_bad_input_is_rejected_naming_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gaussian_blobs(**kwargs)
