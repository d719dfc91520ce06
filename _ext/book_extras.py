"""Small Sphinx additions for this book (loaded from `_config.yml`, `local_extensions`).

- Unqualified names in infolib's docstrings (``:func:`entropy```, a "See Also"
  entry ``cross_entropy``) resolve to the one infolib object of that name, as a
  reader of the docstring in Python would expect; the build is nitpicky (``-n``),
  so a name that matches no object, or more than one, still fails it.
- Names from NumPy and Matplotlib in those docstrings (``:func:`numpy.random.default_rng```)
  are shown as code, unlinked: the build is offline, so there is no intersphinx
  inventory to link them to.
- The numbered references of a docstring (``[1]_`` and ``.. [1] ...``) become
  plain text: each docstring numbers its own from 1, and one page shows them
  all, where docutils footnotes would clash.
- Every page lists each script once: sphinx-thebe registers its inline
  configuration script twice, which the browser reports as
  ``Identifier 'THEBE_JS_URL' has already been declared``.
- A chapter page's Binder and ``.ipynb`` download buttons give the chapter's reader
  notebook (``notebooks/NAME.ipynb``, see ``_ext/reader_notebooks.py``), the copy
  that reads well in plain Jupyter, not the MyST source in ``chapters/``; the build
  copies the reader notebooks into the site (``_build/html/notebooks/``). Each
  edition has its own (``notebooks/zh/`` for the Chinese one, see ``_ext/editions.py``):
  Binder opens that one, and the download button gives the edition's copy in the site
  (``_build/html/zh/notebooks/``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from editions import reader_notebooks
from sphinx.errors import ExtensionError

PACKAGE = "infolib."
EXTERNAL = ("numpy.", "matplotlib.")
FOOTNOTE_REF = re.compile(r"\[(\d+)\]_")
FOOTNOTE_DEF = re.compile(r"^(\s*)\.\. \[(\d+)\]\s+(.*)$")


def resolve_infolib_name(app, env, node, contnode):
    """Resolve a bare Python name to the unique ``infolib.*`` object of that name,
    and a NumPy or Matplotlib name to itself, unlinked."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target:
        return None
    if target.startswith(EXTERNAL):
        return contnode  # resolved as plain code: nothing to link to offline
    if "." in target:
        return None
    domain = env.get_domain("py")
    matches = [
        name
        for name, entry in domain.objects.items()
        if name.startswith(PACKAGE)
        and name.rsplit(".", 1)[-1] == target
        and entry.objtype != "module"  # `entropy`: the function, not infolib.entropy
    ]
    if len(matches) != 1:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], matches[0], node, contnode
    )


def plain_references(app, what, name, obj, options, lines):
    """Turn docstring footnotes into text: ``[1]_`` -> ``[1]``, definitions -> paragraphs."""
    out: list[str] = []
    for line in lines:
        match = FOOTNOTE_DEF.match(line)
        if match:
            indent, number, text = match.groups()
            out += ["", f"{indent}[{number}] {text}"]
        elif out and _continues(out, line):
            out[-1] += " " + line.strip()
        else:
            out.append(FOOTNOTE_REF.sub(r"[\1]", line))
    lines[:] = out


def _continues(out: list[str], line: str) -> bool:
    """True if ``line`` continues a footnote definition converted just before."""
    last = out[-1]
    indent = len(last) - len(last.lstrip())
    return (
        bool(line.strip())
        and re.match(r"\s*\[\d+\] ", last) is not None
        and len(line) - len(line.lstrip()) > indent
    )


def unique_scripts(app, pagename, templatename, context, doctree):
    """Drop repeated scripts (an inline script is registered once with filename
    ``None`` and once with ``""``, which Sphinx's own de-duplication misses)."""
    seen, unique = set(), []
    for js in context.get("script_files", []):
        key = (js.filename or "", js.priority, tuple(sorted(js.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"] = unique


READER = "notebooks"  # the reader notebooks' folder in the site (each edition's own)


def _buttons(buttons: list[dict]):
    """Every button of the theme's header, groups opened."""
    for button in buttons:
        yield button
        yield from _buttons(button.get("buttons", []))


def reader_notebook_buttons(app, pagename, templatename, context, doctree):
    """Point a chapter page's Binder and download buttons at its reader notebook."""
    if not pagename.startswith("chapters/") or "header_buttons" not in context:
        return
    source = pagename + ".ipynb"
    name = Path(pagename).name + ".ipynb"
    reader = reader_notebooks(app.config) + name  # in the repository: what Binder opens
    if not (Path(app.srcdir) / reader).is_file():
        raise ExtensionError(f"{source} has no reader notebook {reader}: run `make notebooks`")
    for button in _buttons(context["header_buttons"]):
        url = button.get("url", "")
        if url.endswith("urlpath=lab/tree/" + source):
            button["url"] = url[: -len(source)] + reader
        elif url.endswith("_sources/" + source):
            button["url"] = context["pathto"](f"{READER}/{name}", 1)


def copy_reader_notebooks(app, exception):
    """The reader notebooks beside the pages, for the download buttons."""
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / READER
        target.mkdir(exist_ok=True)
        for path in sorted((Path(app.srcdir) / reader_notebooks(app.config)).glob("*.ipynb")):
            shutil.copyfile(path, target / path.name)


def setup(app):
    # After sphinx-book-theme's own button hooks (priority 501).
    app.connect("html-page-context", reader_notebook_buttons, priority=502)
    app.connect("build-finished", copy_reader_notebooks)
    app.connect("missing-reference", resolve_infolib_name)
    app.connect("html-page-context", unique_scripts)
    app.connect("autodoc-process-docstring", plain_references, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
