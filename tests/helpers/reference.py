"""Reference implementations the tests compare infolib with: plain NumPy formulas.

infolib as it was before it was optimised (commit 3dba9be: masked logarithms, no
blocks): the notebooks' stored outputs were computed with it, and nbval compares
them as text, so on notebook-sized inputs the fast paths must give the very same
bits (tests/test_fast_paths.py). Only NumPy: no SciPy, no book stack.
"""

import numpy as np


def plain_xlogy(x, y):
    """x log y with 0 where x = 0 (the masked formula)."""
    out = np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)))
    x, y = np.broadcast_arrays(x, y)
    with np.errstate(divide="ignore"):
        np.log(y, out=out, where=x > 0)
    out *= x
    out[x == 0] = 0.0
    return out


def _log_where(x, where, shape):
    out = np.zeros(shape)
    with np.errstate(divide="ignore"):
        np.log(x, out=out, where=where)
    return out


def old_entropy(p, axis=-1):
    logx = np.log(p, out=np.zeros_like(p), where=p > 0)
    logx *= p
    return 0.0 - logx.sum(axis=axis)


def old_kl(p, q, axis=-1):
    shape = np.broadcast_shapes(p.shape, q.shape)
    support = p > 0
    log_ratio = _log_where(p, support, shape)
    log_ratio -= _log_where(q, support, shape)
    log_ratio *= p
    return np.maximum(log_ratio.sum(axis=axis), 0.0)


def old_cross_entropy(p, q, axis=-1):
    log_q = _log_where(q, p > 0, np.broadcast_shapes(p.shape, q.shape))
    log_q *= p
    return 0.0 - log_q.sum(axis=axis)


def old_log_softmax(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    shifted -= np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return shifted


def old_loss(target, z, axis=-1):
    log_q = old_log_softmax(z, axis)
    ax = axis % z.ndim
    if np.issubdtype(np.asarray(target).dtype, np.integer):
        picked = np.take_along_axis(log_q, np.expand_dims(target, ax), axis=ax)
        return 0.0 - np.squeeze(picked, axis=ax)
    return 0.0 - (target * log_q).sum(axis=ax - z.ndim)


def same_bits(a, b):
    """Assert that ``a`` and ``b`` are the same float64 values, bit for bit."""
    np.testing.assert_array_equal(np.asarray(a).view(np.int64), np.asarray(b).view(np.int64))
