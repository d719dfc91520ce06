"""infolib.book: glued numbers that read the same on every machine."""

import sys
import types

import numpy as np
import pytest

import infolib.book as book
from infolib.book import SIGNIFICANT_DIGITS, glue, portable


def test_floats_keep_twelve_significant_digits():
    assert SIGNIFICANT_DIGITS == 12
    assert portable(0.8018187924934126) == 0.801818792493
    assert portable(np.float64(1234.56789012345678)) == 1234.56789012
    assert type(portable(np.float64(0.5))) is float


def test_last_bit_noise_vanishes():
    # two values a CPU's BLAS kernel made differ in their last bits
    assert portable(0.20592076308473428) == portable(0.20592076308473425)
    assert portable(1.3) == portable(1.2999999999999998) == 1.3


def test_integers_text_and_booleans_pass_through():
    assert portable(np.int64(41)) == 41 and type(portable(np.int64(41))) is int
    assert portable(True) is True
    assert portable("nats") == "nats"


def test_small_and_special_floats():
    assert portable(2.3700000000000001e-08) == 2.37e-08
    assert portable(float("inf")) == float("inf")


def test_one_to_seventeen_digits():
    assert portable(0.123, 1) == 0.1
    assert portable(0.1 + 0.2, 17) == 0.1 + 0.2  # 17 digits: every float64 exactly


@pytest.mark.parametrize("digits", [0, 18, 2.5, True])
def test_bad_digits_are_refused(digits):
    with pytest.raises(ValueError, match="`digits` must be an integer from 1 to 17"):
        portable(1.0, digits)


def test_glue_hands_myst_nb_the_rounded_value_without_displaying(monkeypatch):
    # a stand-in for myst_nb (only where the book is built): the unit tests need no book stack
    calls = []
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda *a, **k: calls.append((a, k))
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    glue("h", np.float64(0.8018187924934126))
    assert calls == [(("h", 0.801818792493), {"display": False})]
    assert book.__all__ == [
        "SIGNIFICANT_DIGITS",
        "VEGALITE_MIME",
        "Explorable",
        "portable",
        "glue",
        "explorable",
    ]
