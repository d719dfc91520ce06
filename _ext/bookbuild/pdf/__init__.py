"""The book as a PDF: what Sphinx's LaTeX builder needs to typeset it like the site.

``make pdf`` builds each edition with Sphinx's ``latex`` builder (through
``python -m bookbuild.pdf``, ``__main__.py``) and XeLaTeX (latexmk). This extension
(``bookbuild.pdf`` in ``_config.yml``) does nothing in an HTML build; in a LaTeX one:

- **numbers as on the site**: sphinx-jupyterbook-latex numbers boxes within sections
  once the toc has parts ("Definition 2.2.1"); ``numfig_secnum_depth`` goes back to 1
  for the boxes ("Definition 2.1", "Exercise 2.3"), and ``bookpdf.sty`` has LaTeX
  number figures, tables and equations per chapter ("Fig. 2.1"), as the website does;
- **the reference part as appendices** A, B, ...: ``\\appendix`` before the last part
  of ``_toc.yml`` (whatever its caption), so chapters added later keep 1, 2, ...;
- **box labels in the edition's language**: sphinx-proof writes "Definition",
  "Theorem", "Proof" in English into LaTeX; here its own translations (定义, 定理),
  and the book's for what it lacks (证明, catalogue ``pdf``), as on the Chinese
  website; sphinx-exercise translates its own (练习, 解答); the parts' captions
  ("Chapters", "Reference") are the landing page's, translated;
- **the macros once**: ``\\KL``, ``\\nats``, ``\\bits`` are the site's MathJax macros
  (``mathjax3_config``, with ``math_macros_translated``, ``bookbuild.formulas``)
  written as ``\\newcommand``, so no formula is defined twice;
- **the title page**: the edition's title, the credit to the source article
  (``CITATION.cff``'s reference), the licence line of the site's footer (in the
  edition's language, ``descriptions.po``), the version and date; A4;
- **a Chinese typeface** (``bookpdf.sty``: xeCJK, Noto Serif/Sans CJK SC) in both
  editions, the chapter and appendix heads, "Contents", in the edition's words;
- the figures' SVG converted to PDF by CairoSVG (``sphinxcontrib.cairosvgconverter``),
  and the explorables printed as their fallback sentence (their static figure is
  the figure above them); the code folded on the site (``hide-input``) is left out,
  as sphinx-jupyterbook-latex does: a reader of the PDF wants the figure; the code
  that teaches (shown on the site) is printed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from bookbuild.editions import folder, landing_messages
from bookbuild.editions.theme import catalogue
from bookbuild.sources import ROOT, messages

HERE = Path(__file__).parent
#: The LaTeX files beside this module, copied into the LaTeX output folder.
STYLES = ("bookpdf.sty", "bbm.sty")
#: The file Sphinx writes (then book.pdf): _build/pdf/LANGUAGE/latex/book.tex.
TEX = "book.tex"

#: The words of the printed frame (the rest is the book's text, translated page by
#: page): in another edition, the messages of the catalogue ``pdf``
#: (``locales/LANGUAGE/LC_MESSAGES/pdf.po``), which the gettext build writes as
#: ``pdf.pot`` so ``make translations`` and the lag report treat it like a page's.
DOMAIN = "pdf"
CHAPTER = "Chapter {}"
APPENDIX = "Appendix {}"
CONTENTS = "Contents"
BIBLIOGRAPHY = "Bibliography"
AFTER = "Following the Chinese blog post"
VERSION = "Version"
#: The site's download entry (bookbuild.pdf.site).
DOWNLOAD = "Download the whole book (PDF)"
#: Box labels sphinx-proof's own catalogue leaves in English (its Chinese has no
#: "Proof"); the Chinese website says 证明.
LABELS = ["Proof"]
WORDS = [CONTENTS, BIBLIOGRAPHY, CHAPTER, APPENDIX, AFTER, VERSION, DOWNLOAD, *LABELS]


def translator(app):
    """The frame's words in the edition's language (English where untranslated)."""
    language = app.config.language
    table = messages(language, DOMAIN, Path(app.srcdir, "locales")) if language != "en" else {}
    return lambda word: table.get(word, word)


def latex_macros(macros: dict) -> str:
    r"""MathJax macros (``{"KL": "D_{\\mathrm{KL}}"}``, or ``[body, n]`` with
    arguments) as LaTeX definitions.

    >>> print(latex_macros({"KL": "D_{\\mathrm{KL}}", "pair": ["(#1, #2)", 2]}))
    \providecommand{\KL}{}\renewcommand{\KL}{D_{\mathrm{KL}}}
    \providecommand{\pair}{}\renewcommand{\pair}[2]{(#1, #2)}
    """
    lines = []
    for name, body in macros.items():
        arity = ""
        if isinstance(body, list):
            body, count = body[0], body[1]
            arity = f"[{count}]"
        lines.append(rf"\providecommand{{\{name}}}{{}}\renewcommand{{\{name}}}{arity}{{{body}}}")
    return "\n".join(lines)


def escape(text: str) -> str:
    r"""Plain text for LaTeX.

    >>> print(escape("CC BY-SA 4.0 & MIT_1"))
    CC BY-SA 4.0 \&{} MIT\_{}1
    """
    specials = {c: "\\" + c + "{}" for c in "&%$#_{}"}
    specials.update(
        {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
    )
    return "".join(specials.get(c, c) for c in text)


def html_to_latex(fragment: str) -> str:
    r"""The footer's licence line (a little HTML: links, paragraphs) as LaTeX.

    >>> print(html_to_latex('<p class="x">Text: <a href="https://a.b/c_d">CC BY</a>.</p>'))
    Text: \href{https://a.b/c_d}{CC BY}.
    """
    parts, at = [], 0
    for link in re.finditer(r'<a href="([^"]+)">(.*?)</a>', fragment):
        parts.append(escape(re.sub(r"<[^>]+>", "", fragment[at : link.start()])))
        url = re.sub(r"([%#])", r"\\\1", link.group(1))
        parts.append(rf"\href{{{url}}}{{{escape(link.group(2))}}}")
        at = link.end()
    parts.append(escape(re.sub(r"<[^>]+>", "", fragment[at:])))
    return " ".join("".join(parts).split())


def source_credit(root: Path = ROOT) -> str:
    """The source article's title, from ``CITATION.cff``'s references."""
    import yaml

    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    return cff["references"][0]["title"]


def version(root: Path = ROOT) -> str:
    import yaml

    return str(yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))["version"])


def title_page(app, config) -> str:
    """``\\sphinxmaketitle`` for the edition: title, credit, licence, version."""
    said = translator(app)
    # The author as the site's footer names them (the theme catalogue).
    author = config.author
    if folder(config):
        author = catalogue(config.language).get(author, author)
    footer = config.html_theme_options.get("extra_footer", "")
    if footer and config.language != "en":
        footer = messages(config.language, "descriptions", Path(app.srcdir, "locales")).get(
            footer, footer
        )
    return rf"""\renewcommand{{\sphinxmaketitle}}{{%
  \begin{{titlepage}}\centering\sffamily
  \vspace*{{0.22\textheight}}
  {{\Huge\bfseries {escape(config.project)}\par}}
  \vspace{{2em}}{{\Large {escape(author)}\par}}
  \vspace{{3em}}{{\large {escape(said(AFTER))} 《{escape(source_credit(Path(app.srcdir)))}》\par}}
  \vfill
  {{\small {html_to_latex(footer)}\par}}
  \vspace{{1em}}{{\small {escape(said(VERSION))} {escape(version(Path(app.srcdir)))},
  \csname @date\endcsname\par}}
  \end{{titlepage}}%
  \setcounter{{page}}{{2}}}}"""


def configure_latex(app, config):
    """The LaTeX settings that depend on the edition (after bookbuild.editions has
    set the edition's title, priority 610)."""
    from bookbuild.formulas import edition_macros

    said = translator(app)
    # SVG goes through CairoSVG (latex_only), not ImageMagick's convert, which
    # sphinx-jupyterbook-latex would load (and which needs ImageMagick).
    config.jblatex_load_imgconverter = False
    # No module or proof index (the site has none either: html_domain_indices);
    # the general index of glossary terms stays.
    config.latex_domain_indices = False
    chapter, appendix = (
        "#1".join(escape(p) for p in said(w).split("{}")).replace(" ", "~")
        for w in (CHAPTER, APPENDIX)
    )
    config.latex_additional_files = [
        *config.latex_additional_files,
        *(str(HERE / name) for name in STYLES),
    ]
    elements = dict(config.latex_elements)
    elements.update(
        papersize="a4paper",
        # One-sided, chapters on the next page: no blank pages on a tablet.
        classoptions=",openany,oneside",
        # The pages after the contents (the landing page's text) have no running
        # chapter name, not "Contents".
        tableofcontents="\\sphinxtableofcontents\n\\markboth{}{}",
        fncychap="",  # bookpdf.sty's chapter heads, in the edition's words
        # The index small and ragged right: an entry with a long module name
        # ("（在 infolib.arithmetic_coding 模块中）") breaks at its spaces instead
        # of running into the margin of its narrow column.
        printindex="\\footnotesize\\raggedright\\printindex",
        maketitle=title_page(app, config) + "\n\\sphinxmaketitle",
        preamble=elements.get("preamble", "")
        + "\n"
        + rf"\newcommand{{\bookchapterhead}}[1]{{{chapter}}}"
        + "\n"
        + rf"\newcommand{{\bookappendixhead}}[1]{{{appendix}}}"
        + "\n\\usepackage{bookpdf}\n"
        + latex_macros(edition_macros(config))
        + "\n"
        + rf"\AtBeginDocument{{\renewcommand{{\contentsname}}{{{escape(said(CONTENTS))}}}"
        + rf"\renewcommand{{\bibname}}{{{escape(said(BIBLIOGRAPHY))}}}}}"
        + "\n",
    )
    config.latex_elements = elements


def latex_only(app):
    """Set up what only the LaTeX builder uses (after sphinx-jupyterbook-latex)."""
    if app.builder.format != "latex":
        return
    # The site's numbering: "Definition 2.1", not sphinx-jupyterbook-latex's 2.2.1
    # (the boxes' numbers are the environment's; LaTeX numbers figures and
    # equations itself, per chapter: bookpdf.sty).
    app.config.numfig_secnum_depth = 1
    app.setup_extension("sphinxcontrib.cairosvgconverter")
    for name in STYLES:
        shutil.copyfile(HERE / name, Path(app.outdir) / name)


def name_the_document(app, env):
    """One document from the toc's root, ``book.tex``, with the edition's title.
    Here, not at ``config-inited``: Jupyter Book sets ``latex_documents`` (with the
    English title of ``_config.yml``) after Sphinx has started; the builder reads
    it when it writes."""
    if app.builder.format == "latex":
        config = app.config
        document = (config.root_doc, TEX, config.project, config.author, config.latex_theme)
        config.latex_documents = [document]


class Parts(SphinxPostTransform):
    """The parts sphinx-jupyterbook-latex makes of the toc's captions: their titles
    in the edition's language (it takes the captions before Sphinx translates
    them), and ``\\appendix`` before the last part, so the reference pages become
    appendices A, B, ... after the numbered chapters, however many there are."""

    default_priority = 900  # after sphinx-jupyterbook-latex made the parts
    formats = ("latex",)

    def apply(self, **kwargs):
        if self.env.docname != self.config.root_doc:
            return
        sitemap = getattr(self.config, "external_site_map", None)
        if sitemap is None:
            return
        captions = {t.caption for t in sitemap.root.subtrees if t.caption}
        parts = [
            node
            for node in self.document.findall(nodes.section)
            if node.parent is not None
            and node.parent.tagname == "start_of_file"
            and node.get("docname") in captions
        ]
        table = landing_messages(self.app, self.config) if folder(self.config) else {}
        for part in parts:
            title = part.next_node(nodes.title)
            caption = title.astext()
            title.replace_self(nodes.title(text=table.get(caption, caption)))
        if len(parts) > 1:
            last = parts[-1].parent
            appendix = "\\appendix\\let\\bookchapterhead\\bookappendixhead\n"
            last.parent.insert(last.parent.index(last), nodes.raw("", appendix, format="latex"))


def translate_box_labels(app):
    """sphinx-proof's box labels in the edition's language in LaTeX too, with its
    own translations (the Chinese website's 定义, 定理, 证明)."""
    if app.builder.format != "latex":
        return
    import sphinx_proof.nodes as proof

    said = translator(app)

    def translated(depart):
        def depart_translated(self, node):
            depart(self, node)
            start = proof.list_rindex(self.body, proof.latex_admonition_start) + 2
            label = node.attributes.get("realtype", "").title()
            if label and self.body[start].startswith(label):
                word = said(label) if label in LABELS else proof._(label)
                self.body[start] = word + self.body[start][len(label) :]

        return depart_translated

    handlers = [
        (node, proof.visit_enumerable_node, proof.depart_enumerable_node)
        for node in proof.NODE_TYPES.values()
    ]
    handlers.append(
        (proof.unenumerable_node, proof.visit_unenumerable_node, proof.depart_unenumerable_node)
    )
    for node, visit, depart in handlers:
        app.registry.add_translation_handlers(node, latex=(visit, translated(depart)))


def write_messages(app, exception):
    """With the gettext builder: the frame's words as ``pdf.pot``."""
    if exception is not None or app.builder.name != "gettext":
        return
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project=app.config.project, fuzzy=False)
    for word in WORDS:
        catalog.add(word)
    with (Path(app.outdir) / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, catalog, width=76, omit_header=False, no_location=True)


def escaped_glued_text(app, doctree, docname):
    """In the PDF, a glued text is escaped for LaTeX like any other: myst-nb pastes
    it as a node the LaTeX writer passes through, so a backtick (the character pair
    "f`" of chapter 7) came out as XeLaTeX's opening quote in the Chinese edition."""
    if app.builder.format != "latex":
        return
    from sphinx.util.texescape import escape

    for node in list(doctree.findall(nodes.inline)):
        if "pasted-text" in node["classes"] and "`" in node.astext():
            node.children = [nodes.raw("", escape(node.astext()), format="latex")]


def setup(app):
    app.connect("build-finished", write_messages)
    app.connect("doctree-resolved", escaped_glued_text)
    # After bookbuild.editions (610): the edition's title is set.
    app.connect("config-inited", configure_latex, priority=620)
    # After sphinx-jupyterbook-latex's own builder-inited (500).
    app.connect("builder-inited", latex_only, priority=600)
    app.connect("builder-inited", translate_box_labels, priority=600)
    app.connect("env-updated", name_the_document)
    app.add_post_transform(Parts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
