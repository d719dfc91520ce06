"""Formulas' SVG with MathJax's layout groups folded into the glyphs
(bookbuild.formulas.flatten): fewer elements, the same picture.

The unit tests check the transform algebra and the folding on hand-written SVG;
the browser test typesets real formulas with MathJax (as the build does), draws
each before and after folding in Chromium, and compares where every drawn element
lands on the screen.
"""

from __future__ import annotations

import math
import re

from bookbuild.formulas import edition_macros, typeset
from bookbuild.formulas.flatten import flatten, flatten_svg, multiply, parse_transform
from bookbuild.sources import config as book_config

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="2ex" height="1ex" viewBox="0 -500 1000 600">'
    '<g stroke="currentColor" fill="currentColor" stroke-width="0" transform="scale(1,-1)">'
    '<g data-mml-node="math"><g data-mml-node="mi" transform="translate(10,0)">'
    '<use data-c="1D45E" xlink:href="#q"></use></g>'
    '<g data-mml-node="mstyle" fill="red" stroke="red" transform="translate(100,5)">'
    '<g data-mml-node="msub" transform="scale(0.5)">'
    '<use xlink:href="#x" transform="translate(4,2)"></use>'
    '<rect width="10" height="2" x="1" y="1"></rect></g></g>'
    '<g class="mjx-dashed" transform="translate(7,0)"><use xlink:href="#y"></use></g>'
    '<g data-mml-node="mtable" transform="translate(300,0)">'
    '<svg width="5" height="5"><use xlink:href="#z"></use></svg></g>'
    "</g></g></svg>"
)


def test_transforms_compose_in_document_order():
    m = parse_transform("translate(10,5) scale(2)")
    assert m == (2, 0, 0, 2, 10, 5)
    assert multiply(m, parse_transform("translate(1,1)")) == (2, 0, 0, 2, 12, 7)
    a, b, c, d, e, f = parse_transform("rotate(90)")
    assert (round(a, 9), round(b, 9), round(c, 9), round(d, 9)) == (0, 1, -1, 0)
    assert parse_transform(None) == (1, 0, 0, 1, 0, 0)
    assert math.isclose(parse_transform("matrix(1 0 0 -1 3 4)")[3], -1)


def test_groups_fold_into_what_they_hold():
    flat = flatten_svg(SVG)
    # the outer group (colour, flip) stays; MathJax's groups are gone
    assert flat.count("<g ") == 3  # outer, the class-carrying group, the nested svg's mover
    assert "data-mml-node" not in flat and "data-c=" not in flat
    assert '<use xlink:href="#q" transform="translate(10,0)"></use>' in flat
    # scale(0.5) then translate(4,2), inside translate(100,5), coloured by \color
    assert (
        '<use xlink:href="#x" fill="red" stroke="red" transform="matrix(0.5,0,0,0.5,102,6)"></use>'
        in flat
    )
    assert '<rect width="10" height="2" x="1" y="1" fill="red" stroke="red" transform=' in flat
    # a group with other attributes is kept whole, moved as before
    assert (
        '<g class="mjx-dashed" transform="translate(7,0)"><use xlink:href="#y"></use></g>' in flat
    )
    # a nested viewport is moved by a group of its own
    assert '<g transform="translate(300,0)"><svg width="5" height="5">' in flat
    assert flat.startswith('<svg width="2ex" height="1ex" viewBox="0 -500 1000 600"')


def test_a_container_keeps_its_mathml():
    container = (
        '<mjx-container class="MathJax" jax="SVG">' + SVG + "<mjx-assistive-mml><math><mi>q</mi>"
        "</math></mjx-assistive-mml></mjx-container>"
    )
    flat = flatten(container)
    assert flat.endswith(
        "<mjx-assistive-mml><math><mi>q</mi></math></mjx-assistive-mml></mjx-container>"
    )
    assert "data-mml-node" not in flat


#: Formulas with every kind of layout the book uses: scripts, fractions, big
#: operators with limits, stretchy delimiters, roots, accents, matrices, colour,
#: text (Chinese included: drawn as <text>), the book's macros.
FORMULAS = [
    r"H(p) = -\sum_{i=1}^{n} p_i \log p_i \nats",
    r"\KL(p \,\|\, q) = \sum_x p(x) \log \frac{p(x)}{q(x)} \geq 0",
    r"\left( \frac{\partial L}{\partial z_k} \right)_{k} = q_k - y_k",
    r"\sqrt{\hat{p}(1-\hat{p})/N}, \quad \bar{x} \to \mathbb{E}[X]",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"f(x) = \begin{cases} 1 & x>0 \\ 0 & \text{otherwise} \end{cases}",
    r"{\color{red} x^2} + \text{奈特} + \underbrace{a+b}_{n} + \overset{\text{def}}{=}",
    r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    r"\operatorname*{arg\,min}_{\theta} \mathcal{L}(\theta)",
]

GEOMETRY = r"""() => Array.from(document.querySelectorAll(".f")).map(f =>
  Array.from(f.querySelectorAll("use, rect, text, path, line"))
    .map(el => { const r = el.getBoundingClientRect();
                 return [el.tagName, r.x, r.y, r.width, r.height,
                         getComputedStyle(el).fill]; }))"""


def test_folded_formulas_draw_the_same(browser):
    macros = edition_macros(_Config())
    result = typeset({"page": [(tex, True) for tex in FORMULAS]}, macros)
    typeset_math = result["pages"]["page"]["math"]
    cache = result["pages"]["page"]["cache"]
    shapes = []
    for variant in (typeset_math, [flatten(m) for m in typeset_math]):
        body = "".join(f'<div class="f">{m}</div>' for m in variant)
        page = browser.new_page()
        try:
            page.set_content(
                f"<html><head><style>{result['css']}</style></head><body>"
                f'<svg style="display:none">{cache}</svg>{body}</body></html>'
            )
            shapes.append(page.evaluate(GEOMETRY))
        finally:
            page.close()
    before, after = shapes
    assert len(before) == len(after) == len(FORMULAS)
    for tex, b, a in zip(FORMULAS, before, after, strict=True):
        assert len(b) == len(a) > 0, tex
        for one, two in zip(b, a, strict=True):
            assert one[0] == two[0] and one[5] == two[5], tex
            assert all(abs(x - y) < 0.02 for x, y in zip(one[1:5], two[1:5], strict=True)), (
                tex,
                one,
                two,
            )
    groups = [len(re.findall(r"<g\b", m)) for m in typeset_math]
    flat_groups = [len(re.findall(r"<g\b", flatten(m))) for m in typeset_math]
    assert sum(flat_groups) < sum(groups) / 3


class _Config:
    """The book's configuration as Sphinx gives it to bookbuild.formulas."""

    def __init__(self):
        sphinx = book_config()["sphinx"]["config"]
        self.mathjax3_config = sphinx["mathjax3_config"]
        self.math_macros_translated = sphinx.get("math_macros_translated", {})
        self.language = "en"
