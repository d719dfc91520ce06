"""The machinery that makes the book: Sphinx extensions and the scripts around them.

One sub-package per concern (``_ext/README.md`` tells how each works):

- ``editions``: one source, an edition per language (gettext catalogues in
  ``locales/``, glued numbers in translated sentences, the build of the other
  editions: ``python -m bookbuild.editions.build``);
- ``reader_notebooks``: each chapter as a plain Jupyter notebook in ``notebooks/``
  (``python -m bookbuild.reader_notebooks``), and the pages' Binder and download
  buttons that give it;
- ``formulas``: every formula typeset to SVG when the book is built (MathJax in Node);
- ``explorables``: the interactive figures, from the chapters' Vega-Lite outputs (its
  myst-nb renderer is registered through the ``myst_nb.mime_renderers`` entry point,
  ``_ext/pyproject.toml``);
- ``publishing``: the book's address, descriptions, sitemap, robots.txt, link previews;
- ``pages``: small fixes to every page (infolib's docstrings on the API page, each
  script once, an accessible bibliography).

``sources`` reads the book's sources (configuration, catalogues, glued values) for all
of them. Imports run one way: ``reader_notebooks`` -> ``editions``, ``explorables`` ->
``sources`` -> ``infolib``; nothing imports back up.
"""
