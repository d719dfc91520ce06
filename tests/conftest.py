"""Shared test settings: hypothesis profiles, strategies for distributions, random
batches, and the built site."""

import os

import numpy as np
import pytest
from book import require_site
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Deterministic in CI (a failure reproduces), a little more search locally.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def site():
    """The built website's folder (_build/html); fails with the `make build` hint."""
    return require_site()


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
