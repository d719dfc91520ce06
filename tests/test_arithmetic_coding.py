import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infolib.arithmetic_coding import arithmetic_decode, arithmetic_encode, quantize
from infolib.text import NGramModel


def ideal_bits(symbols, model):
    """-sum log2 of the quantized probabilities the coder uses."""
    total = 0.0
    for t, s in enumerate(symbols):
        f = quantize(model(np.asarray(symbols[:t], dtype=np.int64)))
        total += math.log2(sum(f)) - math.log2(f[s])
    return total


def test_fair_symbols_cost_their_bits_plus_two():
    fair = lambda history: np.full(8, 1 / 8)  # noqa: E731
    symbols = [7, 0, 3, 3, 5, 1, 2, 6, 4, 0]
    bits = arithmetic_encode(symbols, fair)
    assert len(bits) == 3 * len(symbols) + 2
    assert arithmetic_decode(bits, len(symbols), fair).tolist() == symbols


def test_empty_message():
    fair = lambda history: np.full(2, 0.5)  # noqa: E731
    bits = arithmetic_encode([], fair)
    assert len(bits) <= 2
    assert arithmetic_decode(bits, 0, fair).tolist() == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=0, max_size=60),
    st.lists(st.floats(0.0, 1.0), min_size=5, max_size=5).filter(lambda w: sum(w) > 0),
)
def test_round_trip_and_length_within_two_bits_of_the_ideal(symbols, weights):
    w = np.array(weights) / sum(weights)

    def model(history):
        # adaptive: the fixed weights, mixed with the counts so far
        counts = np.bincount(history, minlength=5)
        return (w + counts) / (1 + len(history))

    bits = arithmetic_encode(symbols, model)
    assert set(bits) <= {"0", "1"}
    assert arithmetic_decode(bits, len(symbols), model).tolist() == symbols
    ideal = ideal_bits(symbols, model)
    assert ideal - 1e-6 <= len(bits) <= ideal + 2 + 1e-6


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="ab c.", min_size=1, max_size=80), st.integers(0, 3))
def test_any_text_round_trips_under_an_ngram_model(text, order):
    m = NGramModel("a bad cab. a cab. ", max_order=3, alphabet="ab c.d")
    x = m.encode(text)
    model = m.predictor(order, beta=1.0)
    bits = arithmetic_encode(x, model)
    assert arithmetic_decode(bits, x.size, model).tolist() == x.tolist()
    bound = m.log_loss(text, order, beta=1.0, base=2) * len(text)
    assert abs(len(bits) - bound) <= 2 + 1e-6 * len(text)


def test_an_impossible_symbol_is_still_coded():
    m = NGramModel("aaaa", max_order=0, alphabet="ab")
    model = m.predictor(0, k=0)  # b has probability 0
    bits = arithmetic_encode(m.encode("ab"), model)
    assert 62 <= len(bits) <= 66
    assert arithmetic_decode(bits, 2, model).tolist() == [0, 1]


def test_quantize_is_exact_and_never_zero():
    assert quantize([1.0, 0.0]) == [2**62 + 1, 1]
    assert min(quantize(np.full(7, 1 / 7))) > 0


@pytest.mark.parametrize(
    ("p", "message"),
    [
        ([[0.5, 0.5]], r"`p` must be a non-empty 1-D array"),
        ([], r"`p` must be a non-empty 1-D array"),
        ([0.5, np.nan], r"`p` must hold probabilities"),
        ([1.5, -0.5], r"`p` must hold probabilities"),
    ],
)
def test_quantize_bad_input(p, message):
    with pytest.raises(ValueError, match=message):
        quantize(p)


def test_coder_bad_input():
    fair = lambda history: np.full(2, 0.5)  # noqa: E731
    with pytest.raises(ValueError, match=r"`symbols` must be 1-D"):
        arithmetic_encode([[0, 1]], fair)
    with pytest.raises(ValueError, match=r"`symbols` must be integers"):
        arithmetic_encode([0.5], fair)
    with pytest.raises(ValueError, match=r"`symbols` must be >= 0"):
        arithmetic_encode([-1], fair)
    with pytest.raises(ValueError, match=r"`symbols` has 2 at position 1, outside"):
        arithmetic_encode([0, 2], fair)
    with pytest.raises(ValueError, match=r"`bits` must be a string of '0' and '1'"):
        arithmetic_decode("012", 1, fair)
    with pytest.raises(ValueError, match=r"`n` must be an integer >= 0"):
        arithmetic_decode("01", -1, fair)
