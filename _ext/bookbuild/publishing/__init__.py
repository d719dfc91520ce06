"""The published book: one address, and what search engines and link previews see.

The address is derived in one place, from ``repository.url`` in ``_config.yml``:
``https://github.com/OWNER/NAME`` is published by the CI workflow on GitHub Pages
at ``https://owner.github.io/NAME/`` (:func:`pages_url`). From it the build sets

- ``html_baseurl``: every page's canonical link;
- the sitemap's addresses (sphinx-sitemap) and ``robots.txt``, which points at it;
- the 404 page's prefix (sphinx-notfound-page), so that its links and styles
  work at any depth of a missing address;
- Open Graph's ``og:url`` and ``og:image`` (sphinxext-opengraph).

Each page says what it is about in its own metadata, ``description`` (front
matter of a Markdown page, notebook metadata of a chapter): it becomes the page's
``<meta name="description">`` and ``og:description``. A page of the book without
one fails the build (the 404 page and Sphinx's generated pages take the book's).
In another edition the descriptions are translated: they are the messages of the
catalogue ``descriptions`` (``locales/LANGUAGE/LC_MESSAGES/descriptions.po``),
which the gettext builder writes beside the pages' (Sphinx's extraction reads the
text of a page, not its metadata), so ``make translations`` and the catalogue
tests treat it like a page. The footer's licence line (``html.extra_footer`` in
``_config.yml``), configuration too, is a message of the same catalogue.

Sphinx's external-toc extension writes the root ``index.html`` as a bare
``<meta http-equiv="Refresh">``; here it is a small page of its own, with a title,
the language, the favicon (without it the browser asks for ``/favicon.ico``: a
404) and a canonical link to the landing page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ConfigError

from bookbuild.sources import messages


def pages_url(repository_url: str) -> str:
    """The GitHub Pages address of a GitHub repository's project site.

    >>> pages_url("https://github.com/Some-Owner/some-book")
    'https://some-owner.github.io/some-book/'
    >>> pages_url("https://github.com/Owner/owner.github.io")
    'https://owner.github.io/'
    """
    parts = urlsplit(repository_url.rstrip("/"))
    path = [p for p in parts.path.split("/") if p]
    if parts.netloc != "github.com" or len(path) != 2:
        raise ConfigError(
            f"repository.url must read https://github.com/OWNER/NAME; got {repository_url!r}"
        )
    owner, name = path[0].lower(), path[1].removesuffix(".git")
    if name.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{name}/"


def derive_addresses(app, config):
    """Set every address-dependent option from repository.url (config-inited)."""
    repository = config.html_theme_options.get("repository_url", "")
    base = pages_url(repository)
    config.html_baseurl = config.html_baseurl or base
    config.ogp_site_url = base
    config.sitemap_url_scheme = "{link}"  # no language or version folder
    config.notfound_urls_prefix = urlsplit(base).path
    # The book's title (`title` in _config.yml) names the site everywhere: link
    # previews, the root page (Jupyter Book sets html_title, not project).
    if config.html_title:
        config.project = config.html_title


#: The catalogue of the pages' descriptions.
DESCRIPTIONS = "descriptions"


def translated(app, text: str) -> str:
    """``text`` in the edition's language, where ``descriptions.po`` has it."""
    language = app.config.language
    if not language or language == "en":
        return text
    return messages(language, DESCRIPTIONS).get(text, text)


def translate_footer(app, config):
    """The footer (the licences) in the edition's language (config-inited)."""
    footer = config.html_theme_options.get("extra_footer")
    if footer:
        config.html_theme_options = {
            **config.html_theme_options,
            "extra_footer": translated(app, footer),
        }


def describe_page(app, pagename, templatename, context, doctree):
    """Add the page's own description (meta description and og:description)."""
    meta = context.get("meta") or {}
    description = translated(app, meta.get("description") or app.config.book_description)
    if doctree is not None and pagename in app.env.found_docs and "description" not in meta:
        raise ConfigError(
            f"{pagename}: no `description` in its metadata (see bookbuild/publishing)"
        )
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta name="description" content="{html.escape(description)}" />'
    )
    if context.get("meta") is None:
        context["meta"] = {}
    context["meta"]["og:description"] = description
    title = re.sub(r"<[^>]+>", "", html.unescape(context.get("title", "")))
    site = app.config.project
    context["meta"]["og:image:alt"] = title if title == site else f"{title}, {site}"


def write_robots_and_index(app, exception):
    """robots.txt pointing at the sitemap, and the root index.html (build-finished)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    base = app.config.html_baseurl
    (out / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8"
    )
    root = app.config.root_doc
    title = html.escape(app.config.project)
    (out / "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="{(app.config.language or "en").replace("_", "-")}">
<head>
<meta charset="utf-8" />
<title>{title}</title>
<meta name="description" content="{html.escape(translated(app, app.config.book_description))}" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="canonical" href="{base}{root}.html" />
<link rel="icon" href="_static/{Path(app.config.html_favicon or "favicon.svg").name}" />
<meta http-equiv="Refresh" content="0; url={root}.html" />
</head>
<body><p><a href="{root}.html">{title}</a></p></body>
</html>
""",
        encoding="utf-8",
    )


def write_descriptions(app, exception):
    """With the gettext builder: every page's description, and the book's, as
    ``descriptions.pot``."""
    if exception is not None or app.builder.name != "gettext":
        return
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project=app.config.project, fuzzy=False)
    for docname in sorted(app.env.found_docs):
        description = app.env.metadata.get(docname, {}).get("description")
        if description:
            catalog.add(description)
    catalog.add(app.config.book_description)
    footer = app.config.html_theme_options.get("extra_footer")
    if footer:
        catalog.add(footer)
    with (Path(app.outdir) / f"{DESCRIPTIONS}.pot").open("wb") as f:
        write_po(f, catalog, width=76, omit_header=False, no_location=True)


def setup(app):
    app.add_config_value("book_description", "", "html", types=frozenset({str}))
    app.connect("build-finished", write_descriptions)
    app.connect("config-inited", derive_addresses, priority=600)
    app.connect("config-inited", translate_footer, priority=600)
    # Before sphinxext-opengraph (priority 500) reads og:description and looks
    # for an existing meta description.
    app.connect("html-page-context", describe_page, priority=400)
    # Before sphinx-external-toc writes its bare redirect (it keeps an existing one).
    app.connect("build-finished", write_robots_and_index, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
