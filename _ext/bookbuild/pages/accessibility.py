"""Markup that assistive technology reads correctly.

The bibliography (sphinxcontrib-bibtex, through docutils) is written as
``<div role="list" class="citation-list">`` holding ``<div class="citation"
role="doc-biblioentry">`` entries: ``doc-biblioentry`` is deprecated in ARIA 1.2
and not allowed on a ``div``, and a ``list`` must own ``listitem`` children, so a
screen reader announces an empty list (Lighthouse: aria-required-children,
aria-deprecated-role, aria-allowed-role). Each entry becomes a ``listitem``.
"""

from __future__ import annotations

BIBLIOENTRY = 'role="doc-biblioentry"'
LISTITEM = 'role="listitem"'


def citations_as_list_items(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and BIBLIOENTRY in body:
        context["body"] = body.replace(BIBLIOENTRY, LISTITEM)


def setup(app):
    app.connect("html-page-context", citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
