"""Shared test settings: hypothesis profiles and strategies for distributions."""

import os

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Deterministic in CI (a failure reproduces), a little more search locally.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
