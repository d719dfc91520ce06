"""Markup that assistive technology reads correctly.

The bibliography (sphinxcontrib-bibtex, through docutils) is written as
``<div role="list" class="citation-list">`` holding ``<div class="citation"
role="doc-biblioentry">`` entries: ``doc-biblioentry`` is deprecated in ARIA 1.2
and not allowed on a ``div``, and a ``list`` must own ``listitem`` children, so a
screen reader announces an empty list (Lighthouse: aria-required-children,
aria-deprecated-role, aria-allowed-role). Each entry becomes a ``listitem``.

A control's accessible name must contain the words it shows (WCAG 2.5.3, "label
in name", Lighthouse's ``label-in-name``): a speech user says what they see. The
code folds' summaries (myst-nb) show "Show code cell source" but are named
"Toggle hidden content" by an ``aria-label``; the colour-mode button's icons carry
titles ("Light", "Dark") that are not its name, "Color mode"; the search field
shows "Search Ctrl+K" but is labelled "Search" (Lighthouse's desktop width shows
the shortcut). The labels and the titles are dropped from the written pages
(:func:`names_with_visible_words`), so each control is named by what it shows, in
every edition.
"""

from __future__ import annotations

import re

BIBLIOENTRY = 'role="doc-biblioentry"'
LISTITEM = 'role="listitem"'


def citations_as_list_items(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and BIBLIOENTRY in body:
        context["body"] = body.replace(BIBLIOENTRY, LISTITEM)


#: An ``aria-label`` on a fold's summary, which hides the summary's own words.
SUMMARY_LABEL = re.compile(r'<summary aria-label="[^"]*">')
#: The ``aria-label`` of the search field's button, which hides its shortcut.
SEARCH_FIELD_LABEL = re.compile(
    r'(<button class="[^"]*\bsearch-button-field\b[^"]*"[^>]*?)\s+aria-label="[^"]*"'
)
#: The ``title`` of an icon inside the colour-mode button.
SWITCH_ICON_TITLE = re.compile(
    r'(<i class="theme-switch [^"]*" data-mode="[\w-]+")\s+title="[^"]*"'
)


def names_with_visible_words(html: str) -> str:
    """A written page whose controls are named by the words they show.

    >>> names_with_visible_words('<summary aria-label="Toggle hidden content"><p>Show</p>')
    '<summary><p>Show</p>'
    >>> names_with_visible_words('<i class="theme-switch x" data-mode="dark" title="Dark"></i>')
    '<i class="theme-switch x" data-mode="dark"></i>'
    >>> names_with_visible_words('<button class="btn search-button-field" aria-label="Search">')
    '<button class="btn search-button-field">'
    """
    html = SUMMARY_LABEL.sub("<summary>", html)
    html = SEARCH_FIELD_LABEL.sub(r"\1", html)
    return SWITCH_ICON_TITLE.sub(r"\1", html)


def setup(app):
    app.connect("html-page-context", citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
