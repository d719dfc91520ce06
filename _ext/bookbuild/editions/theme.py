"""The words of the site's frame in the edition's language.

The theme and the extensions bring words of their own: the solution folds' title
(sphinx-exercise: "Solution"), the search field ("Search this book...", set by
Jupyter Book), the code folds' summaries (myst-nb: "Show code cell {type}"), the
print button (sphinx-book-theme: "Print to PDF", whose own Chinese is Taiwan's
列印), the footer's author, the 404 page (sphinx-notfound-page). Their own catalogues
lack some of these or say them otherwise, and some are configuration, which no
catalogue translates. Here they are the messages of one more catalogue of the book,
``theme`` (``locales/LANGUAGE/LC_MESSAGES/theme.po``; :data:`WORDS` lists them and
the gettext build writes ``theme.pot``, so ``make translations`` and the catalogue
tests treat it like a page's). In another edition, each translation replaces the
English where it is used: in the extensions' message catalogues (ours first, theirs
behind), in the configuration (code folds, 404 page) and in the pages' context
(search field, author); the few attributes the templates write in English are
replaced in the written pages. The bibliography's own English prose (the fields of
:data:`PROSE_FIELDS`, e.g. the note that the source post names no author) is a
message of the same catalogue, replaced in the written pages (the works cited and
the citations' tooltips); the works' titles, journals and publishers stay as
published.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

from sphinx import locale

from bookbuild.sources import messages

DOMAIN = "theme"
NOT_FOUND = "Page not found"
NOT_FOUND_TEXT = "Unfortunately we couldn't find the content you were looking for."
#: Every English word of the frame the book translates, by where it is used.
CATALOGUES = {  # Sphinx message catalogue -> its messages
    "exercise": ["Solution"],
    "booktheme": ["Print to PDF", "By"],
    # pydata-sphinx-theme's words (its Chinese is filed under "zh", not "zh_CN")
    "sphinx": [
        "© Copyright %(copyright)s.",
        "Color mode",
        "System Settings",
        # the permalinks' tooltips
        "Link to this heading",
        "Link to this definition",
        "Link to this term",
        "Link to this image",
        "Link to this table",
        "Link to this code",
    ],
}
#: Configuration values -> their English (code folds, fold hints of sphinx-togglebutton).
HINTS = {"togglebutton_hint": "Click to show", "togglebutton_hint_hide": "Click to hide"}
CONFIG = [
    "Show code cell {type}",
    "Hide code cell {type}",
    *HINTS.values(),
    NOT_FOUND,
    NOT_FOUND_TEXT,
]
CONTEXT = {"theme_search_bar_text": "Search this book...", "author": "The infolib authors"}
#: Attributes the templates write in English, no catalogue asked (screen readers
#: and tooltips read them): replaced in the written pages.
ATTRIBUTES = [
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Main",
    "Page",
    "Launch interactive content",
    "Launch on Binder",
    "Binder logo",
]
ATTRIBUTE = re.compile(r'\b(title|aria-label|alt|data-bs-title)="([^"]*)"')
WORDS = [
    *(w for ws in CATALOGUES.values() for w in ws),
    *CONFIG,
    *CONTEXT.values(),
    *ATTRIBUTES,
]
#: Punctuation that carries its own space in Chinese typography (no space after it).
FULL_WIDTH = ("：", "，", "。", "；")
#: The fields of a bibliography entry written by the book, not taken from the work.
PROSE_FIELDS = ("howpublished", "note")


def bibliography_prose(app) -> list[str]:
    """The English of the :data:`PROSE_FIELDS` of every work in the book's
    bibliography (``bibtex_bibfiles``), in order."""
    from pybtex.database import parse_file

    found = []
    for name in app.config.bibtex_bibfiles:
        for entry in parse_file(Path(app.srcdir, name)).entries.values():
            found += [str(entry.fields[f]) for f in PROSE_FIELDS if f in entry.fields]
    return found


def translate_prose(text: str, table: dict[str, str]) -> str:
    """``text`` with each English field of ``table`` translated where the
    bibliography style writes it, a sentence after the one before: ``. FIELD.``
    becomes ``。TRANSLATION。`` (the style's full stops made Chinese ones).

    >>> words = {"Blog post": "博客文章", "No author": "未注明作者。"}
    >>> translate_prose("介绍. Blog post. No author.", words)
    '介绍。博客文章。未注明作者。'
    """
    for english, translated in table.items():
        pattern = re.compile(r"[.。]\s*" + re.escape(english) + r"\.")
        chinese = "。" + translated.rstrip("。") + "。"
        text = pattern.sub(chinese.replace("\\", "\\\\"), text)
    return text


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """msgid -> msgstr of the edition's ``theme`` catalogue (translated ones only)."""
    return messages(language, DOMAIN)


class _Ours(gettext.NullTranslations):
    """A message catalogue that answers from the book's table, then from the
    extension's own (its fallback)."""

    def __init__(self, table: dict[str, str]):
        super().__init__()
        self.table = table

    def gettext(self, message):
        if message in self.table:
            return self.table[message]
        return self._fallback.gettext(message) if self._fallback else message


def translate_frame(app, config):
    """In another edition: the extensions' catalogues answer with the book's words
    first; the code folds' summaries and the 404 page are configured in them."""
    table = catalogue(config.language) if config.language not in (None, "en") else {}
    if not table:
        return
    for name, words in CATALOGUES.items():
        ours = _Ours({w: table[w] for w in words if w in table})
        theirs = locale.translators.get(("general", name))
        if theirs is not None and not isinstance(theirs, _Ours):
            ours.add_fallback(theirs)
        locale.translators[("general", name)] = ours
        if name == "sphinx":  # what the templates' _() asks (the builder's translator)
            app.translator = ours
    config.nb_code_prompt_show = table.get(config.nb_code_prompt_show, config.nb_code_prompt_show)
    config.nb_code_prompt_hide = table.get(config.nb_code_prompt_hide, config.nb_code_prompt_hide)
    title, text = table.get(NOT_FOUND, NOT_FOUND), table.get(NOT_FOUND_TEXT, NOT_FOUND_TEXT)
    config.notfound_context = {"title": title, "body": f"<h1>{title}</h1>\n\n<p>{text}</p>"}


def translate_hints(app, config):
    """In another edition: the hint beside a folded block ("Click to show"), which
    sphinx-togglebutton writes into the pages' scripts when the configuration is read."""
    table = catalogue(config.language) if config.language not in (None, "en") else {}
    for name, english in HINTS.items():
        if english in table:
            setattr(config, name, table[english])


def translate_context(app, pagename, templatename, context, doctree):
    """In another edition: the search field's words and the author."""
    language = app.config.language
    table = catalogue(language) if language not in (None, "en") else {}
    for key in CONTEXT:
        if context.get(key) in table:
            context[key] = table[context[key]]


def translate_attributes(app, exception):
    """In another edition: the templates' English attributes (:data:`ATTRIBUTES`)
    and the bibliography's English prose (:func:`bibliography_prose`) in the
    written pages."""
    language = app.config.language
    table = catalogue(language) if language not in (None, "en") else {}
    if exception is not None or app.builder.format != "html" or not table:
        return

    def swap(match):
        name, value = match.groups()
        if value in ATTRIBUTES and value in table:
            return f'{name}="{table[value]}"'
        return match.group(0)

    prose = {w: table[w] for w in bibliography_prose(app) if w in table}
    # the footer's "By {author}": no space after a full-width colon (作者：infolib 作者团队)
    by, author = table.get("By", ""), table.get(CONTEXT["author"], "")
    byline = (f"{by} {author}", f"{by}{author}") if by.endswith(FULL_WIDTH) and author else None
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        if "_static" not in page.relative_to(out).parts:
            text = page.read_text(encoding="utf-8")
            new = translate_prose(ATTRIBUTE.sub(swap, text), prose)
            if byline:
                new = new.replace(*byline)
            if new != text:
                page.write_text(new, encoding="utf-8")


def write_messages(app, exception):
    """With the gettext builder: the frame's words as ``theme.pot``."""
    if exception is not None or app.builder.name != "gettext":
        return
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project=app.config.project, fuzzy=False)
    for word in [*WORDS, *bibliography_prose(app)]:
        catalog.add(word)
    with (Path(app.outdir) / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, catalog, width=76, omit_header=False, no_location=True)


def setup(app):
    # after the extensions have registered their catalogues and myst-nb its options
    app.connect("config-inited", translate_frame, priority=900)
    # before sphinx-togglebutton writes its hints into the pages' scripts (500)
    app.connect("config-inited", translate_hints, priority=400)
    app.connect("html-page-context", translate_context)
    app.connect("build-finished", write_messages)
    # after every writer of HTML, the formulas' typesetting included (900)
    app.connect("build-finished", translate_attributes, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
