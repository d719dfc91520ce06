"""infolib.calibration: smoothed labels, temperature, reliability bins, ECE."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from infolib import (
    cross_entropy,
    cross_entropy_with_logits,
    entropy,
    expected_calibration_error,
    fit_temperature,
    kl_divergence,
    reliability_bins,
    smooth_labels,
    softmax,
    tempered_softmax,
)


def _model(seed=0, n=400, k=5, scale=3.0):
    """Logits of an over-confident model and labels drawn from a tempered version."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, scale, size=(n, k))
    q_true = softmax(z / 2.0)
    labels = np.array([rng.choice(k, p=row) for row in q_true])
    return z, labels


# --- tempered_softmax ---------------------------------------------------------


def test_tempered_softmax_known_values():
    np.testing.assert_allclose(tempered_softmax([2.0, 0.0], 2.0), softmax([1.0, 0.0]))
    np.testing.assert_allclose(tempered_softmax([math.log(3.0), 0.0]), [0.75, 0.25])


def test_temperature_keeps_the_order_and_moves_towards_uniform_or_one_hot():
    z = np.array([1.5, -0.5, 0.2, 3.0])
    hot, cold = tempered_softmax(z, 1e-3), tempered_softmax(z, 1e3)
    np.testing.assert_allclose(hot, np.eye(4)[3], atol=1e-12)
    np.testing.assert_allclose(cold, np.full(4, 0.25), atol=1e-3)
    for t in (0.3, 1.0, 4.0):
        assert list(np.argsort(tempered_softmax(z, t))) == list(np.argsort(z))
    # entropy grows with the temperature
    hs = [entropy(tempered_softmax(z, t)) for t in (0.5, 1.0, 2.0, 8.0)]
    assert np.all(np.diff(hs) > 0)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan])
def test_tempered_softmax_rejects_bad_temperature(bad):
    with pytest.raises(ValueError, match="`temperature` must be a finite number > 0"):
        tempered_softmax([1.0, 2.0], bad)


def test_tempered_softmax_rejects_non_numeric_temperature():
    with pytest.raises(TypeError, match="`temperature` must be a number"):
        tempered_softmax([1.0, 2.0], "hot")


def test_tempered_softmax_axis():
    z = np.array([[1.0, 2.0], [3.0, 5.0], [0.0, 0.0]])
    np.testing.assert_allclose(tempered_softmax(z, 2.5, axis=0), tempered_softmax(z.T, 2.5).T)


# --- smooth_labels ------------------------------------------------------------


def test_smooth_labels_values():
    out = smooth_labels(np.array([1, 0]), 4, 0.2)
    np.testing.assert_allclose(out, [[0.05, 0.85, 0.05, 0.05], [0.85, 0.05, 0.05, 0.05]])
    np.testing.assert_array_equal(smooth_labels([2], 3, 0.0), [[0.0, 0.0, 1.0]])
    np.testing.assert_allclose(smooth_labels([2], 3, 1.0), [[1 / 3, 1 / 3, 1 / 3]])


def test_smooth_labels_keeps_the_labels_shape():
    out = smooth_labels(np.zeros((2, 3), dtype=int), 5, 0.1)
    assert out.shape == (2, 3, 5)
    np.testing.assert_allclose(out.sum(axis=-1), 1.0)


def test_smoothed_loss_is_entropy_plus_kl_and_minimised_at_the_target():
    target = smooth_labels([3], 10, 0.1)[0]
    q = softmax(np.linspace(-1.0, 2.0, 10))
    np.testing.assert_allclose(
        cross_entropy(target, q), entropy(target) + kl_divergence(target, q), rtol=1e-12
    )
    np.testing.assert_allclose(cross_entropy(target, target), entropy(target), rtol=1e-12)
    assert cross_entropy(target, q) > entropy(target)


