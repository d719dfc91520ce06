"""The notebooks as stored: executed top to bottom, complete, and self-consistent.

nbval (run on chapters/ by the same pytest command) re-executes every notebook
and compares outputs; these checks make sure there is something to compare.
"""

import pytest

from bookbuild.sources import glued_values
from helpers.book import NOTEBOOKS, figure_cells, glue_references, load, source
from infolib.book import VEGALITE_MIME

each_notebook = pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)


def test_there_are_chapters():
    assert NOTEBOOKS, "no notebooks found in chapters/"


@each_notebook
def test_executed_in_order_from_a_fresh_kernel(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "run `make execute` to re-execute"
    for cell in code:
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"stored error in cell {cell.get('id')}"
            assert out.get("name") != "stderr", f"stored stderr in cell {cell.get('id')}"


@each_notebook
def test_every_glue_reference_has_a_stored_value(path):
    nb = load(path)
    values = glued_values(nb)
    refs = glue_references(nb)
    missing = sorted({key for key, _ in refs} - set(values))
    assert not missing, f"glued in the text but never computed: {missing}"


@each_notebook
def test_every_figure_has_caption_name_and_alt_text(path):
    for cell in figure_cells(load(path)):
        meta = cell["metadata"]["mystnb"]
        assert meta["figure"].get("caption"), cell.get("id")
        assert meta["figure"].get("name", "").startswith("fig-"), cell.get("id")
        assert len(meta.get("image", {}).get("alt", "")) > 20, f"alt text in {cell.get('id')}"
        # a static figure stores one SVG; an explorable (infolib.book.explorable) one
        # Vega-Lite spec, with its fallback sentence
        images = [o for o in cell["outputs"] if "image/svg+xml" in o.get("data", {})]
        charts = [o for o in cell["outputs"] if VEGALITE_MIME in o.get("data", {})]
        assert len(images) + len(charts) == 1, (
            f"figure cell {cell.get('id')} must store exactly one SVG or one Vega-Lite chart"
        )
        for chart in charts:
            assert source({"source": chart["data"]["text/markdown"]}).startswith(
                "Interactive figure: "
            )


@each_notebook
def test_svg_figures_are_deterministic(path):
    for cell in load(path)["cells"]:
        for out in cell.get("outputs", []):
            svg = source({"source": out.get("data", {}).get("image/svg+xml", "")})
            assert "<dc:date>" not in svg, "SVG carries a date: call use_book_style()"
            assert "image/png" not in out.get("data", {}), "figures are stored as SVG"
