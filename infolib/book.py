"""Numbers for the book's prose: glued values that read the same on every machine.

The chapters compute every number their text quotes and hand it to the text with
myst-nb's ``glue``; the notebooks are stored with those values, and the tests
re-execute them and compare. A float's last bits depend on the machine: the BLAS
kernel a CPU gets (``X @ w`` adds in a different order, with or without fused
multiply-adds), the SIMD version of ``exp`` and ``log`` NumPy picks for it, the
operating system's maths library. :func:`glue` stores every float rounded to 12
significant digits, far more than the text ever shows and far fewer than the
noise reaches, so the stored value, and the page, are the same everywhere.
"""

from __future__ import annotations

import numbers

__all__ = ["SIGNIFICANT_DIGITS", "VEGALITE_MIME", "Explorable", "portable", "glue", "explorable"]

#: The MIME type of a Vega-Lite 5 figure. JupyterLab and VS Code draw it natively,
#: and the book's build turns it into an interactive figure (``_ext/bookbuild/explorables``).
VEGALITE_MIME = "application/vnd.vegalite.v5+json"

#: Significant digits a glued float keeps. Rounding noise lives in the last three
#: or four of a float64's 17; the text shows at most six.
SIGNIFICANT_DIGITS = 12


def portable(value: object, digits: int = SIGNIFICANT_DIGITS) -> object:
    """``value`` as the book stores it: a float rounded to ``digits`` significant digits.

    Integers (Python's, NumPy's, booleans) and anything that is not a real
    number pass through unchanged; NumPy scalars become Python numbers, so the
    stored text is ``0.801818792493``, not ``np.float64(0.8018187924934126)``.

    Parameters
    ----------
    value : object
        The value to store.
    digits : int, optional
        Significant digits to keep (default :data:`SIGNIFICANT_DIGITS`).

    Returns
    -------
    object
        ``float(format(value, f".{digits}g"))`` for a real, non-integer number;
        ``int(value)`` for an integer; ``value`` itself otherwise.

    Raises
    ------
    ValueError
        If ``digits`` is not between 1 and 17.

    Examples
    --------
    >>> from infolib.book import portable
    >>> portable(0.1 + 0.2)
    0.3
    >>> portable(0.20592076308473428) == portable(0.20592076308473425)
    True
    >>> portable(7), portable("nats")
    (7, 'nats')
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 17:
        raise ValueError(f"`digits` must be an integer from 1 to 17; got {digits!r}")
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(format(float(value), f".{digits}g"))
    return value


def glue(name: str, value: object) -> None:
    """Glue ``value`` for the text under ``name``, rounded by :func:`portable`.

    The chapter's Markdown pastes it with myst-nb's ``glue:text`` role, which
    also formats it (``name:.4f``); nothing is displayed where the code runs
    (myst-nb's ``display=False``).

    Parameters
    ----------
    name : str
        The key the text refers to.
    value : object
        The number (or text) to paste.

    Examples
    --------
    In a chapter notebook::

        from infolib.book import glue
        glue("h_computer", entropy([0.7, 0.2, 0.1]))  # stored as 0.801818792493
    """
    from myst_nb import glue as myst_nb_glue  # only where the book is built

    myst_nb_glue(name, portable(value), display=False)


class Explorable:
    """An interactive figure as a notebook shows it: Vega-Lite, with a text fallback.

    Its output carries the Vega-Lite specification, which JupyterLab, VS Code and
    the book's website draw with working sliders, and a Markdown sentence for the
    viewers that cannot (GitHub's preview, nbconvert's HTML), pointing to the
    static figure beside it. Nothing in it depends on the machine, so nbval
    compares it like any other output.
    """

    def __init__(self, spec: dict, fallback: str) -> None:
        self.spec = spec
        self.fallback = fallback

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            VEGALITE_MIME: self.spec,
            "text/markdown": self.fallback,
            "text/plain": self.fallback,
        }


def explorable(chart: object, fallback: str) -> Explorable:
    """An interactive figure, from a Vega-Lite chart, in the book's style.

    Applies :data:`infolib.plotting.VEGA_CONFIG` (the chart's own ``config``
    wins where it sets something, key by key) and asks every viewer for SVG output without
    the export menu.

    Parameters
    ----------
    chart : object
        An Altair chart (anything with a ``to_dict()`` giving a Vega-Lite 5
        specification), or the specification itself as a dict.
    fallback : str
        Markdown shown where the figure cannot be drawn; name the static figure
        that shows the same thing.

    Returns
    -------
    Explorable
        Display it (last expression of a cell) to show the figure.

    Raises
    ------
    ValueError
        If the specification is not Vega-Lite 5, or ``fallback`` is empty.

    Examples
    --------
    >>> from infolib.book import explorable, VEGALITE_MIME
    >>> spec = {
    ...     "$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json",
    ...     "mark": "point",
    ... }
    >>> figure = explorable(spec, "A point (static version: Figure 1).")
    >>> bundle = figure._repr_mimebundle_()
    >>> bundle[VEGALITE_MIME]["config"]["background"]
    '#ffffff'
    >>> bundle["text/plain"]
    'A point (static version: Figure 1).'
    """
    from infolib.plotting import VEGA_CONFIG

    spec = dict(chart if isinstance(chart, dict) else chart.to_dict())
    schema = str(spec.get("$schema", ""))
    if "/vega-lite/v5" not in schema:
        raise ValueError(f"`chart` must be a Vega-Lite 5 specification; got $schema {schema!r}")
    if not isinstance(fallback, str) or not fallback.strip():
        raise ValueError("`fallback` must be a non-empty sentence for viewers without Vega")
    config = dict(VEGA_CONFIG)
    for key, value in spec.get("config", {}).items():  # Altair's defaults included
        both = isinstance(value, dict) and isinstance(config.get(key), dict)
        config[key] = {**config[key], **value} if both else value
    usermeta = {
        **spec.get("usermeta", {}),
        "embedOptions": {"renderer": "svg", "actions": False},
        "fallback": fallback,
    }
    return Explorable({**spec, "config": config, "usermeta": usermeta}, fallback)
