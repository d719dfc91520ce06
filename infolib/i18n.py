"""The chapters' figures and printed text in every language of the book.

A chapter is written in English and executed once; its stored outputs serve every
edition. Each figure and each printed text a reader reads is stored in the same
output twice or more: in English under its usual MIME type, and in each other
language of the book under that type's *twin* (:func:`twin`)::

    image/svg+xml  ->  image/x.zh_CN.svg+xml
    text/plain     ->  text/x.zh_CN.plain

JupyterLab, nbconvert and the English website show the usual type and ignore the
twins; the Chinese website and the Chinese reader notebooks show the twins instead
(``bookbuild.editions.outputs``, ``bookbuild.reader_notebooks``). nbval compares twins like
any other output, so a translation changed without the chapter re-executed fails.

The translations are the messages of the catalogue ``figures``
(``locales/LANGUAGE/LC_MESSAGES/figures.po``, found from the working directory
upwards), beside the figures' alt text and the explorables' words. What a chapter
author writes:

- **figures**: nothing new. When a figure is displayed, it is drawn once more per
  language with each of its texts (titles, axis labels, legend entries,
  annotations, tick labels given as strings) replaced by its translation. A text
  that holds a computed number is written with :func:`tr`, so its *template* is
  the message and the number is formatted into the translation:
  ``ax.set_title(tr("H = {:.3f} nats", h))``.
- **printed text**: :func:`say` instead of ``print``, with a template and its
  values: ``say("{:<16}{:>7.4f}", name, p)``. A string value that is a message
  (a category name) is translated too; widths count a Chinese character as two
  columns, so tables stay aligned. A cell's said lines form one output.

Every string with a word in it (``is_message``) is a message: the messages a
chapter's figures and printed lines used are stored in its outputs' metadata, where
``make translations`` finds them. Untranslated messages stay English (the translation
lag reports them); the numbers are the same in every language, formatted by the
same code. The translations are drawn when the chapter runs and stored in its
outputs (as twins), so a changed translation shows, and passes nbval, only after
the chapter is executed again (``make execute``).

Chinese glyphs are drawn as paths (Matplotlib's ``svg.fonttype`` "path"), from the
font of the PyPI package ``noto-cjk-sans-otc``: a reader needs no CJK font.
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = [
    "tr",
    "say",
    "localize",
    "twin",
    "languages",
    "catalogue",
    "translated_messages",
    "install",
]

#: The catalogue's name (``locales/LANGUAGE/LC_MESSAGES/figures.po``).
DOMAIN = "figures"
#: The language the chapters are written in.
SOURCE = "en"
#: The MIME types drawn or printed per language.
TRANSLATED = ("image/svg+xml", "text/plain")
#: The font for Han characters (a face of the ``noto-cjk-sans-otc`` collection).
CJK_FONT = "Noto Sans CJK SC"

# a word: two or more Latin letters, one of them lower case ("KL", a string of
# code symbols such as "DBDA", and "nan" or "inf" are not words)
_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
_NOT_WORDS = {"nan", "inf"}
_MATH = re.compile(r"\$[^$]*\$")
_HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

# English text made by tr() -> (template, args, kwargs): how to make it again.
_made: dict[str, tuple[str, tuple, dict]] = {}
# The state of the running kernel: its first language, the other languages, and
# what the current cell has said so far (language -> lines) and used (messages).
_state: dict = {"language": SOURCE, "others": (), "said": {}, "used": []}


def twin(mime: str, language: str) -> str:
    """The MIME type under which an output is stored in ``language``.

    Examples
    --------
    >>> twin("image/svg+xml", "zh_CN")
    'image/x.zh_CN.svg+xml'
    >>> twin("text/plain", "en")
    'text/plain'
    """
    if language == SOURCE:
        return mime
    kind, sub = mime.split("/", 1)
    return f"{kind}/x.{language}.{sub}"


def is_message(text: object) -> bool:
    """Whether ``text`` has words to translate: two Latin letters in a row, one of
    them lower case, outside ``$...$`` (so ``"$H(p)$"``, ``"0.5"``, ``"p"``, ``"KL"``
    and ``"nan"`` are not messages).

    >>> is_message("I (nats)"), is_message("$h(p)$"), is_message("KL"), is_message("inf")
    (True, False, False, False)
    """
    if not isinstance(text, str):
        return False
    words = _WORD.findall(_MATH.sub("", text))
    return any(len(w) > 1 and w not in _NOT_WORDS for w in words)


def locales_dir(start: Path | None = None) -> Path | None:
    """The book's ``locales/`` folder: in the working directory or above it
    (chapters run in ``chapters/``, reader notebooks in ``notebooks/zh/``)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / "locales").glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            return folder / "locales"
    return None


