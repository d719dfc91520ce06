import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from infolib.plotting import PALETTE, use_book_style  # noqa: E402


def _svg() -> bytes:
    use_book_style()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0], label="a")
    ax.legend()
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def test_figures_are_byte_identical_run_after_run():
    assert _svg() == _svg()


def test_palette_is_okabe_ito_and_used_as_colour_cycle():
    use_book_style()
    cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    assert cycle[:3] == [PALETTE["blue"], PALETTE["orange"], PALETTE["green"]]
    assert set(PALETTE.values()) >= {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7"}


def test_figures_are_opaque_white_cards_for_dark_mode():
    use_book_style()
    assert matplotlib.rcParams["figure.facecolor"] == "white"
    assert matplotlib.rcParams["svg.hashsalt"] == "infolib"
