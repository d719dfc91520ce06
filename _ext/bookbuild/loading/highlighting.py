"""Highlighted code in fewer elements: names, punctuation and white space as plain text.

Pygments writes a ``<span class="...">`` around every run of tokens of one type, and
Python code alternates names and punctuation: ``q = f(p)`` was six spans
(``n o n p n p``). In the chapters' code cells these spans were more than half of a
page's elements (chapter 6: 5,300 of 9,600), each styled and laid out by a phone at
every load, and again when a reader opens a fold. In the book's code styles (the
theme's ``a11y-high-contrast-light`` and ``-dark``, the PDF's ``sphinx``) a name, a
punctuation mark and white space are drawn in the style's plain colour, so
:class:`PlainText` makes them plain text, which Pygments writes without a span
(``q = f(p)``: one span, the operator, where there were six). The book's
stylesheet (``_assets/book.css``) draws plain text in code cells in the style's
plain colour (``.highlight``), as the spans were: the colours, the text, the copy
buttons and the PDF are unchanged (the chapters' code has no other plain text).

The premise is the styles': ``tests/test_loading.py`` checks, in the site's
``pygments.css``, that names, punctuation and white space are drawn in the colour of
``.highlight`` in each colour scheme. A style that colours them apart fails it;
this filter (and its rule in book.css) should then go.
"""

from __future__ import annotations

from collections.abc import Iterator

from pygments.filter import Filter
from pygments.lexers import find_lexer_class_by_name
from pygments.token import Name, Punctuation, Text, _TokenType

#: The lexers of the book's code: the chapters' cells (Jupyter's ``ipython3``;
#: ``div.highlight-ipython3`` in the pages). Sphinx keeps instances of its own
#: ``python`` lexer, which a class cannot replace (a few blocks of the API page).
LEXERS = ("ipython3",)


def drawn_plain(ttype: _TokenType, value: str) -> bool:
    """Whether a token is drawn in the code style's plain colour: a plain name (not a
    builtin, function or class name, which have colours of their own), plain
    punctuation, or white space."""
    return ttype is Name or ttype is Punctuation or (ttype in Text and not value.strip())


class PlainText(Filter):
    """A Pygments filter: the tokens :func:`drawn_plain` become plain text, which the
    HTML formatter writes without a span.

    >>> from pygments import highlight
    >>> from pygments.formatters import HtmlFormatter
    >>> from pygments.lexers import PythonLexer
    >>> lexer = PythonLexer()
    >>> highlight("q = f(p)", lexer, HtmlFormatter(nowrap=True)).count("<span")
    6
    >>> lexer.add_filter(PlainText())
    >>> print(highlight("q = f(p)", lexer, HtmlFormatter(nowrap=True)), end="")
    q <span class="o">=</span> f(p)
    """

    def filter(self, lexer, stream) -> Iterator[tuple[_TokenType, str]]:
        for ttype, value in stream:
            yield (Text if drawn_plain(ttype, value) else ttype), value


def filtered_lexer(alias: str) -> type:
    """The Pygments lexer class of ``alias``, with :class:`PlainText` on every
    instance (for Sphinx's ``app.add_lexer``, which takes a class)."""
    base = find_lexer_class_by_name(alias)

    def __init__(self, **options):
        base.__init__(self, **options)
        self.add_filter(PlainText())

    return type(base.__name__, (base,), {"__init__": __init__, "__module__": __name__})


def register(app) -> None:
    """Highlight the book's code (:data:`LEXERS`) with :class:`PlainText`."""
    for alias in LEXERS:
        app.add_lexer(alias, filtered_lexer(alias))
