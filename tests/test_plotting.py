"""The book's figure style, by what it does to figures (not by restating its values)."""

import io
import sys
import types

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from infolib.plotting import GREY, PALETTE, use_book_style  # noqa: E402


def _figure() -> plt.Figure:
    use_book_style()
    fig, ax = plt.subplots()
    for k in range(3):
        ax.plot([0, 1], [k, 1 - k], label=str(k))
    ax.legend()
    return fig


def _svg() -> bytes:
    fig = _figure()
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def test_figures_are_byte_identical_run_after_run():
    assert _svg() == _svg()


def test_svg_ids_do_not_depend_on_the_process():
    # without a fixed hash salt, Matplotlib salts the SVG ids with a random value
    matplotlib.rcParams["svg.hashsalt"] = None
    use_book_style()
    assert matplotlib.rcParams["svg.hashsalt"] is not None


def test_lines_take_their_colours_from_the_palette_in_order():
    fig = _figure()
    colours = [line.get_color() for line in fig.axes[0].get_lines()]
    plt.close(fig)
    assert colours == [PALETTE[c] for c in ("blue", "orange", "green")]
    assert len(set(PALETTE.values())) == len(PALETTE)  # eight distinct colours
    assert GREY not in PALETTE.values()


def test_figures_are_opaque_white_cards_for_dark_mode():
    fig = _figure()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", transparent=False)
    plt.close(fig)
    buf.seek(0)
    corner = plt.imread(buf, format="png")[0, 0]
    np.testing.assert_array_equal(corner, [1.0, 1.0, 1.0, 1.0])  # white, opaque


def test_calling_it_twice_changes_nothing():
    use_book_style()
    first = dict(matplotlib.rcParams)
    use_book_style()
    assert dict(matplotlib.rcParams) == first


def _fake_jupyter(monkeypatch, shell):
    """IPython whose get_ipython() returns ``shell``; the calls of the inline backend."""
    calls = []
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: shell
    inline = types.ModuleType("matplotlib_inline.backend_inline")
    inline.set_matplotlib_formats = lambda *a, **k: calls.append((a, k))
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "matplotlib_inline", types.ModuleType("matplotlib_inline"))
    monkeypatch.setitem(sys.modules, "matplotlib_inline.backend_inline", inline)
    return calls


def test_outside_jupyter_nothing_inline_is_configured(monkeypatch):
    calls = _fake_jupyter(monkeypatch, shell=None)  # IPython installed, no kernel
    use_book_style()
    assert calls == []
    monkeypatch.setitem(sys.modules, "IPython", None)  # IPython not installed
    use_book_style()
    assert calls == []


def test_without_the_cjk_font_english_figures_work_and_chinese_ones_say_what_is_missing(
    monkeypatch,
):
    """infolib without its `book` extra: the English style applies; a figure in
    Chinese fails with the package to install, never with boxes for glyphs."""
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)  # import fails
    use_book_style()
    assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == PALETTE["blue"]
    with pytest.raises(ImportError, match=r"noto-cjk-sans-otc.*infolib\[book\]"):
        use_book_style(language="zh_CN")
