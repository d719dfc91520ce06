"""The PDFs on the website: every page's download menu offers the edition's PDF.

sphinx-book-theme's download menu has a ".pdf" entry that prints the page
(``window.print()``). When ``make pdf`` has built the edition's PDF
(``_build/NAME.pdf``, ``pdf_name``), the build puts it in the site (the edition's
root folder: ``NAME.pdf``, ``zh/NAME-zh.pdf``) and that entry becomes a link to it:
the whole book, typeset. Without the PDF the entry stays as the theme made it, so
no link can point at a file the site lacks; CI runs ``make pdf`` before
``make test``, so the published site has both PDFs and its link tests check them.

A Sphinx extension (``bookbuild.pdf.site`` in _config.yml).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bookbuild.pdf import DOWNLOAD, translator
from bookbuild.sources import ROOT, config


def pdf_name(language: str, root: Path = ROOT) -> str:
    """The PDF's file name: the repository's name, and the edition's folder.

    >>> pdf_name("en"), pdf_name("zh_CN")
    ('surprise-entropy-cross-entropy.pdf', 'surprise-entropy-cross-entropy-zh.pdf')
    """
    book = config(root)
    name = book["repository"]["url"].rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
    folder = book["sphinx"]["config"]["book_editions"][language].strip("/")
    return f"{name}-{folder}.pdf" if folder else f"{name}.pdf"


def built_pdf(app) -> Path | None:
    """The edition's PDF, if ``make pdf`` has built it."""
    path = Path(app.srcdir) / "_build" / pdf_name(app.config.language, Path(app.srcdir))
    return path if path.is_file() else None


def _buttons(buttons: list[dict]):
    for button in buttons:
        yield button
        yield from _buttons(button.get("buttons", []))


def link_the_pdf(app, pagename, templatename, context, doctree):
    """The download menu's ".pdf" entry: the book's PDF instead of printing the page."""
    if app.builder.format != "html" or built_pdf(app) is None:
        return
    for button in _buttons(context.get("header_buttons", [])):
        if button.get("label") == "download-pdf-button":
            button.pop("javascript", None)
            button.update(
                type="link",
                url=context["pathto"](pdf_name(app.config.language, Path(app.srcdir)), 1),
                tooltip=translator(app)(DOWNLOAD),
            )


def copy_the_pdf(app, exception):
    """The edition's PDF beside its pages."""
    pdf = built_pdf(app)
    if exception is None and app.builder.format == "html" and pdf is not None:
        shutil.copyfile(pdf, Path(app.outdir) / pdf.name)


def setup(app):
    # After sphinx-book-theme's button hooks (501), like the reader notebooks' (502).
    app.connect("html-page-context", link_the_pdf, priority=503)
    app.connect("build-finished", copy_the_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