def test_smoothed_loss_has_the_bounded_logit_gap_as_minimiser():
    # logits with gap log((1 - eps + eps/K) / (eps/K)) give exactly the smoothed target
    k, eps = 10, 0.1
    gap = math.log((1 - eps + eps / k) / (eps / k))
    z = np.zeros(k)
    z[4] = gap
    np.testing.assert_allclose(softmax(z), smooth_labels([4], k, eps)[0], rtol=1e-12)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0, 1], 1, 0.1), "`n_classes` must be an integer >= 2"),
        (([0, 1], 2.0, 0.1), "`n_classes` must be an integer >= 2"),
        (([0, 1], 3, 1.5), r"`epsilon` must be in \[0, 1\]"),
        (([0, 1], 3, math.nan), r"`epsilon` must be in \[0, 1\]"),
        (([0, 3], 3, 0.1), "`labels` has class index 3, out of range for 3 classes"),
        (([-1], 3, 0.1), "`labels` has class index -1"),
        (([0.0, 1.0], 3, 0.1), "`labels` must be integer class indices"),
    ],
)
def test_smooth_labels_errors(args, message):
    with pytest.raises(ValueError, match=message):
        smooth_labels(*args)


# --- reliability_bins and expected_calibration_error -------------------------


def test_reliability_bins_by_hand():
    probs = [[0.95, 0.05], [0.55, 0.45], [0.4, 0.6], [0.1, 0.9]]
    labels = [0, 1, 1, 0]
    bins = reliability_bins(probs, labels, n_bins=5)
    np.testing.assert_allclose(bins.edges, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    # confidences 0.95, 0.55, 0.6, 0.9: 0.6 lies in (0.4, 0.6], the bin below its edge
    np.testing.assert_array_equal(bins.count, [0, 0, 2, 0, 2])
    np.testing.assert_allclose(bins.confidence[[2, 4]], [0.575, 0.925])
    np.testing.assert_allclose(bins.accuracy[[2, 4]], [0.5, 0.5])
    assert np.isnan(bins.confidence[0]) and np.isnan(bins.accuracy[3])
    ece = expected_calibration_error(probs, labels, n_bins=5)
    assert math.isclose(ece, 0.5 * 0.075 + 0.5 * 0.425, rel_tol=1e-12)


def test_a_calibrated_model_has_small_ece_and_an_overconfident_one_does_not():
    z, labels = _model()
    true_q = softmax(z / 2.0)  # the labels were drawn from these
    assert expected_calibration_error(true_q, labels) < 0.05
    assert expected_calibration_error(softmax(z), labels) > 0.1


def test_reliability_bins_agree_with_sklearn_calibration_curve():
    calibration = pytest.importorskip("sklearn.calibration")
    z, labels = _model(seed=1)
    q = softmax(z)
    bins = reliability_bins(q, labels, n_bins=10)
    conf = q.max(axis=1)
    correct = (q.argmax(axis=1) == labels).astype(int)
    prob_true, prob_pred = calibration.calibration_curve(
        correct, conf, n_bins=10, strategy="uniform"
    )
    filled = bins.count > 0
    np.testing.assert_allclose(bins.accuracy[filled], prob_true, rtol=1e-12)
    np.testing.assert_allclose(bins.confidence[filled], prob_pred, rtol=1e-12)


@pytest.mark.parametrize(
    ("probs", "labels", "n_bins", "message"),
    [
        ([0.5, 0.5], [0], 10, "`probs` must be 2-D"),
        (np.empty((0, 3)), np.empty(0, dtype=int), 10, "`probs` has no samples"),
        ([[0.5, 0.6]], [0], 10, "`probs` must sum to 1"),
        ([[0.5, 0.5]], [0, 1], 10, r"`labels` must have shape \(1,\)"),
        ([[0.5, 0.5]], [2], 10, "`labels` has class index 2"),
        ([[0.5, 0.5]], [0], 0, "`n_bins` must be an integer >= 1"),
        ([[0.5, 0.5]], [0], 2.5, "`n_bins` must be an integer >= 1"),
    ],
)
def test_calibration_errors(probs, labels, n_bins, message):
    for function in (reliability_bins, expected_calibration_error):
        with pytest.raises(ValueError, match=message):
            function(probs, labels, n_bins)


# --- fit_temperature ----------------------------------------------------------


def _nll(z, labels, t):
    return float(cross_entropy_with_logits(labels, z / t).mean())


def test_fit_temperature_known_value():
    # a two-class model right 3 times in 4 with equal confidence: the best q is 0.75
    z = [[4.0, 0.0], [4.0, 0.0], [4.0, 0.0], [0.0, 4.0]]
    assert math.isclose(fit_temperature(z, [0, 0, 1, 1]), 4.0 / math.log(3.0), rel_tol=1e-10)


def test_fit_temperature_recovers_the_temperature_of_the_data():
    z, labels = _model(seed=2, n=4000)
    t = fit_temperature(z, labels)
    assert 1.8 < t < 2.2  # the labels were drawn from softmax(z / 2)
    for other in (t * 0.98, t * 1.02):
        assert _nll(z, labels, t) < _nll(z, labels, other)


def test_fit_temperature_agrees_with_scipy():
    optimize = pytest.importorskip("scipy.optimize")
    z, labels = _model(seed=3)
    result = optimize.minimize_scalar(
        lambda log_t: _nll(z, labels, math.exp(log_t)),
        bounds=(math.log(0.01), math.log(100.0)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert math.isclose(fit_temperature(z, labels), math.exp(result.x), rel_tol=1e-6)


def test_fit_temperature_clips_to_the_bounds():
    # always right: the sharper the better, so the smallest T allowed
    z = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert fit_temperature(z, [0, 1], bounds=(0.5, 10.0)) == 0.5
    # always wrong: the flatter the better, so the largest T allowed
    assert fit_temperature(z, [1, 0], bounds=(0.5, 10.0)) == 10.0


@pytest.mark.parametrize(
    ("logits", "labels", "bounds", "message"),
    [
        ([1.0, 2.0], [0], (0.01, 100.0), "`logits` must be 2-D"),
        ([[1.0, math.nan]], [0], (0.01, 100.0), "`logits` contains NaN"),
        ([[1.0, 2.0]], [0, 1], (0.01, 100.0), "`labels` must have shape"),
        ([[1.0, 2.0]], [0], (0.0, 1.0), "`bounds` must satisfy 0 < low < high"),
        ([[1.0, 2.0]], [0], (2.0, 1.0), "`bounds` must satisfy 0 < low < high"),
        ([[1.0, 2.0]], [0], (1.0,), r"`bounds` must be two numbers"),
    ],
)
def test_fit_temperature_errors(logits, labels, bounds, message):
    with pytest.raises(ValueError, match=message):
        fit_temperature(logits, labels, bounds)


# --- properties ---------------------------------------------------------------

logit_rows = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 30), st.integers(2, 8)),
    elements=st.floats(-30, 30, allow_subnormal=False),
)


