"""Random distributions for the tests: hypothesis strategies and seeded batches.

Needs only NumPy and hypothesis, so the unit tests that use it run without the
book's stack (CONTRIBUTING.md, "infolib on its own").
"""

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


@st.composite
def distributions(draw, n=None, min_size=1, max_size=12, allow_zeros=True):
    """A probability vector: non-negative float64 that sums to 1 (some exact zeros)."""
    size = n if n is not None else draw(st.integers(min_size, max_size))
    weights = draw(
        hnp.arrays(
            np.float64,
            size,
            elements=st.floats(0.0 if allow_zeros else 1e-3, 1.0, allow_subnormal=False),
        )
    )
    if weights.sum() == 0:
        weights[draw(st.integers(0, size - 1))] = 1.0
    return weights / weights.sum()


@st.composite
def distribution_pairs(draw, allow_zeros=True):
    """Two distributions over the same number of outcomes."""
    n = draw(st.integers(1, 12))
    return draw(distributions(n=n, allow_zeros=allow_zeros)), draw(
        distributions(n=n, allow_zeros=allow_zeros)
    )


def batch(m, n, zeros=0.2, *, rng):
    """m distributions over n outcomes (rows), about a share ``zeros`` of the values
    exactly 0 (never a whole row): seeded data, from the caller's own generator."""
    p = rng.random((m, n))
    p[rng.random((m, n)) < zeros] = 0.0
    p[:, 0] += 1e-3
    return p / p.sum(axis=1, keepdims=True)


@st.composite
def distributions_with_extremes(draw):
    """A distribution whose last outcome has probability 0 or the smallest
    positive float64 (a subnormal, 5e-324), or neither: where log p is -inf or -744."""
    p = draw(distributions(min_size=2)).copy()
    p[-1] = draw(st.sampled_from([0.0, 5e-324, p[-1]]))
    p[0] += 1.0 - p.sum()
    assume(p.min() >= 0 and p.max() <= 1)
    return p
