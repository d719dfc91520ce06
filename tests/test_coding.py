import math

import numpy as np
import pytest
from hypothesis import given

from helpers.strategies import distributions
from infolib import cross_entropy, entropy, huffman_code, mean_code_length


def is_prefix_free(codes):
    return not any(a != b and b.startswith(a) for a in codes for b in codes)


def test_dyadic_distribution_meets_the_entropy_exactly():
    p = [0.5, 0.25, 0.125, 0.125]
    codes = huffman_code(p)
    assert codes == ["0", "10", "110", "111"]
    assert mean_code_length(p, codes) == entropy(p, base=2) == 1.75


def test_article_computer_example():
    p = [0.7, 0.2, 0.1]
    codes = huffman_code(p)
    assert [len(c) for c in codes] == [1, 2, 2]
    assert mean_code_length(p, codes) == pytest.approx(1.3)


def test_single_outcome_needs_no_bits():
    assert huffman_code([1.0]) == [""]


def test_zero_probability_outcomes_still_get_a_codeword():
    assert huffman_code([1.0, 0.0]) == ["0", "1"]


@given(distributions(min_size=2, allow_zeros=False))
def test_prefix_free_and_within_the_source_coding_bound(p):
    codes = huffman_code(p)
    assert is_prefix_free(codes)
    h = entropy(p, base=2)
    assert h - 1e-9 <= mean_code_length(p, codes) < h + 1


@given(distributions(min_size=1, max_size=8))
def test_kraft_equality_for_a_full_binary_tree(p):
    codes = huffman_code(p)
    if len(codes) > 1:
        assert math.isclose(sum(2.0 ** -len(c) for c in codes), 1.0)


@pytest.mark.parametrize(
    ("p", "message"),
    [
        ([0.5, 0.4], r"`p` must sum to 1"),
        ([[0.5, 0.5], [0.5, 0.5]], r"`p` must be one distribution \(1-D\)"),
        ([], r"`p` is an empty distribution"),
    ],
)
def test_bad_input(p, message):
    with pytest.raises(ValueError, match=message):
        huffman_code(p)


def test_mean_code_length_is_the_cross_entropy_with_the_implied_distribution():
    p = np.array([0.7, 0.2, 0.1])
    codes = huffman_code([0.2, 0.2, 0.6])  # a code built for another distribution
    implied = np.array([2.0 ** -len(c) for c in codes])
    assert mean_code_length(p, codes) == pytest.approx(cross_entropy(p, implied, base=2))


def test_mean_code_length_needs_one_codeword_per_outcome():
    with pytest.raises(
        ValueError, match=r"`codes` must have one codeword per outcome: 3 outcomes, 2"
    ):
        mean_code_length([0.7, 0.2, 0.1], ["0", "1"])
    with pytest.raises(ValueError, match=r"`p` must sum to 1"):
        mean_code_length([0.7, 0.2], ["0", "1"])


def test_ties_are_broken_by_order_of_creation():
    # equal probabilities: the earlier outcome, then the earlier merged subtree, goes first
    assert huffman_code([0.2] * 5) == ["110", "111", "00", "01", "10"]
    assert huffman_code([0.1] * 10)[:5] == ["1100", "1101", "1110", "1111", "000"]


def test_mean_code_length_of_a_batch_is_refused():
    one_d = r"`p` must be one distribution \(1-D\); got shape \(2, 2\)"
    with pytest.raises(ValueError, match=one_d):
        mean_code_length([[0.5, 0.5], [0.5, 0.5]], ["0", "1"])
