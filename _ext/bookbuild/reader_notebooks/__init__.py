"""Reader notebooks: each chapter as a plain Jupyter notebook that reads like its web page.

The chapters (``chapters/*.ipynb``) are written in MyST: glue roles for the numbers
in the prose, directives for definitions and exercises, roles for cross-references
and citations, and MathJax macros (``\\KL``) defined only in ``_config.yml``. The
website renders all of that; JupyterLab, GitHub's preview, VS Code and nbviewer
show it as raw source. This module writes, for every chapter, a copy in
``notebooks/`` with plain Markdown and a little HTML that every viewer renders:

- ``{glue:text}`key:.4f``` -> the value stored in the chapter's glue output,
  formatted by myst-nb's own function (the website's text, by construction);
- ``\\KL``, ``\\nats``, ``\\bits`` -> their definitions from ``_config.yml``;
- directives (``prf:*``, ``exercise``, admonitions) -> a Markdown cell of its own
  (its id the directive's label) holding a ``<blockquote>`` with the website's
  numbered title ("Definition 2.1 (Entropy)");
- a solution (``solution-start`` ... ``solution-end``, code cells included) -> one
  Markdown cell folded in ``<details>``, its code and output shown inside;
- ``{doc}``, ``{prf:ref}``, ``{numref}``, ``{ref}`` -> links to the sibling reader
  notebook and the cell (``02_entropy.ipynb#cell-id=def-entropy``: JupyterLab
  and nbconvert both resolve cell ids, JupyterLab even in a notebook it has just
  opened); ``{term}`` -> a link to the chapter's glossary section;
  ``{cite:p}`` -> "(Author, year)" linking to the chapter's reference list;
- a figure's caption (cell metadata) -> a Markdown cell under the figure, whose
  cell takes the figure's name as id; ``hide-input`` cells have their code
  collapsed in JupyterLab.

Stored outputs are kept as they are (the chapter's glue records are dropped: they
are data for the website, not something to show). Anything this module does not
know (a new directive or role) stops the generation with a message, so a reader
never meets raw syntax. The chapters stay the only source:

    python -m bookbuild.reader_notebooks          # (make notebooks) rewrites notebooks/
    python -m bookbuild.reader_notebooks OUT_DIR  # writes elsewhere (the tests compare)
    python -m bookbuild.reader_notebooks OUT_DIR zh_CN  # the Chinese edition's

Another edition's reader notebooks (``notebooks/zh/``, ``book_editions`` in
``_config.yml``) are made the same way from the chapters with their Markdown, figure
captions and glossary entries translated first by the edition's catalogues
(``bookbuild.editions.source``); the glossary's anchors keep their English ids.
"""

from __future__ import annotations

import base64
import copy
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from myst_nb.core.variables import format_plain_text
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from bookbuild.editions.outputs import keep_language
from bookbuild.editions.source import translate
from bookbuild.explorables.words import DOMAIN
from bookbuild.explorables.words import translate as translate_spec
from bookbuild.sources import (
    GLUE_MIME,
    ROLE,
    ROOT,
    VEGALITE_MIME,
    book_editions,
    glued_values,
    messages,
    readable_number,
    split_title,
)
from bookbuild.sources import config as book_config
from bookbuild.sources import toc as book_toc

CHAPTERS = ROOT / "chapters"
#: Where the reader notebooks live (the Binder and download buttons point here).
READER_DIR = ROOT / "notebooks"

PRF_KINDS = {
    "definition": "Definition",
    "theorem": "Theorem",
    "corollary": "Corollary",
    "lemma": "Lemma",
    "proposition": "Proposition",
    "example": "Example",
    "remark": "Remark",
}
ADMONITIONS = {"note", "tip", "important", "warning", "caution", "attention", "hint", "seealso"}
#: Reference pages of the book a chapter links with {doc}: each reader notebook ends
#: with its own section of that page (the terms and works the chapter uses).
BACK_MATTER = {"glossary": "Glossary", "references": "References"}
# The words the generator writes itself, in another edition's language: the numbered
# labels as that edition's website shows them (Sphinx, sphinx-proof and
# sphinx-exercise translate them), the rest to match. The Glossary and References
# headings come from the edition's catalogues (the pages' titles).
WORDS = {
    "zh_CN": {
        "Definition": "定义",
        "Theorem": "定理",
        "Corollary": "推论",
        "Lemma": "引理",
        "Proposition": "命题",
        "Example": "示例",
        "Remark": "备注",
        "Fig.": "图",
        "Exercise": "练习",
        "Proof": "证明",
        "Solution to {}": "{} 的解答",
        "Output:": "输出：",
        "Note": "注",
        "Tip": "提示",
        "Important": "重要",
        "The terms this chapter links to, from the book's glossary.": (
            "本章链接到的术语，取自本书的术语表。"
        ),
        " (also: {})": "（又称：{}）",
    }
}
MD = MarkdownIt("commonmark").use(colon_fence_plugin)


