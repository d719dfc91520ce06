"""The book's one figure style: colour-blind safe, crisp and deterministic.

Every chapter calls :func:`use_book_style` once in its set-up cell; no
notebook sets ``rcParams`` of its own.
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

__all__ = ["PALETTE", "GREY", "VEGA_CONFIG", "use_book_style"]

#: The Okabe-Ito palette (Okabe & Ito, 2008), distinguishable under the common
#: forms of colour blindness. Figures pick colours by name from here.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: Grey for reference lines, bounds and annotations.
GREY = "#6E6E6E"

_RC = {
    "axes.prop_cycle": cycler(
        color=[PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
    ),
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    # An opaque white card: readable on the site's light and dark backgrounds.
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "lines.markersize": 7,
    "savefig.dpi": 200,
    # Deterministic SVG: the same code gives the same bytes, so stored
    # outputs do not churn and nbval can compare them.
    "svg.hashsalt": "infolib",
}


#: The same style for the interactive figures (Vega-Lite ``config``, see
#: :func:`infolib.book.explorable`): a white card like the Matplotlib figures, so
#: they read the same on the site's light and dark pages and in JupyterLab; the
#: palette's colours in order; light grid, no frame around the plots.
VEGA_CONFIG: dict[str, object] = {
    "background": "#ffffff",
    "padding": 8,
    "font": "system-ui, sans-serif",  # the site's own, so CJK falls back alike
    "range": {
        "category": [PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
    },
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 11,
        "titleFontSize": 11,
        "labelColor": "#222222",
        "titleColor": "#222222",
        "gridColor": "#DDDDDD",
        "domainColor": GREY,
        "tickColor": GREY,
    },
    "legend": {"labelFontSize": 11, "labelColor": "#222222", "symbolType": "square"},
    "text": {"color": "#222222", "fontSize": 12},
    "title": {"fontSize": 12, "color": "#222222"},
}


#: What a figure in another language needs, and how to get it.
NO_CJK_FONT = (
    "figures in {language} need the font package noto-cjk-sans-otc: "
    "pip install 'infolib[book]' (requirements.txt installs it)"
)


def _add_cjk_font() -> bool:
    """Han characters in figures: Latin, digits and mathtext stay DejaVu Sans, the
    rest falls back to Noto Sans CJK SC (SC: the collection's first face is JP).
    False when the font's package (``infolib[book]``) is not installed."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return False
    from matplotlib import font_manager

    path = str(noto_cjk_sans_otc.FONT_PATH)
    if path not in {f.fname for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    mpl.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]
    return True


def use_book_style(language: str = "en") -> None:
    """Apply the book's figure style to Matplotlib (and to Jupyter's inline figures).

    Sets the colour-blind-safe palette, sizes and a white figure card, and
    makes figures deterministic: a fixed ``svg.hashsalt`` and, inside Jupyter,
    inline figures as SVG without a ``Date`` in their metadata. Calling it
    twice is harmless.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from infolib.plotting import use_book_style, PALETTE
    >>> use_book_style()
    >>> mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == PALETTE["blue"]
    True
    """
    # ``language``: the language figures and infolib.i18n.say speak first (in
    # English, every other language of the book too: see infolib/i18n.py).
    mpl.rcParams.update(_RC)
    from infolib.i18n import SOURCE, install

    has_cjk_font = _add_cjk_font()
    if language != SOURCE and not has_cjk_font:
        raise ImportError(NO_CJK_FONT.format(language=language))

    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing inline to configure
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", metadata={"Date": None}, bbox_inches="tight")
    # after: set_matplotlib_formats resets every figure format; without the font,
    # figures are drawn in English only (no twins in other languages)
    install(language, twins=has_cjk_font)
