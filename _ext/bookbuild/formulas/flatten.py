"""A formula's SVG with its layout groups folded into the glyphs (bookbuild.formulas).

MathJax's SVG output nests a ``<g data-mml-node="...">`` for every MathML node
(``math``, ``mrow``, ``msub``, each ``mi``...), each with its own ``transform``,
around the ``<use>`` of each glyph: a chapter's 190 formulas made 2,200 groups of
its 12,000 elements (Lighthouse's "excessive DOM size" on a phone, and style and
layout work on every load). The groups only position what they hold, so each
drawn element (``<use>``, ``<rect>``, ``<text>``, ``<path>``, ``<line>``...) can
carry its composed transform itself: the picture is the same, the groups are gone.

The outermost group (``currentColor``, the flip ``scale(1,-1)``) is kept. A group
with an attribute other than a transform, a colour or MathJax's ``data-`` ones, and
a nested ``<svg>`` (its own viewport) is kept whole, moved by a group of its own.
Presentation attributes of a folded group (``fill``, ``stroke``: ``\\color``) pass
to what it held.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from html import escape

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_ELEMENT = re.compile(r"<svg\b.*</svg>(?=<mjx-assistive-mml|</mjx-container>)", re.S)
#: Attributes a folded group may have: they position or colour what it holds.
INHERITED = ("fill", "stroke", "stroke-width")
FOLDABLE = {"transform", *INHERITED}
TRANSFORM = re.compile(r"(matrix|translate|scale|rotate)\s*\(([^)]*)\)")

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The SVG matrix ``m`` then ``n`` (``transform="m n"``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def parse_transform(text: str | None) -> Matrix:
    """An SVG ``transform`` attribute as one matrix."""
    matrix = IDENTITY
    for name, args in TRANSFORM.findall(text or ""):
        v = [float(x) for x in re.split(r"[\s,]+", args.strip()) if x]
        if name == "matrix":
            step = tuple(v)
        elif name == "translate":
            step = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0)
        elif name == "scale":
            step = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        else:  # rotate(angle[, cx, cy])
            r = math.radians(v[0])
            cx, cy = (v[1], v[2]) if len(v) == 3 else (0, 0)
            step = multiply(
                multiply(
                    (1, 0, 0, 1, cx, cy),
                    (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0, 0),
                ),
                (1, 0, 0, 1, -cx, -cy),
            )
        matrix = multiply(matrix, step)
    return matrix


def _number(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_transform(m: Matrix) -> str | None:
    """The shortest attribute for ``m`` (None for the identity)."""
    a, b, c, d, e, f = m
    if (a, b, c, d) == (1, 0, 0, 1):
        if abs(e) < 5e-4 and abs(f) < 5e-4:
            return None
        return f"translate({_number(e)},{_number(f)})"
    if b == 0 and c == 0 and abs(e) < 5e-4 and abs(f) < 5e-4:
        return f"scale({_number(a)},{_number(d)})"
    return "matrix(" + ",".join(_number(x) for x in m) + ")"


def _name(qualified: str) -> str:
    if qualified.startswith("{" + XLINK_NS + "}"):
        return "xlink:" + qualified.split("}", 1)[1]
    if qualified.startswith("{http://www.w3.org/XML/1998/namespace}"):
        return "xml:" + qualified.split("}", 1)[1]
    return qualified.split("}", 1)[-1]


def serialise(element: ET.Element, attributes: dict[str, str] | None = None) -> str:
    """``element`` as HTML writes inline SVG (``xlink:href``, explicit end tags)."""
    tag = _name(element.tag)
    attrs = (
        attributes if attributes is not None else {_name(k): v for k, v in element.attrib.items()}
    )
    opening = tag + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    inner = escape(element.text or "", quote=False)
    inner += "".join(serialise(child) + escape(child.tail or "", quote=False) for child in element)
    return f"<{opening}>{inner}</{tag}>"


def _foldable(element: ET.Element) -> bool:
    return _name(element.tag) == "g" and all(
        _name(k) in FOLDABLE or _name(k).startswith("data-") for k in element.attrib
    )


def _leaves(element: ET.Element, matrix: Matrix, inherited: dict[str, str]) -> list[str]:
    """Every drawn element under the foldable group ``element``, each with its
    composed transform and the colours it inherits."""
    out = []
    for child in element:
        if _foldable(child):
            colours = {**inherited, **{k: v for k, v in child.attrib.items() if k in INHERITED}}
            out += _leaves(
                child, multiply(matrix, parse_transform(child.get("transform"))), colours
            )
            continue
        attrs = {_name(k): v for k, v in child.attrib.items() if not _name(k).startswith("data-")}
        if _name(child.tag) == "svg":  # its own viewport: moved and coloured by a group
            transform = format_transform(matrix)
            group = {**inherited, **({"transform": transform} if transform else {})}
            inner = serialise(child)
            if group:
                inner = (
                    "<g"
                    + "".join(f' {k}="{escape(v)}"' for k, v in group.items())
                    + f">{inner}</g>"
                )
            out.append(inner)
            continue
        transform = format_transform(
            multiply(matrix, parse_transform(attrs.pop("transform", None)))
        )
        for key, value in inherited.items():
            attrs.setdefault(key, value)
        if transform:
            attrs["transform"] = transform
        out.append(serialise(child, attrs))
    return out


def flatten_svg(svg: str) -> str:
    """One formula's ``<svg>`` with its foldable groups folded into what they hold."""
    root = ET.fromstring(svg)
    attrs = {_name(k): v for k, v in root.attrib.items()}
    attrs.setdefault("xmlns", SVG_NS)
    attrs.setdefault("xmlns:xlink", XLINK_NS)
    parts = []
    for top in root:
        if _name(top.tag) != "g":
            parts.append(serialise(top))
            continue
        # the outer group (currentColor, the flip) stays; what it holds is folded
        top_attrs = {_name(k): v for k, v in top.attrib.items()}
        inner = "".join(_leaves(top, IDENTITY, {}))
        parts.append(
            "<g" + "".join(f' {k}="{escape(v)}"' for k, v in top_attrs.items()) + f">{inner}</g>"
        )
    opening = "svg" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{opening}>{''.join(parts)}</svg>"


def flatten(container: str) -> str:
    """A typeset formula (``<mjx-container>``) with its SVG flattened."""
    return SVG_ELEMENT.sub(lambda m: flatten_svg(m.group(0)), container, count=1)