def languages(start: Path | None = None) -> list[str]:
    """The book's other languages: those with a ``figures`` catalogue."""
    found = locales_dir(start)
    if found is None:
        return []
    return sorted(p.parent.parent.name for p in found.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """msgid -> msgstr of ``language``'s ``figures`` catalogue (empty and fuzzy
    entries left out: they stay English)."""
    found = locales_dir()
    path = found / language / "LC_MESSAGES" / f"{DOMAIN}.po" if found else None
    if path is None or not path.is_file():
        return {}
    return translated_messages(path)


def translated_messages(path: Path) -> dict[str, str]:
    """msgid -> msgstr of the gettext catalogue at ``path``, translated messages only:
    an empty or fuzzy one is left out, and shows its English. The one rule for
    what counts as translated, for the figures here and for the website
    (``bookbuild.sources.messages``)."""
    from babel.messages.pofile import read_po  # infolib[book]; installed with the book

    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two.

    >>> width("entropy"), width("熵")
    (7, 2)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Formatter(string.Formatter):
    """str.format, with a string's width counted in columns (:func:`width`)."""

    SPEC = re.compile(r"^((?:.?[<>=^])?[-+ ]?)(\d+)(.*)$", re.S)

    def format_field(self, value, format_spec):
        match = self.SPEC.match(format_spec) if isinstance(value, str) else None
        if match:
            narrower = int(match.group(2)) - (width(value) - len(value))
            format_spec = f"{match.group(1)}{max(narrower, 0)}{match.group(3)}"
        return super().format_field(value, format_spec)


def tr(template: str, *args, **kwargs) -> str:
    """``template.format(*args, **kwargs)``, remembered so that the text can be made
    again in another language from the template's translation (a figure's title
    with a number in it). Returns the English text.

    Examples
    --------
    >>> from infolib.i18n import tr, localize
    >>> tr("H = {:.2f} nats", 0.8018)
    'H = 0.80 nats'
    >>> localize("H = 0.80 nats", "xx")  # no catalogue for "xx": the English
    'H = 0.80 nats'
    """
    text = template.format(*args, **kwargs)
    if args or kwargs:
        _made[text] = (template, args, kwargs)
    return text


def localize(text: str, language: str, used: list[str] | None = None) -> str:
    """``text`` (English, as a figure or :func:`say` shows it) in ``language``.

    A text made by :func:`tr` is made again from its template's translation, with
    its string values translated in turn; any other text is looked up whole. What
    is not translated stays English. The messages consulted are appended to
    ``used``.
    """
    if used is None:
        used = []
    if text in _made:
        template, args, kwargs = _made[text]
        if is_message(template):
            used.append(template)
        if language == SOURCE:
            return text
        pattern = catalogue(language).get(template, template)
        args = tuple(localize(a, language, used) if isinstance(a, str) else a for a in args)
        kwargs = {
            k: localize(v, language, used) if isinstance(v, str) else v for k, v in kwargs.items()
        }
        return _Formatter().format(pattern, *args, **kwargs)
    if not is_message(text):
        return text
    used.append(text)
    if language == SOURCE:
        return text
    return catalogue(language).get(text, text)


def say(template: str = "", *args, **kwargs) -> None:
    """Print a line a reader reads, in every language of the book.

    ``say(template, *values)`` prints ``template.format(*values)`` (see :func:`tr`);
    without values, ``template`` is printed as it is. Inside a chapter's kernel
    the English line and its translations are collected, and each cell's lines
    become one output (``text/plain`` and its twins) when the cell ends; in a
    reader notebook of another edition, and outside Jupyter, the line is printed
    in the kernel's language (:func:`install`).

    Examples
    --------
    >>> from infolib.i18n import say
    >>> say("{:<8}{:>6.3f}", "entropy", 0.80182)
    entropy  0.802
    """
    text = tr(template, *args, **kwargs) if (args or kwargs) else template
    others = _state["others"]
    if not others:
        print(localize(text, _state["language"]))
        return
    for language in (_state["language"], *others):
        line = localize(text, language, _state["used"])
        _state["said"].setdefault(language, []).append(line)


def _flush(*_) -> None:
    """At the end of a cell: its said lines as one output, in every language."""
    said, used = _state["said"], _state["used"]
    _state["said"], _state["used"] = {}, []
    if not said:
        return
    from IPython.display import display

    bundle = {twin("text/plain", lang): "\n".join(lines) + "\n" for lang, lines in said.items()}
    messages = list(dict.fromkeys(used))
    metadata = {key: {"messages": messages} for key in bundle if key != "text/plain"}
    display(bundle, raw=True, metadata=metadata)


def _localized(inner, language: str, used: list[str]):
    """A tick formatter whose labels are those of ``inner`` (the axis' own),
    translated: tick labels are made when the figure is drawn."""
    from matplotlib.ticker import Formatter

    class Localized(Formatter):
        def __call__(self, x, pos=None):
            return localize(inner(x, pos), language, used)

        def format_ticks(self, values):
            return [localize(s, language, used) for s in inner.format_ticks(values)]

        def get_offset(self):
            return localize(inner.get_offset(), language, used)

        def set_locs(self, locs):
            inner.set_locs(locs)

        def format_data(self, value):
            return inner.format_data(value)

        def format_data_short(self, value):
            return inner.format_data_short(value)

    return Localized()


def figure_svg(fig, language: str) -> tuple[str, list[str]]:
    """The SVG of a Matplotlib figure with its texts in ``language``, and the
    messages it used. The figure is left as it was."""
    from IPython.core.pylabtools import print_figure
    from matplotlib.text import Text

    used: list[str] = []
    undo, tickers = [], []
    try:
        for artist in fig.findobj(Text):
            old = artist.get_text()
            new = localize(old, language, used)
            if new != old:
                undo.append((artist, old, artist.get_fontfamily()))
                artist.set_text(new)
                if "$" in new and _HAN.search(new):
                    # mathtext draws the text around $...$ in the first family only
                    artist.set_fontfamily([CJK_FONT, *artist.get_fontfamily()])
        for ax in fig.axes:
            for ticker in (ax.xaxis.major, ax.xaxis.minor, ax.yaxis.major, ax.yaxis.minor):
                tickers.append((ticker, ticker.formatter))
                ticker.formatter = _localized(ticker.formatter, language, used)
        svg = print_figure(fig, "svg", bbox_inches="tight", metadata={"Date": None})
    finally:
        for artist, old, family in undo:
            artist.set_text(old)
            artist.set_fontfamily(family)
        for ticker, formatter in tickers:
            ticker.formatter = formatter
    return svg, list(dict.fromkeys(used))


def install(language: str = SOURCE, twins: bool = True) -> None:
    """Make the running kernel draw and print in ``language`` first, and, in the
    source language and with ``twins``, also in every other language of the book
    (as twins).
    :func:`infolib.plotting.use_book_style` calls it; a reader notebook of another
    edition calls ``use_book_style(language=...)``."""
    _state.update(language=language, said={}, used=[])
    _state["others"] = tuple(languages()) if language == SOURCE and twins else ()
    try:
        from IPython import get_ipython
    except ImportError:
        _state["others"] = ()
        return
    shell = get_ipython()
    if shell is None:
        _state["others"] = ()
        return
    from IPython.core.formatters import BaseFormatter
    from matplotlib.figure import Figure
    from traitlets import ObjectName

    class TwinFormatter(BaseFormatter):
        print_method = ObjectName("_repr_infolib_twin_")  # no object has one

    display = shell.display_formatter
    display.formatters["image/svg+xml"].for_type(Figure, lambda fig: figure_svg(fig, language)[0])
    for other in _state["others"]:
        key = twin("image/svg+xml", other)
        if key not in display.formatters:
            display.formatters[key] = TwinFormatter(parent=display, format_type=key)
        if display.active_types and key not in display.active_types:
            display.active_types = [*display.active_types, key]
        display.formatters[key].for_type(
            Figure,
            lambda fig, other=other: (lambda s, m: (s, {"messages": m}))(*figure_svg(fig, other)),
        )
    try:
        shell.events.unregister("post_execute", _flush)
    except ValueError:
        pass
    shell.events.register("post_execute", _flush)
