"""The book in several languages: one source, one edition per language.

``book_editions`` in ``_config.yml`` maps each language to the folder of its
edition in the site: English at the root (``""``), Chinese under ``zh/``. The
English edition is built by ``jupyter-book build``; every other one by
``bookbuild/editions/build.py`` from the same sources and configuration, with
``language`` set (Sphinx then applies the catalogues in ``locales/``). Here, for
the edition being built:

- its addresses (canonical links, ``og:url``, the 404 page's prefix) get the
  edition's folder, so a Chinese page names its own address;
- its search index splits Chinese into the book's words (Sphinx's Chinese search
  with jieba, which finds words from its dictionary: its own has no 交叉熵, 相对熵
  or 信息量, so ``locales/LANG/search-words.txt`` adds the book's terms);
- its link previews show the book's mark, not a drawn card (see ``PREVIEW``);
- every page links to the same page in each other edition: a visible link at the
  top of the article, and ``<link rel="alternate" hreflang>`` in the head (with
  ``x-default``, the root edition), as search engines expect of translations;
- the book's title (the site's name in the sidebar, the tab, link previews) and
  the captions of the table of contents are the landing page's own messages,
  translated with it: Sphinx translates a page before sphinx-external-toc adds
  its table of contents, and the title is configuration, not text;
- ``reader_notebooks(config)`` names the edition's reader-notebook folder
  (``notebooks/`` for English, ``notebooks/zh/`` for Chinese), used by the Binder
  and download buttons (``bookbuild/reader_notebooks/buttons.py``).

The other modules here: ``source`` translates MyST source text (for the reader
notebooks), ``formulas`` a page's display formulas, ``glue`` is the ``{glue:text}``
role that works inside a translated sentence, ``build`` builds every edition but
the root one (``make build``), ``lag`` reports what each edition still shows in
English, and ``headers`` gives every
catalogue the book's header (both run by ``make translations``).
"""

from __future__ import annotations

import html
from pathlib import Path

from sphinx import addnodes
from sphinx.errors import ConfigError

from bookbuild.editions import formulas
from bookbuild.sources import messages, toc

# The link's text, in its own language, and the BCP 47 tag of each language.
NAMES = {"en": "English", "zh_CN": "中文"}
# The link-preview image of the other editions (in html_static_path, _assets/).
PREVIEW = "logo.png"
# Pages Sphinx generates in every edition, which link to each other too.
GENERATED = {"search", "genindex"}
# jieba's user dictionary of an edition: the book's words ("word frequency tag").
SEARCH_WORDS = "search-words.txt"


def tag(language: str) -> str:
    """BCP 47 (``zh-CN``) from a Sphinx language code (``zh_CN``)."""
    return language.replace("_", "-")


def folder(config) -> str:
    """The edition's folder in the site ("" for the root edition, "zh/" ...)."""
    editions = config.book_editions
    if config.language not in editions:
        raise ConfigError(f"language {config.language!r} is not in book_editions {editions}")
    return editions[config.language]


def reader_notebooks(config) -> str:
    """The folder of the edition's reader notebooks, relative to the source."""
    return "notebooks/" + folder(config)


def edition_addresses(app, config):
    """Put the edition's folder into the addresses bookbuild.publishing derived, the
    edition's search words into the search options, and the book's title in the
    edition's language."""
    words = Path(app.srcdir, "locales", config.language, SEARCH_WORDS)
    if words.is_file():
        config.html_search_options = {**config.html_search_options, "dict": str(words)}
    here = folder(config)
    if here:
        landing = landing_messages(app, config)
        config.html_title = landing.get(config.html_title, config.html_title)
        config.project = config.html_title
        config.html_baseurl = config.html_baseurl + here
        config.ogp_site_url = config.ogp_site_url + here
        config.notfound_urls_prefix = config.notfound_urls_prefix + here
        # No drawn link-preview cards: their font (Roboto Flex) has no Chinese
        # glyphs, so every title would be drawn as boxes. The book's mark instead.
        config.ogp_social_cards = {**config.ogp_social_cards, "enable": False}
        config.ogp_image = config.ogp_site_url + "_static/" + PREVIEW


def landing_messages(app, config) -> dict[str, str]:
    """The translated messages of the landing page (the root of _toc.yml)."""
    root = toc(Path(app.srcdir))["root"]
    return messages(config.language, root, Path(app.srcdir, "locales"))


def translate_toc_captions(app, doctree):
    """The captions of the table of contents ("Chapters") in the edition's language."""
    if not folder(app.config):
        return
    captions = [node for node in doctree.findall(addnodes.toctree) if node.get("caption")]
    if captions:
        table = landing_messages(app, app.config)
        for node in captions:
            node["caption"] = table.get(node["caption"], node["caption"])


def other_editions(app, pagename, templatename, context, doctree):
    """Link the page to itself in every other edition (the head and the article)."""
    if pagename not in app.env.found_docs and pagename not in GENERATED:
        return  # the 404 page: only the root edition's is served
    config = app.config
    here = folder(config)
    up = "../" * (pagename.count("/") + here.count("/"))
    root = config.html_baseurl.removesuffix(here)
    head, links = [], []
    for language, there in config.book_editions.items():
        address = f"{there}{pagename}.html"
        head.append(f'<link rel="alternate" hreflang="{tag(language)}" href="{root}{address}" />')
        if not there:
            head.append(f'<link rel="alternate" hreflang="x-default" href="{root}{address}" />')
        if language != config.language:
            links.append(
                f'<a href="{up}{address}" hreflang="{tag(language)}" lang="{tag(language)}">'
                f"{html.escape(NAMES.get(language, language))}</a>"
            )
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(head)
    if links and "body" in context:
        context["body"] = (
            '<p class="other-editions">' + " · ".join(links) + "</p>\n" + context["body"]
        )


def setup(app):
    formulas.setup(app)
    app.add_config_value("book_editions", {"en": ""}, "html", types=frozenset({dict}))
    # After bookbuild.publishing (600) has derived the root edition's addresses.
    app.connect("config-inited", edition_addresses, priority=610)
    app.connect("html-page-context", other_editions)
    app.connect("doctree-read", translate_toc_captions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