# ------------------------------------------------------------------ the book's data


@dataclass
class Target:
    """Something a reference can point at: a reader notebook, an anchor, its text."""

    notebook: str
    anchor: str
    text: str


@dataclass
class Book:
    """What every chapter's conversion needs: numbers, labels, terms, works, macros."""

    chapters: list[Path]
    titles: dict[str, str] = field(default_factory=dict)  # stem -> "2. Entropy"
    targets: dict[str, Target] = field(default_factory=dict)  # label -> target
    terms: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # name -> entry
    works: dict = field(default_factory=dict)  # bib key -> pybtex entry
    macros: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # an edition's language: translate the sources
    ids: dict[str, str] = field(default_factory=dict)  # shown headword -> anchor id

    words: dict[str, str] = field(default_factory=dict)  # English -> the edition's

    def term_anchor(self, headword: str) -> str:
        return self.ids.get(headword) or term_id(headword)

    def word(self, english: str) -> str:
        """A word the generator writes, in the edition's language."""
        return self.words.get(english, english)


def load_book(root: Path = ROOT, language: str | None = None) -> Book:
    """Read _toc.yml (chapter order and numbers), _config.yml (macros), the glossary,
    the bibliography, and every chapter's labels with the number the website gives;
    for another edition, the glossary's entries in its ``language``."""
    numbered = [
        entry["file"]
        for part in book_toc(root).get("parts", [])
        if part.get("numbered")
        for entry in part.get("chapters", [])
    ]
    book = Book(chapters=[root / (name + ".ipynb") for name in numbered])
    config = book_config(root)
    macros = config["sphinx"]["config"]["mathjax3_config"]["tex"]["macros"]
    translated = config["sphinx"]["config"].get("math_macros_translated", {})
    for name, body in {**macros, **translated.get(language, {})}.items():
        if not isinstance(body, str):
            raise ValueError(f"macro \\{name} takes arguments: expand it by hand here")
        book.macros[name] = body
    book.terms = read_glossary(root / "glossary.md")
    if language:
        book.language = language
        book.words = dict(WORDS.get(language, {}))
        for page, title in BACK_MATTER.items():
            book.words[title] = messages(language, page, root / "locales").get(title, title)
        catalog = messages(language, "glossary", root / "locales")
        shown = {}
        for names, definition in book.terms.values():
            if names[0] not in book.ids.values():
                new = [catalog.get(n, n) for n in names]
                book.ids[new[0]] = term_id(names[0])
                shown[names[0]] = (new, catalog.get(definition, definition))
        book.terms = {name: shown[entry[0][0]] for name, entry in book.terms.items()}
        book.terms.update({names[0]: (names, d) for names, d in shown.values()})
    for bibfile in config["bibtex_bibfiles"]:
        book.works.update(parse_file(root / bibfile).entries)
    for number, path in enumerate(book.chapters, start=1):
        read_labels(book, number, path)
    return book


def read_labels(book: Book, number: int, path: Path) -> None:
    """Number the chapter's figures, prf boxes and exercises as the website does
    ("Fig. 2.1", "Definition 2.1", "Exercise 2.3": a counter per kind and chapter)."""
    nb = nbformat.read(path, as_version=4)
    notebook = path.name
    counters: dict[str, int] = {}

    def add(kind: str, label: str | None) -> None:
        counters[kind] = counters.get(kind, 0) + 1
        if label:
            text = f"{book.word(kind)} {number}.{counters[kind]}"
            book.targets[label] = Target(notebook, label, text)

    for cell in nb.cells:
        if cell.cell_type == "code":
            figure = cell.metadata.get("mystnb", {}).get("figure")
            if figure:
                add("Fig.", figure.get("name"))
            continue
        if cell.source.lstrip().startswith("# "):
            heading = cell.source.lstrip()[2:].splitlines()[0].strip()
            if book.language:
                domain = f"{path.parent.name}/{path.stem}"
                heading = messages(book.language, domain, path.parent.parent / "locales").get(
                    heading, heading
                )
            book.titles.setdefault(path.stem, f"{number}. {heading}")
        for name, _, options, _ in directives(cell.source):
            if name.startswith("prf:") and name[4:] in PRF_KINDS:
                add(PRF_KINDS[name[4:]], options.get("label"))
            elif name == "exercise":
                add("Exercise", options.get("label"))


