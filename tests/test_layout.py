"""The code's layout: no import cycles, no arrow running back up, the renderer found.

Every import between the modules of ``infolib`` and ``bookbuild`` (the build
machinery in ``_ext/``), at any depth of a module, is read from the source: the
graph they make must have no cycle; ``bookbuild.sources``, which every concern of the
build uses, imports nothing of ``bookbuild``; infolib imports nothing of the build.
"""

from __future__ import annotations

import ast
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import infolib
from helpers.book import ROOT

PACKAGES = {"infolib": Path(infolib.__file__).parent, "bookbuild": ROOT / "_ext" / "bookbuild"}


def module_name(path: Path, package: str, folder: Path) -> str:
    parts = [package, *path.relative_to(folder).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path, package, folder): path
        for package, folder in PACKAGES.items()
        for path in sorted(folder.rglob("*.py"))
    }


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``name`` imports (absolute or relative)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    edges = graph()
    assert len(edges) > 20 and any(edges.values())
    assert cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_shared_sources_stand_below_every_concern():
    edges = graph()
    assert not {m for m in edges["bookbuild.sources"] if m.startswith("bookbuild")}

    def reaches_sources(name, seen=()):
        deps = edges.get(name, set())
        return "bookbuild.sources" in deps or any(
            reaches_sources(d, (*seen, name)) for d in deps if d not in seen
        )

    users = {name for name in edges if reaches_sources(name)}
    concerns = {"editions", "explorables", "formulas", "publishing", "reader_notebooks"}
    assert concerns <= {name.split(".")[1] for name in users}


def test_infolib_imports_nothing_of_the_build():
    edges = graph()
    upward = {
        n: d
        for n, d in edges.items()
        if n.startswith("infolib") and any(m.startswith("bookbuild") for m in d)
    }
    assert upward == {}


@pytest.mark.parametrize("name", ["bookbuild.explorables.renderer:VegaLiteOutput"])
def test_mystnb_finds_the_explorables_renderer(name):
    """Registered through myst-nb's documented entry point, so every build in the
    environment renders explorables (no list patched at run time)."""
    from myst_nb.core.render import load_mime_renders

    from bookbuild.explorables.renderer import VegaLiteOutput

    found = [ep.value for ep in entry_points(group="myst_nb.mime_renderers")]
    assert name in found
    assert VegaLiteOutput in load_mime_renders()
