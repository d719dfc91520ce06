"""Helpers for the tests that look at the notebooks and the built site."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
HTML = ROOT / "_build" / "html"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))

GLUE_MIME = "application/papermill.record/text/plain"
# {glue:text}`key:format` (format optional) and {glue}`key`
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([A-Za-z_][A-Za-z0-9_]*)(?::([^`]*))?`")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def glued_values(nb: dict) -> dict[str, str]:
    """Every value glued in the notebook's stored outputs: key -> text/plain repr."""
    values = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            key = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if key and GLUE_MIME in data:
                values[key] = source({"source": data[GLUE_MIME]})
    return values


def glue_references(nb: dict) -> list[tuple[str, str | None]]:
    """Every (key, format) pasted by a glue role in the notebook's markdown."""
    refs = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            refs.extend(GLUE_ROLE.findall(source(cell)))
    return [(key, fmt or None) for key, fmt in refs]


def formatted(text_plain: str, fmt: str | None) -> str:
    """The text a glue role shows: the stored repr, formatted as the role asks."""
    if fmt is None:
        value = text_plain
        return value[1:-1] if value[:1] in "'\"" and value[-1:] == value[:1] else value
    return format(ast.literal_eval(text_plain), fmt)


def figure_cells(nb: dict) -> list[dict]:
    """Code cells whose metadata makes their image output a numbered figure."""
    return [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "figure" in c.get("metadata", {}).get("mystnb", {})
    ]


def page_for(notebook: Path) -> Path:
    return HTML / "chapters" / (notebook.stem + ".html")
