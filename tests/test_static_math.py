"""bookbuild.formulas: the formulas typeset when the book is built (MathJax in Node)."""

import pytest
from sphinx.errors import ExtensionError

from bookbuild.formulas import formulas, typeset

MACROS = {"KL": "D_{\\mathrm{KL}}"}


def test_formulas_are_read_in_order_with_their_kind():
    page = (
        '<p><span class="math notranslate nohighlight">\\(p &lt; q\\)</span> and '
        '<div class="math notranslate nohighlight" id="equation-x">\\[\\KL(p)\\]</div></p>'
    )
    assert formulas(page) == [("p < q", False), ("\\KL(p)", True)]


def test_a_formula_becomes_svg_drawing_from_the_pages_glyph_cache():
    result = typeset({"page": [("\\KL(p \\,\\|\\, q)", True)]}, MACROS)
    (svg,) = result["pages"]["page"]["math"]
    assert svg.startswith('<mjx-container class="MathJax" jax="SVG" display="true"')
    assert "<mjx-assistive-mml" in svg  # what a screen reader reads
    assert 'xlink:href="#MJX-TEX-' in svg and "<path" in result["pages"]["page"]["cache"]
    assert "mjx-container" in result["css"]


@pytest.mark.parametrize(
    "tex, message", [("\\nope", "Undefined control sequence"), ("\\frac{1}{", "Missing")]
)
def test_a_tex_error_fails_the_build(tex, message):
    with pytest.raises(ExtensionError, match=message):
        typeset({"page": [(tex, False)]}, MACROS)
