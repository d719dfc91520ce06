"""Small data sets: synthetic training sets, and text every reader already has.

:func:`gaussian_blobs` is introduced in chapter 5, *Why cross-entropy works as a
loss*; :func:`numpy_docstrings` and :func:`sphinx_messages`, text read from
packages the book pins (nothing downloaded, nothing copied into the book), in
chapter 7, *How many bits per character?*.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import math
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array

__all__ = ["gaussian_blobs", "numpy_docstrings", "sphinx_messages"]


def gaussian_blobs(
    centers: ArrayLike, n_per_class: int, scale: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Points around given centres, one Gaussian blob per class.

    Parameters
    ----------
    centers : array_like
        Shape ``(n_classes, n_features)``: the mean of each class.
    n_per_class : int
        Number of points drawn for each class (>= 1).
    scale : float, optional
        Standard deviation of every coordinate around its centre (> 0).
    seed : int, optional
        Seed of :func:`numpy.random.default_rng`: the same seed gives the
        same points, bit for bit.

    Returns
    -------
    X : numpy.ndarray
        float64 of shape ``(n_classes * n_per_class, n_features)``.
    y : numpy.ndarray
        int64 class indices of shape ``(n_classes * n_per_class,)``: the
        first ``n_per_class`` points are class 0, the next class 1, and so on.

    Raises
    ------
    ValueError
        If ``centers`` is not a finite 2-D array with at least one row and
        one column, ``n_per_class`` is not a positive integer, or ``scale`` is
        not a finite positive number.

    Notes
    -----
    Point :math:`n` of class :math:`k` is :math:`x_n = \mu_k + s\,\varepsilon_n`
    with :math:`\varepsilon_n \sim \mathcal{N}(0, I)`. Classes overlap when
    the centres are a few :math:`s` apart, so no model is perfect on them.

    Examples
    --------
    >>> from infolib import gaussian_blobs
    >>> X, y = gaussian_blobs([[0.0, 0.0], [3.0, 3.0]], n_per_class=4, seed=1)
    >>> X.shape, y.tolist()
    ((8, 2), [0, 0, 0, 0, 1, 1, 1, 1])
    """
    mu = as_float_array(centers, "centers")
    if mu.ndim != 2 or mu.shape[0] < 1 or mu.shape[1] < 1:
        raise ValueError(
            f"`centers` must be 2-D, (n_classes, n_features), non-empty; got shape {mu.shape}"
        )
    if not np.isfinite(mu).all():
        raise ValueError("`centers` must be finite numbers")
    if isinstance(n_per_class, bool) or not isinstance(n_per_class, (int, np.integer)):
        raise ValueError(f"`n_per_class` must be a positive integer; got {n_per_class!r}")
    if n_per_class < 1:
        raise ValueError(f"`n_per_class` must be a positive integer; got {n_per_class!r}")
    try:
        s = float(scale)
    except (TypeError, ValueError):
        raise ValueError(f"`scale` must be a finite number > 0; got {scale!r}") from None
    if not (math.isfinite(s) and s > 0):
        raise ValueError(f"`scale` must be a finite number > 0; got {scale!r}")
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(mu.shape[0], dtype=np.int64), int(n_per_class))
    X = mu[y] + s * rng.standard_normal((y.size, mu.shape[1]))
    return X, y


def _package_file(package: str, *parts: str) -> Path:
    """A file shipped inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ValueError(f"`{package}` is not installed; the book's requirements install it")
    path = Path(spec.origin).parent.joinpath(*parts)
    if not path.is_file():
        raise ValueError(f"{package} has no {'/'.join(parts)}: another version than the book's?")
    return path


def numpy_docstrings() -> list[str]:
    r"""The docstrings NumPy attaches to its C-defined objects, in source order.

    Read (parsed, never run) from ``numpy/_core/_add_newdocs.py`` of the
    installed NumPy: the ``add_newdoc`` calls' docstrings, each dedented with
    ``inspect.cleandoc``. English prose with code examples, about 138,000
    characters for the NumPy the book pins; the same text for every reader of
    that version, on every platform (a test checks its hash).

    Returns
    -------
    list of str
        One string per docstring (``ndarray``, ``ndarray.flat``, ``dtype``, ...).

    Raises
    ------
    ValueError
        If NumPy has no such file (a NumPy older than 2.0).

    Examples
    --------
    >>> from infolib.datasets import numpy_docstrings
    >>> docs = numpy_docstrings()
    >>> docs[0].splitlines()[0]
    'Flat iterator object to iterate over arrays.'
    """
    path = _package_file("numpy", "_core", "_add_newdocs.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "add_newdoc"
        and len(node.args) >= 3
    ]
    docs = []
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        arg = call.args[2]
        items = arg.elts if isinstance(arg, ast.List) else [arg]
        for item in items:
            if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                item = item.elts[1]  # (method name, docstring)
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                docs.append(inspect.cleandoc(item.value))
    return docs


def sphinx_messages(language: str = "zh_CN") -> list[tuple[str, str]]:
    r"""Sphinx's own messages and their translation: the same sentences in two languages.

    Read from the catalogue ``sphinx/locale/LANGUAGE/LC_MESSAGES/sphinx.po``
    that ships with the installed Sphinx (the one the book is built with).
    Entries left untranslated or marked fuzzy, and plural forms, are skipped.

    Parameters
    ----------
    language : str, optional
        A language Sphinx is translated into (default ``"zh_CN"``, Simplified
        Chinese).

    Returns
    -------
    list of (str, str)
        ``(English, translation)`` pairs, in the catalogue's order.

    Raises
    ------
    ValueError
        If Sphinx is not installed or has no catalogue for ``language``.

    Examples
    --------
    >>> from infolib.datasets import sphinx_messages
    >>> pairs = sphinx_messages("zh_CN")
    >>> dict(pairs)["Table of Contents"]
    '目录'
    """
    if not isinstance(language, str) or not language.replace("_", "").isalnum():
        raise ValueError(f"`language` must be a language code such as 'zh_CN'; got {language!r}")
    path = _package_file("sphinx", "locale", language, "LC_MESSAGES", "sphinx.po")
    from babel.messages.pofile import read_po  # a dependency of Sphinx

    with path.open(encoding="utf-8") as f:
        catalog = read_po(f)
    return [
        (m.id, m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    ]