def read_glossary(path: Path) -> dict[str, tuple[list[str], str]]:
    """The glossary directive of glossary.md: term name -> (all names, definition)."""
    (body,) = [
        b for name, _, _, b in directives(path.read_text(encoding="utf-8")) if name == "glossary"
    ]
    terms: dict[str, tuple[list[str], str]] = {}
    names: list[str] = []
    definition: list[str] = []

    def close():
        if names:
            entry = (list(names), " ".join(definition))
            for name in names:
                terms[name] = entry

    for line in body.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            definition.append(line.strip())
        else:
            if definition:
                close()
                names.clear()
                definition.clear()
            names.append(line.strip())
    close()
    return terms


# ----------------------------------------------------------------- parsing MyST


def directives(text: str) -> list[tuple[str, str, dict[str, str], str]]:
    """Every top-level directive of a Markdown text: (name, argument, options, body)."""
    found = []
    for token in MD.parse(text):
        parsed = as_directive(token)
        if parsed:
            found.append(parsed)
    return found


def as_directive(token) -> tuple[str, str, dict[str, str], str] | None:
    """A ``{name} argument`` fence (``` or :::) as (name, argument, options, body)."""
    if token.type not in ("fence", "colon_fence") or token.level != 0:
        return None
    match = re.match(r"^\{([\w:-]+)\}\s*(.*)$", token.info.strip())
    if not match:
        return None
    lines = token.content.splitlines()
    options = {}
    while lines and re.match(r"^:[\w-]+:", lines[0]):
        key, _, value = lines.pop(0)[1:].partition(":")
        options[key] = value.strip()
    return match.group(1), match.group(2).strip(), options, "\n".join(lines).strip("\n")


def blocks(text: str) -> list[tuple[str, object]]:
    """A Markdown text cut into ("text", str) runs and ("directive", parsed) blocks."""
    lines = text.splitlines()
    out: list[tuple[str, object]] = []
    done = 0
    for token in MD.parse(text):
        parsed = as_directive(token)
        if not parsed:
            continue
        start, end = token.map
        if start > done:
            out.append(("text", "\n".join(lines[done:start])))
        out.append(("directive", parsed))
        done = end
    if done < len(lines):
        out.append(("text", "\n".join(lines[done:])))
    return out


# --------------------------------------------------------------- one chapter