@given(logit_rows, st.floats(0.05, 20.0), st.data())
def test_temperature_never_changes_the_predicted_class_or_the_accuracy(z, t, data):
    labels = np.array(
        data.draw(st.lists(st.integers(0, z.shape[1] - 1), min_size=len(z), max_size=len(z)))
    )
    q1, qt = softmax(z), tempered_softmax(z, t)
    # ties aside, the argmax is the same at every temperature
    distinct = np.sort(z, axis=1)[:, -1] - np.sort(z, axis=1)[:, -2] > 1e-9
    np.testing.assert_array_equal(q1.argmax(1)[distinct], qt.argmax(1)[distinct])
    ece = expected_calibration_error(qt, labels)
    assert 0.0 <= ece <= 1.0


@given(logit_rows, st.data())
def test_fitted_temperature_is_no_worse_than_none(z, data):
    labels = np.array(
        data.draw(st.lists(st.integers(0, z.shape[1] - 1), min_size=len(z), max_size=len(z)))
    )
    t = fit_temperature(z, labels)
    assert 0.01 <= t <= 100.0
    assert _nll(z, labels, t) <= _nll(z, labels, 1.0) + 1e-9


@given(st.integers(2, 20), st.floats(0.0, 1.0), st.integers(0, 100))
def test_smoothed_targets_are_distributions_with_the_label_on_top(k, eps, seed):
    labels = np.random.default_rng(seed).integers(0, k, size=7)
    out = smooth_labels(labels, k, eps)
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(out >= 0)
    np.testing.assert_allclose(out[np.arange(7), labels], 1 - eps + eps / k, rtol=1e-12)
