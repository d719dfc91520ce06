"""The reader notebooks on the website: a chapter page's Binder and ``.ipynb``
download buttons give the chapter's reader notebook (``notebooks/NAME.ipynb``, see
``bookbuild.reader_notebooks``), the copy that reads well in plain Jupyter, not the
MyST source in ``chapters/``; the build copies the reader notebooks into the site
(``_build/html/notebooks/``). Each edition has its own (``notebooks/zh/`` for the
Chinese one, ``bookbuild.editions.reader_notebooks``): Binder opens that one, and the
download button gives the edition's copy in the site (``_build/html/zh/notebooks/``).

A Sphinx extension (``bookbuild.reader_notebooks.buttons`` in _config.yml).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

from bookbuild.editions import reader_notebooks

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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