class Chapter:
    """The conversion of one chapter: its glue values, and the terms and works it
    links, collected for the glossary and reference sections at its end."""

    def __init__(self, book: Book, path: Path):
        self.book = book
        self.path = path
        self.nb = nbformat.read(path, as_version=4)
        self.keep_language(book.language)
        if book.language:
            catalog = messages(book.language, f"{path.parent.name}/{path.stem}", ROOT / "locales")
            for cell in self.nb.cells:
                figure = cell.metadata.get("mystnb", {}).get("figure")
                if cell.cell_type == "markdown":
                    cell.source = translate(cell.source, catalog)
                elif figure and figure.get("caption"):
                    figure["caption"] = translate(figure["caption"], catalog)
            translate_figures(self.nb, messages(book.language, DOMAIN, ROOT / "locales"))
        self.glue = glued_values(self.nb)
        self.terms: list[str] = []  # headwords, in order of first use
        self.works: list[str] = []  # bib keys, in order of first citation
        self.sections: set[str] = set()  # back-matter sections linked by {doc}

    def keep_language(self, language: str | None) -> None:
        """Figures and printed lines in the edition's language only (the chapter
        stores every language: infolib.i18n); in another edition, the set-up cell
        asks for that language, so that a reader who re-runs it gets the same."""
        style = "use_book_style()"
        calls = 0
        for cell in self.nb.cells:
            if cell.cell_type != "code":
                continue
            cell.outputs = [nbformat.from_dict(keep_language(o, language)) for o in cell.outputs]
            if language and style in cell.source:
                cell.source = cell.source.replace(style, f'use_book_style(language="{language}")')
                calls += 1
        if language and calls != 1:
            raise ValueError(f"{self.path.name}: {style} must be called once, in the set-up cell")

    # ---- inline: roles and macros

    def inline(self, text: str) -> str:
        """Roles and macros of a run of Markdown (code fences left alone)."""
        parts = re.split(r"(^```.*?^```[ \t]*$)", text, flags=re.M | re.S)
        return "".join(
            p if i % 2 else self.math(ROLE.sub(self.role, p)) for i, p in enumerate(parts)
        )

    def math(self, text: str) -> str:
        for name, body in self.book.macros.items():
            text = re.sub(rf"\\{name}(?![A-Za-z])", lambda _m, b=body: b, text)
        return text

    def role(self, match: re.Match) -> str:
        name, content = match.groups()
        if name == "glue:text" or name == "glue":
            key, _, fmt = content.rpartition(":") if ":" in content else (content, "", "")
            if key not in self.glue:
                raise KeyError(f"{self.path.name}: no glued value {key!r}")
            return readable_number(format_plain_text(self.glue[key], fmt))
        text, target = split_title(content)
        if name == "doc":
            stem = Path(target).name
            if stem in BACK_MATTER:  # the book's page -> this notebook's own section
                self.sections.add(stem)
                return f"[{text or self.book.word(BACK_MATTER[stem])}](#{stem})"
            if stem not in self.book.titles:
                raise KeyError(f"{self.path.name}: {{doc}} to {target!r}, not a chapter")
            return f"[{text or self.book.titles[stem]}]({stem}.ipynb)"
        if name in ("prf:ref", "numref", "ref"):
            if target not in self.book.targets:
                raise KeyError(f"{self.path.name}: no numbered label {target!r}")
            where = self.book.targets[target]
            notebook = "" if where.notebook == self.path.name else where.notebook
            href = f"{notebook}#cell-id={target}"  # the box's or figure's own cell
            return f"[{text or where.text}]({href})"
        if name == "term":
            if target not in self.book.terms:
                raise KeyError(f"{self.path.name}: {target!r} is not in the glossary")
            headword = self.book.terms[target][0][0]
            if headword not in self.terms:
                self.terms.append(headword)
            return f"[{text or target}](#{self.book.term_anchor(headword)})"
        if name == "cite:p":
            keys = [k.strip() for k in content.split(",")]
            for key in keys:
                if key not in self.book.works:
                    raise KeyError(f"{self.path.name}: no work {key!r} in the bibliography")
                if key not in self.works:
                    self.works.append(key)
            return (
                "("
                + "; ".join(f"[{author_year(self.book.works[k])}](#ref-{k})" for k in keys)
                + ")"
            )
        raise ValueError(f"{self.path.name}: no reader form for the role {{{name}}}")

    # ---- blocks: directives

    def markdown(self, text: str) -> str:
        """A whole Markdown text: directives set off, roles and macros resolved."""
        return "\n".join(piece for _, piece in self.pieces(text))

    def pieces(self, text: str) -> list[tuple[str | None, str]]:
        """(label, Markdown) pieces of a text: its runs of prose (label None) and a
        piece per directive (its label, or "" when it has none)."""
        return [
            (None, self.inline(value))
            if kind == "text"
            else (value[2].get("label", ""), self.directive(*value))
            for kind, value in blocks(text)
        ]

    def markdown_cells(self, cell_id: str, text: str) -> list:
        """A chapter's Markdown as reader cells: every box a cell of its own, whose
        id is its label, so that ``NOTEBOOK#cell-id=LABEL`` links land on it in
        JupyterLab (even in a notebook just opened) and in nbconvert's HTML."""
        cells, run = [], []
        ids = iter([cell_id] + [f"{cell_id}-{k}" for k in range(2, 100)])

        def flush():
            prose = "\n".join(run).strip()
            run.clear()
            if prose:
                cells.append(markdown_cell(next(ids), prose))

        for label, piece in self.pieces(text):
            if label is None:
                run.append(piece)
            else:
                flush()
                cells.append(markdown_cell(label or next(ids), piece))
        flush()
        return cells

    def directive(self, name: str, arg: str, options: dict[str, str], body: str) -> str:
        label = options.get("label")
        if name.startswith("prf:") and name[4:] in PRF_KINDS:
            title = self.book.targets[label].text if label else self.book.word(PRF_KINDS[name[4:]])
            title += f" ({self.inline(arg)})" if arg else ""
        elif name == "prf:proof":
            title = self.book.word("Proof")
        elif name == "exercise":
            title = self.book.targets[label].text
        elif name == "admonition":
            title = self.inline(arg)
        elif name in ADMONITIONS:
            title = self.book.word(name.capitalize())
        else:
            raise ValueError(f"{self.path.name}: no reader form for the directive {{{name}}}")
        return boxed(title, self.markdown(body))

    # ---- cells

    def cells(self) -> list:
        """The reader notebook's cells, in the chapter's order."""
        out: list = []
        solution: list[str] | None = None
        title = ""
        for cell in self.nb.cells:
            if cell.cell_type == "markdown":
                pending: list[str] = []
                done = False  # a solution ended in this cell: what follows gets new ids
                for kind, value in blocks(cell.source):
                    name = value[0] if kind == "directive" else ""
                    if name == "solution-start":
                        out += self.markdown_cells(cell.id, "\n".join(pending))
                        pending, solution = [], []
                        number = self.book.targets[value[1]].text
                        title = self.book.word("Solution to {}").format(number)
                    elif name == "solution-end":
                        solution.append(self.markdown("\n".join(pending)))
                        out.append(markdown_cell(cell.id + "-solution", folded(title, solution)))
                        pending, solution, done = [], None, True
                    else:
                        pending.append(value if kind == "text" else directive_source(value))
                if solution is not None:
                    solution.append(self.markdown("\n".join(pending)))
                else:
                    out += self.markdown_cells(cell.id + "-end" * done, "\n".join(pending))
            elif cell.cell_type == "code":
                if solution is not None:
                    solution.append(code_as_markdown(cell, self.book.word("Output:")))
                    continue
                out.append(reader_code_cell(cell))
                figure = cell.metadata.get("mystnb", {}).get("figure")
                if figure:  # the figure's cell takes its name, for links; then its caption
                    out[-1].id = figure["name"]
                    number = self.book.targets[figure["name"]].text
                    caption = f"**{number}** {self.inline(figure['caption'])}"
                    out.append(markdown_cell(figure["name"] + "-caption", caption))
            else:
                out.append(copy.deepcopy(cell))
        if solution is not None:
            raise ValueError(f"{self.path.name}: a solution-start without its solution-end")
        out += self.back_matter()
        return out

    def back_matter(self) -> list:
        """The glossary entries and the works this chapter links to, as its last cells."""
        cells = []
        if self.terms or "glossary" in self.sections:
            entries, i = [], 0
            while i < len(self.terms):  # definitions may link further terms: closure
                names, definition = self.book.terms[self.terms[i]]
                also = self.book.word(" (also: {})").format(", ".join(names[1:]))
                also = also if names[1:] else ""
                anchor = f'<a id="{self.book.term_anchor(names[0])}"></a>'
                entries.append(f"{anchor}**{names[0]}**{also}. {self.inline(definition)}")
                i += 1
            text = (
                f'## <a id="glossary"></a>{self.book.word("Glossary")}\n\n'
                + self.book.word("The terms this chapter links to, from the book's glossary.")
                + "\n\n"
            )
            cells.append(markdown_cell("reader-glossary", text + "\n\n".join(entries)))
        if self.works or "references" in self.sections:
            style = find_plugin("pybtex.style.formatting", "plain")()
            keys = sorted(self.works, key=lambda k: author_year(self.book.works[k]))
            entries = []
            for key in keys:
                (formatted,) = style.format_entries([self.book.works[key]])
                text = formatted.text.render_as("markdown")
                entries.append(f'- <a id="ref-{key}"></a>{text}')
            cells.append(
                markdown_cell(
                    "reader-references",
                    f'## <a id="references"></a>{self.book.word("References")}\n\n'
                    + "\n".join(entries),
                )
            )
        return cells

    def notebook(self) -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(self.nb.metadata))
        nb.nbformat_minor = self.nb.nbformat_minor
        nb.cells = self.cells()
        nb.metadata["reader_notebook"] = {
            "source": f"chapters/{self.path.name}",
            "generator": "bookbuild.reader_notebooks (make notebooks); edit the source instead",
        }
        nbformat.validate(nb)
        return nb


