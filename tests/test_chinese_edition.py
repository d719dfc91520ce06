"""No English on a Chinese page: what a reader of the Chinese edition reads, scanned.

Every page of the Chinese site (its text, printed outputs, alt text and the other
attributes a reader or a screen reader meets, the words inside formulas, the
figures' SVG, whose strings Matplotlib keeps in comments) and every Chinese reader
notebook (Markdown, printed outputs, figures) is searched for Latin words. Allowed:
code (code cells and inline code), formulas' symbols, the words of :data:`ALLOWED`
(proper names, symbols and units written as symbols, the names of programs and
formats), and the docstrings of the API page. Also: the space beside a link
follows the mainland convention (中文文案排版指北): a space between a Chinese
character and a link whose visible text begins (or ends) there with a Latin letter
or a digit, as between Chinese and any Latin word or number; none between a Chinese
character and a link whose text begins (or ends) there with a Chinese character.
"""

from __future__ import annotations

import html.parser
import re
from collections import Counter
from pathlib import Path

import pytest

from bookbuild.editions.lag import TEXT, behind
from bookbuild.editions.theme import PROSE_FIELDS
from helpers.book import EDITIONS, HTML, NO_SITE, ROOT, load, source

ZH = HTML / EDITIONS["zh_CN"].strip("/") if "zh_CN" in EDITIONS else None
# Every page but the index of the API's names (genindex: names in code).
PAGES = (
    sorted(p for p in ZH.rglob("*.html") if "_static" not in p.parts and p.name != "genindex.html")
    if ZH
    else []
)
READERS = sorted((ROOT / "notebooks" / EDITIONS.get("zh_CN", "zh/")).glob("*.ipynb"))

#: Latin words a Chinese page may show (compared case-sensitively).
ALLOWED = {
    # people and works named in the text, and the other edition's name
    "Shannon", "Kraft", "McMillan", "Huffman", "Gibbs", "Jensen", "Pinsker", "Cover",
    "Thomas", "MacKay", "Goodfellow", "Bengio", "Courville", "Bishop", "Murphy",
    "English", "Wikipedia",
    # chapter 6's authors: proper scoring rules, calibration, label smoothing, distillation
    "Brier", "Gneiting", "Raftery", "Guo", "Szegedy", "Hinton", "Vinyals", "Dean", "Kornblith",
    # the source article's own words, quoted with its title ("关于交叉熵在 loss 函数中使用的理解")
    "loss", "Kullback", "Leibler", "Kullback-Leibler",
    # symbols and their names as formulas and code write them
    "KL", "ln", "log", "log2", "exp", "max", "min", "argmax", "softmax", "sigmoid",
    "logit", "logits", "sigma", "delta", "nan", "inf", "hat", "NLL", "MSE", "CE",
    "log-sum-exp", "Pr",
    # units written as symbols
    "KiB",
    # keys of the keyboard
    "Tab", "Home", "End",
    # programs, formats, services
    "infolib", "NumPy", "SciPy", "Python", "Matplotlib", "Jupyter", "JupyterLab",
    "Binder", "GitHub", "Vega", "PDF", "API", "SVG", "HTML", "float64", "Ctrl", "md",
    "pdf", "ipynb", "PyTorch", "Keras", "scikit-learn", "MyST", "JavaScript", "Chromium",
    # chapter 7: the compressors, the text's sources, the coders' authors
    "zlib", "bz2", "lzma", "Sphinx", "Witten", "Bell", "Neal", "Cleary", "Burrows", "Wheeler",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z]+)*")
HAN = "\u3400-\u9fff"
MATH = re.compile(r"\$[^$]*\$")


