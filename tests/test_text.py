import hashlib
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infolib.datasets import numpy_docstrings, sphinx_messages
from infolib.text import NGramModel, perplexity

TRAIN = "the cat sat on the mat; the hat sat on the cat. " * 3
ALPHABET = "".join(sorted(set(TRAIN + "xz")))


def test_perplexity_of_a_uniform_model_is_the_alphabet_size():
    m = NGramModel("abcdefgh", max_order=0)
    h_bits = m.log_loss("hgfedcba", order=0, k=0, base=2)
    assert h_bits == 3.0
    assert perplexity(h_bits, base=2) == 8.0
    h_nats = m.log_loss("hgfedcba", order=0, k=0)
    assert perplexity(h_nats) == pytest.approx(8.0)


def test_perplexity_of_inf_is_inf_and_arrays_work():
    assert perplexity(math.inf) == math.inf
    assert perplexity([0.0, 1.0, 2.0], base=2).tolist() == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-0.1,), r"`cross_entropy` must be >= 0"),
        ((math.nan,), r"`cross_entropy` must be >= 0"),
        ((1.0, 1), r"`base` must be"),
        ((1.0, -2.0), r"`base` must be"),
    ],
)
def test_perplexity_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        perplexity(*args)


@pytest.mark.parametrize("order", [0, 1, 2, 3])
@pytest.mark.parametrize("smoothing", [{"k": 0.5}, {"k": 1}, {"beta": 1.0}, {"beta": 7.0}])
def test_probabilities_sum_to_one_and_match_the_surprisals(order, smoothing):
    m = NGramModel(TRAIN, max_order=3, alphabet=ALPHABET)
    text = "the zax sat on the hat."
    s = m.surprisals(text, order, **smoothing)
    for t, ch in enumerate(text):
        q = m.probabilities(text[:t], order, **smoothing)
        assert q.sum() == pytest.approx(1.0, abs=1e-12)
        assert (q > 0).all()
        assert -math.log(q[ALPHABET.index(ch)]) == pytest.approx(s[t], rel=1e-12)


def test_add_k_by_hand():
    m = NGramModel("abababab", max_order=1, alphabet="abc")
    # after "b": a followed b 3 times out of 3 contexts
    assert m.probabilities("b", 1, k=1).tolist() == pytest.approx([4 / 6, 1 / 6, 1 / 6])
    # unigram counts: a 4, b 4, c 0
    assert m.probabilities("", 0, k=0.5).tolist() == pytest.approx(
        [4.5 / 9.5, 4.5 / 9.5, 0.5 / 9.5]
    )


def test_interpolation_by_hand():
    m = NGramModel("abababab", max_order=1, alphabet="abc")
    # order 0: u = 2 types, N = 8; order 1 after "a": N = 4, u = 1 (only b)
    q0 = (np.array([4, 4, 0]) + 2 * 2.0 / 3) / (8 + 2 * 2.0)
    q1 = (np.array([0, 4, 0]) + 2 * 1 * q0) / (4 + 2 * 1)
    assert m.probabilities("a", 1, beta=2.0) == pytest.approx(q1)


def test_unsmoothed_model_makes_unseen_text_infinitely_surprising():
    m = NGramModel(TRAIN, max_order=2, alphabet=ALPHABET)
    assert m.log_loss("the cat", 2, k=0) < math.inf
    assert m.log_loss("the zax", 2, k=0) == math.inf
    assert m.probabilities("zz", 2, k=0).tolist() == [0.0] * len(ALPHABET)
    assert m.log_loss("the zax", 2, k=0.1) < math.inf
    assert m.log_loss("the zax", 2, beta=1.0) < math.inf


def test_higher_orders_fit_the_training_text_better():
    m = NGramModel(TRAIN, max_order=4, alphabet=ALPHABET)
    train_h = [m.log_loss(TRAIN, n, k=0.01) for n in range(5)]
    assert all(a > b for a, b in zip(train_h, train_h[1:], strict=False))


def test_first_characters_use_the_context_they_have():
    m = NGramModel(TRAIN, max_order=3, alphabet=ALPHABET)
    s3 = m.surprisals("the", 3, k=1)
    assert s3[0] == m.surprisals("t", 0, k=1)[0]
    assert s3[1] == pytest.approx(-math.log(m.probabilities("t", 1, k=1)[ALPHABET.index("h")]))


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet="abc ", min_size=1, max_size=40),
    st.text(alphabet="abc ", min_size=1, max_size=20),
    st.integers(0, 3),
    st.floats(0.01, 10.0),
)
def test_surprisals_are_finite_positive_and_agree_with_probabilities(train, text, order, beta):
    m = NGramModel(train, max_order=3, alphabet="abc ")
    s = m.surprisals(text, order, beta=beta, base=2)
    assert np.isfinite(s).all() and (s >= 0).all()
    t = len(text) - 1
    q = m.probabilities(text[:t], order, beta=beta)
    assert q.sum() == pytest.approx(1.0)
    assert -math.log2(q["abc ".index(text[t])]) == pytest.approx(s[t], rel=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "", "max_order": 1}, r"`text` must be a non-empty string"),
        ({"text": "ab", "max_order": -1}, r"`max_order` must be an integer >= 0"),
        ({"text": "ab", "max_order": 1.5}, r"`max_order` must be an integer >= 0"),
        ({"text": "ab", "max_order": 1, "alphabet": "aab"}, r"`alphabet` must list each"),
        ({"text": "abc", "max_order": 1, "alphabet": "ab"}, r"`text` has a character outside"),
    ],
)
def test_model_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        NGramModel(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"order": 3, "k": 1}, r"`order` must be an integer from 0 to 2"),
        ({"order": 1}, r"give exactly one of `k`"),
        ({"order": 1, "k": 1, "beta": 1}, r"give exactly one of `k`"),
        ({"order": 1, "k": -1}, r"`k` must be a finite number >= 0"),
        ({"order": 1, "beta": 0}, r"`beta` must be a finite number > 0"),
        ({"order": 1, "k": math.nan}, r"`k` must be a finite number"),
        ({"order": 1, "k": 1, "base": 1}, r"`base` must be"),
    ],
)
def test_scoring_bad_input(kwargs, message):
    m = NGramModel("abab", max_order=2)
    with pytest.raises(ValueError, match=message):
        m.log_loss("ab", **kwargs)


def test_scoring_text_outside_the_alphabet_names_the_character():
    m = NGramModel("abab", max_order=1)
    with pytest.raises(ValueError, match=r"`text` has a character outside .*'z'"):
        m.surprisals("abz", 1, k=1)
    with pytest.raises(ValueError, match=r"`context` has a character outside"):
        m.probabilities("z", 1, k=1)
    with pytest.raises(ValueError, match=r"`text` must be a non-empty string"):
        m.log_loss("", 1, k=1)


# The chapter's text is the same for every reader of the book's pinned packages.
NUMPY_DOCSTRINGS_SHA256 = "28e69b0b14a2be1c"


def test_numpy_docstrings_are_the_pinned_text():
    text = "\n\n".join(numpy_docstrings())
    assert hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] == NUMPY_DOCSTRINGS_SHA256
    assert len(set(text)) == 92


def test_sphinx_messages_pair_english_with_chinese():
    pairs = sphinx_messages("zh_CN")
    assert len(pairs) > 500
    assert all(en and zh for en, zh in pairs)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in pairs[0][1])
    with pytest.raises(ValueError, match=r"`language` must be a language code"):
        sphinx_messages("../x")
    with pytest.raises(ValueError, match=r"sphinx has no locale"):
        sphinx_messages("xx_XX")