# ------------------------------------------------------------------ small helpers


def is_glue(output) -> bool:
    return GLUE_MIME in output.get("data", {})


def term_id(name: str) -> str:
    return "term-" + re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")


def author_year(entry) -> str:
    """ "Shannon, 1948", "Cover and Thomas, 2006", "Goodfellow et al., 2016"."""
    last = [" ".join(p.last_names) for p in entry.persons["author"]]
    names = (
        last[0] if len(last) == 1 else " and ".join(last) if len(last) == 2 else last[0] + " et al."
    )
    return f"{names}, {entry.fields['year']}"


def boxed(title: str, body: str) -> str:
    """A set-off block every viewer renders: an HTML blockquote around Markdown."""
    return f"<blockquote>\n\n**{title}**\n\n{body}\n\n</blockquote>\n"


def folded(title: str, parts: list[str]) -> str:
    body = "\n\n".join(p.strip() for p in parts if p.strip())
    return f"<details>\n<summary><b>{title}</b></summary>\n\n{body}\n\n</details>"


def directive_source(parsed) -> str:
    """A parsed directive written back as MyST (to be converted with its neighbours)."""
    name, arg, options, body = parsed
    opts = "".join(f":{k}: {v}\n" for k, v in options.items())
    return f"```{{{name}}} {arg}".rstrip() + f"\n{opts}{body}\n```\n"