# Not words: names in code (infolib.entropy, cross_entropy_with_logits), addresses.
CODE_NAME = re.compile(r"\b\w+(?:[._]\w+)+(?:\(\))?|\b\w+\(\)|https?://\S+|doi:\S+")
# The English name a Chinese term is given with, as Chinese books do: 独热（one-hot）,
# and the glossary's "英文 cross-entropy。".
GLOSS = re.compile(f"([{HAN}] ?[*_\\]]*)（[A-Za-z][^（）{HAN}]*(?:，[^（）]*)?）|英文 [^。\n]*")


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` a Chinese reader should not meet: two letters or
    more, not in :data:`ALLOWED` (single letters are symbols: p, q, H), not a name
    in code, not the English name given beside a Chinese term."""
    text = CODE_NAME.sub(" ", GLOSS.sub(lambda m: (m.group(1) or "") + " ", text))
    return [w for w in WORD.findall(text) if not _allowed(w)]


def _allowed(word: str) -> bool:
    """A symbol (one letter; all capitals: KL, MSE, a string of code symbols), an
    allowed word, or a compound of those (KL-H)."""
    if word in ALLOWED or word.isupper() or sum(c.isalpha() for c in word) < 2:
        return True
    parts = re.split(r"[-']", word)
    return len(parts) > 1 and all(_allowed(p) for p in parts)


class Page(html.parser.HTMLParser):
    """The text a reader reads on a built page, code and formulas' symbols aside:
    ``texts`` (text and attributes), and the places where a link is spaced against
    Chinese typography (``spaced_links``): a space between a Chinese character and
    the Chinese character a link's text begins or ends with, or no space between a
    Chinese character and the Latin letter or digit it begins or ends with."""

    # (a formula: its SVG, and its MathML for screen readers, whose <mtext> is read)
    SKIP = {"script", "style", "code", "kbd", "svg", "noscript", "mjx-assistive-mml"}
    ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
    # Where a run of text ends: the whitespace between blocks is not a space in text.
    BLOCKS = {"p", "li", "ul", "ol", "div", "nav", "section", "h1", "h2", "h3", "h4",
              "dt", "dd", "dl", "td", "th", "tr", "table", "figure", "figcaption",
              "blockquote", "pre", "details", "summary", "body", "header", "footer"}  # fmt: skip
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}

    def __init__(self, api: bool = False):
        super().__init__(convert_charrefs=True)
        self.api = api  # on the API page, the docstrings (autodoc's output) stay English
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []  # the text, in order (one run: words split by tags)
        self.attributes: list[str] = []
        self.docstrings = False
        self.spaced_links: list[str] = []
        self.recent = ""  # the text just before, to see what a link follows
        self.link: str | None = None  # the text of the link being read
        self.link_before = ""  # the text just before that link

    def text(self) -> str:
        """The page's text and attributes, as one string to scan."""
        return "".join(self.texts) + "\n" + "\n".join(self.attributes)

    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.recent = ""
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if self.api and (attrs.get("id") or "").startswith("module-"):
            self.docstrings = True
        skip = (
            tag in self.SKIP
            or "cell_input" in classes  # a code cell's source
            or classes & {"citation", "bibtex-citation"}  # works cited: their own titles
            or any(c.startswith("highlight-") for c in classes)
            and "output" not in classes
            or (tag == "a" and "references.html#" in (attrs.get("href") or ""))
            or "headerlink" in classes
            or (self.api and tag == "dl" and "py" in classes)
            or (self.docstrings and tag in ("p", "ul", "ol", "dl", "table", "div"))
        )
        if tag == "mtext":  # the words of a formula are read; its symbols are not
            skip = False
        if not self.skipping() and not skip:
            for name in self.ATTRIBUTES & set(attrs):
                self.attributes.append(attrs[name] or "")
        if skip and not self.skipping():
            self.recent += "\ufffc"  # something skipped (a formula) now stands before what follows
            if self.link is not None:
                self.link += "\ufffc"
        if tag == "a" and not skip and not self.skipping():  # (not a heading's permalink)
            self.link, self.link_before = "", self.recent
        if tag == "mtext" and self.stack:
            self.stack.append((tag, False))
            return
        if tag not in self.VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.recent = ""
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "a" and not self.skipping() and self.link is not None:
            text, self.link = self.link.strip(), None
            if text and _misspaced(self.link_before, text[0]):
                self.spaced_links.append(self.link_before[-3:] + "<a>" + text[:6])
            self.recent = text[-1:] + "</a>"

    def handle_data(self, data):
        inside_mtext = bool(self.stack) and self.stack[-1][0] == "mtext"
        if inside_mtext:
            self.texts.append(f" {data} ")
        elif not self.skipping():
            self.texts.append(data)
            if self.link is not None:
                self.link += data
            elif (
                self.recent.endswith("</a>") and data and _misspaced(data[::-1], self.recent[-5:-4])
            ):
                self.spaced_links.append(self.recent[-5:] + data[:12])
            self.recent = (self.recent + data)[-40:]


def _misspaced(before: str, edge: str) -> bool:
    """Whether a link whose visible text begins with ``edge`` is spaced against the
    convention after the text ``before`` (read backwards for the side after a link):
    a space between Chinese and Chinese, or none between Chinese and Latin or a digit."""
    if re.fullmatch(f"[{HAN}]", edge):
        return bool(re.search(f"[{HAN}]\\s+$", before))
    if re.fullmatch("[A-Za-z0-9]", edge):
        return bool(re.search(f"[{HAN}]$", before))
    return False


def read_page(path: Path) -> Page:
    page = Page(api=path.name == "api.html")
    page.feed(path.read_text(encoding="utf-8"))
    return page


def svg_strings(svg: str) -> list[str]:
    """The strings a Matplotlib figure drew (``svg.fonttype`` path: one comment
    each), formulas between ``$`` left out."""
    return [MATH.sub(" ", s) for s in re.findall(r"<!-- (.*?) -->", svg, re.S)]


def page_figures(path: Path) -> list[Path]:
    found = re.findall(r'<img[^>]+src="([^"]+\.svg)"', path.read_text(encoding="utf-8"))
    return [(path.parent / src).resolve() for src in found if "_images" in src]


@pytest.fixture(scope="module")
def pages():
    if not PAGES:
        pytest.skip(NO_SITE)
    return {p: read_page(p) for p in PAGES}


def test_the_scan_finds_english(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<p>熵 <a href="x">entropy</a> 是 <code>entropy()</code> 的值 '
        '<a href="y">熵</a> 和 <a href="z">KL 散度</a>的<a href="w">熵</a>，'
        '<a href="v">log</a>的 '
        '<img alt="a curve" src="f.svg"><span class="math"><svg><mi>H</mi></svg>'
        "<mtext>true class</mtext></span></p>"
        '<div class="cell_input"><pre>print("hello")</pre></div>',
        encoding="utf-8",
    )
    scanned = read_page(page)
    assert latin_words(scanned.text()) == ["entropy", "true", "class", "curve"]
    assert scanned.spaced_links == ["的值 <a>熵", "熵</a> 和 ", "g</a>的 "]
    assert latin_words(" ".join(svg_strings("<!-- run 1 --><!-- $\\log p$ -->"))) == ["run"]


def lagging_words() -> set[str]:
    """The words of the messages the Chinese edition shows in English for now (new or
    changed in English, not yet translated: ``make translations`` reports them; the
    lag is no failure, CONTRIBUTING.md)."""
    return set(WORD.findall(" ".join(behind("zh_CN"))))


def test_every_chinese_page_is_chinese(pages):
    found = {}
    lagging = lagging_words()
    for path, page in pages.items():
        words = [w for w in latin_words(page.text()) if w not in lagging]
        for figure in page_figures(path):
            words += latin_words(" ".join(svg_strings(figure.read_text(encoding="utf-8"))))
        if words:
            found[str(path.relative_to(ZH))] = Counter(words).most_common(8)
    assert not found, f"English on Chinese pages: {found}"


def test_a_link_is_spaced_from_chinese_by_its_own_first_and_last_letters(pages):
    found = {str(p.relative_to(ZH)): page.spaced_links[:5] for p, page in pages.items()}
    found = {k: v for k, v in found.items() if v}
    assert not found, f"a link spaced against Chinese typography: {found}"


def test_the_bibliography_s_own_words_are_chinese(pages):
    """What the book itself writes about a work in ``references.bib`` (not the work's
    title, journal or publisher) is read in Chinese: in the works cited and in the
    citations' tooltips."""
    from pybtex.database import parse_file

    works = parse_file(ROOT / "references.bib").entries.values()
    prose = [str(w.fields[f]) for w in works for f in PROSE_FIELDS if f in w.fields]
    found = {
        str(path.relative_to(ZH)): english
        for path in pages
        for english in prose
        if english in path.read_text(encoding="utf-8")
    }
    assert prose and not found, f"the bibliography's English on Chinese pages: {found}"


def _notebook_texts(path: Path) -> list[str]:
    """What a reader reads in a reader notebook: Markdown (code spans, formulas and
    link targets aside), printed outputs, figures' strings and alt text."""
    texts = []
    for cell in load(path)["cells"]:
        if cell["cell_type"] == "markdown":
            if re.match(r"#+ <a id=\"references\"></a>", source(cell)):
                continue  # the works cited: their own titles and authors
            text = re.sub(r"```python.*?```", " ", source(cell), flags=re.S)
            text = re.sub(r"\[[^\]]*\d{4}\]\(#ref-[^)]*\)", " ", text)  # (Author, 2006)
            text = re.sub(r"`[^`]*`", " ", text)
            text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)
            text = re.sub(r"\]\([^)]*\)|href=\"[^\"]*\"|id=\"[^\"]*\"|<[^>]+>", " ", text)
            texts.append(text)
            continue
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                texts.append(source({"source": output["text"]}))
            data = output.get("data", {})
            if "image/svg+xml" in data:
                texts += svg_strings(source({"source": data["image/svg+xml"]}))
            alt = re.findall(r'alt="([^"]*)"', source({"source": data.get("text/html", "")}))
            texts += alt
    return texts


MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)]*\)")


def misspaced_markdown_links(text: str) -> list[str]:
    """The Markdown links of ``text`` spaced against Chinese typography (as
    :class:`Page` finds them on a built page; emphasis marks are not letters)."""
    found = []
    for m in MARKDOWN_LINK.finditer(text):
        visible = m.group(1).strip("*_")
        # (the same line only: a line break between blocks is no space in the text)
        before = text[: m.start()].rpartition("\n")[2].rstrip("*_")
        after = text[m.end() :].partition("\n")[0].lstrip("*_")
        if visible and (_misspaced(before, visible[0]) or _misspaced(after[::-1], visible[-1])):
            found.append(text[max(m.start() - 6, 0) : m.end() + 6])
    return found


def test_the_link_spacing_check_sees_both_sides():
    text = "的值 [熵](a)，用 [KL 散度](b)的[log](c)值，见[图 2.1](d) 与 **[熵](e)**。"
    found = ["的值 [熵](a)，用 [KL", "度](b)的[log](c)值，见[图 ", ") 与 **[熵](e)**。"]
    assert misspaced_markdown_links(text) == found  # (a) spaced, (c) glued, (e) spaced


@pytest.mark.parametrize("path", READERS, ids=lambda p: p.stem)
def test_a_link_is_spaced_from_chinese_by_its_own_first_and_last_letters_in_notebooks(path):
    markdown = [source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    found = [f for text in markdown for f in misspaced_markdown_links(text)]
    assert not found, f"{path.name}: a link spaced against Chinese typography: {found[:5]}"


@pytest.mark.parametrize("path", READERS, ids=lambda p: p.stem)
def test_every_chinese_reader_notebook_is_chinese(path):
    lagging = lagging_words()
    words = [w for w in latin_words(" ".join(_notebook_texts(path))) if w not in lagging]
    assert not words, f"{path.name}: English words {Counter(words).most_common(10)}"


DISPLAY_MATH = re.compile(r'<math[^>]*display="block".*?</math>', re.S)
MTEXT = re.compile(r"<mtext[^>]*>.*?</mtext>", re.S)


def display_formulas(path: Path) -> list[str]:
    """A built page's display formulas (their MathML), each with its words
    (``<mtext>``, what ``\\text{...}`` gives) left out."""
    return [
        MTEXT.sub("<mtext/>", m) for m in DISPLAY_MATH.findall(path.read_text(encoding="utf-8"))
    ]


@pytest.mark.full
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ZH)))
def test_every_display_formula_is_the_english_one_with_chinese_words(page):
    """A translated formula keeps everything but its words: none lost (Sphinx's own
    translation of a display formula would show "::"), none changed."""
    english = HTML / page.relative_to(ZH)
    assert display_formulas(page) == display_formulas(english)


@pytest.mark.parametrize("path", READERS, ids=lambda p: p.stem)
def test_the_words_of_every_formula_are_chinese_in_notebooks(path):
    """A formula's words (``\\text{...}``) in a Chinese reader notebook are the
    translation's, wherever the formula stands (a list item indents it)."""
    cells = [source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    english = [w for text in cells for words in TEXT.findall(text) for w in latin_words(words)]
    assert not english, f"{path.name}: English inside formulas: {english}"