def code_as_markdown(cell, label: str = "Output:") -> str:
    """A solution's code cell shown inside its fold: the code, then its visible output
    (under ``label``, in the edition's language)."""
    parts = [f"```python\n{cell.source}\n```"]
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(f"*{label}*\n\n```text\n{out.text.rstrip()}\n```")
        elif is_glue(out):
            continue
        elif set(out.get("data", {})) == {"text/plain"}:
            parts.append(f"*{label}*\n\n```text\n{out.data['text/plain'].rstrip()}\n```")
        else:
            raise ValueError(
                f"a solution's output of kind {sorted(out.get('data', {}))}: add a reader form"
            )
    return "\n\n".join(parts)


def translate_figures(nb, catalog: dict[str, str]) -> None:
    """The figures' words in the edition's language, as on its website
    (bookbuild.explorables, catalogue ``figures``): every alt text, and an explorable's
    spec (labels, legends, readout) and fallback sentence."""
    for cell in nb.cells:
        image = cell.metadata.get("mystnb", {}).get("image", {})
        if image.get("alt") in catalog:
            image["alt"] = catalog[image["alt"]]
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGALITE_MIME in data:
                data[VEGALITE_MIME] = translate_spec(data[VEGALITE_MIME], catalog)
                for kind in ("text/markdown", "text/plain"):
                    data[kind] = catalog.get(data.get(kind), data.get(kind))


def reader_code_cell(cell):
    out = copy.deepcopy(cell)
    out.outputs = [o for o in out.outputs if not is_glue(o)]
    alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
    for output in out.outputs:
        svg = output.get("data", {}).get("image/svg+xml")
        if svg and "text/html" not in output.data:
            output.data["text/html"] = svg_as_html(svg, alt)
    if "hide-input" in out.metadata.get("tags", []):
        out.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return out


def svg_as_html(svg: str, alt: str) -> str:
    """An SVG figure as an <img>: JupyterLab shows no SVG output in a notebook it does
    not trust (every notebook a reader opens), but it shows sanitised HTML, and an
    SVG inside an <img> runs nothing. The figure's alt text comes along."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}"/>'


def markdown_cell(cell_id: str, text: str):
    cell = nbformat.v4.new_markdown_cell(re.sub(r"\n{3,}", "\n\n", text.strip()))
    cell.id = re.sub(r"[^A-Za-z0-9_-]", "-", cell_id)[:64]
    return cell


# ------------------------------------------------------------------------- entry


def generate(
    out_dir: Path = READER_DIR, root: Path = ROOT, language: str | None = None
) -> list[Path]:
    """Write every chapter's reader notebook into ``out_dir`` (in ``language``, for
    another edition); return their paths."""
    book = load_book(root, language)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in book.chapters:
        target = out_dir / path.name
        target.write_text(nbformat.writes(Chapter(book, path).notebook()) + "\n", encoding="utf-8")
        written.append(target)
    return written


def editions(root: Path = ROOT) -> dict[str, str]:
    """Every edition but the root one: language -> its reader notebooks' folder."""
    return {lang: "notebooks/" + folder for lang, folder in book_editions(root).items() if folder}
