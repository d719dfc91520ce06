"""Small fixes to the book's pages (a Sphinx extension, ``bookbuild.pages`` in _config.yml).

- Unqualified names in infolib's docstrings (``:func:`entropy```, a "See Also"
  entry ``cross_entropy``) resolve to the one infolib object of that name, as a
  reader of the docstring in Python would expect; the build is nitpicky (``-n``),
  so a name that matches no object, or more than one, still fails it.
- Names from NumPy and Matplotlib in those docstrings (``:func:`numpy.random.default_rng```)
  are shown as code, unlinked: the build is offline, so there is no intersphinx
  inventory to link them to.
- The numbered references of a docstring (``[1]_`` and ``.. [1] ...``) become
  plain text: each docstring numbers its own from 1, and one page shows them
  all, where docutils footnotes would clash.
- Every page lists each script once: sphinx-thebe registers its inline
  configuration script twice, which the browser reports as
  ``Identifier 'THEBE_JS_URL' has already been declared``.
- Glued numbers in e-notation read as powers of ten (``1e-09`` -> 10⁻⁹:
  ``bookbuild.sources.readable_number``), in every edition.
- The bibliography is a list a screen reader announces correctly, and every
  control is named by the words it shows (``accessibility.py``).
- A box's number sits against a full-width bracket: "定义 2.1（熵）", not
  "定义 2.1 （熵）" (sphinx-proof ends the number with a space, which Chinese
  typography does not put before （).

The last two change the written pages (:func:`rewrite_written_pages`, after every
writer of HTML: :data:`REWRITES`).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

from bookbuild.pages import accessibility
from bookbuild.sources import readable_number

PACKAGE = "infolib."
EXTERNAL = ("numpy.", "matplotlib.")
FOOTNOTE_REF = re.compile(r"\[(\d+)\]_")
FOOTNOTE_DEF = re.compile(r"^(\s*)\.\. \[(\d+)\]\s+(.*)$")


def resolve_infolib_name(app, env, node, contnode):
    """Resolve a bare Python name to the unique ``infolib.*`` object of that name,
    and a NumPy or Matplotlib name to itself, unlinked."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target:
        return None
    if target.startswith(EXTERNAL):
        return contnode  # resolved as plain code: nothing to link to offline
    if "." in target:
        return None
    domain = env.get_domain("py")
    matches = [
        name
        for name, entry in domain.objects.items()
        if name.startswith(PACKAGE)
        and name.rsplit(".", 1)[-1] == target
        and entry.objtype != "module"  # `entropy`: the function, not infolib.entropy
    ]
    if len(matches) != 1:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], matches[0], node, contnode
    )


def plain_references(app, what, name, obj, options, lines):
    """Turn docstring footnotes into text: ``[1]_`` -> ``[1]``, definitions -> paragraphs."""
    out: list[str] = []
    for line in lines:
        match = FOOTNOTE_DEF.match(line)
        if match:
            indent, number, text = match.groups()
            out += ["", f"{indent}[{number}] {text}"]
        elif out and _continues(out, line):
            out[-1] += " " + line.strip()
        else:
            out.append(FOOTNOTE_REF.sub(r"[\1]", line))
    lines[:] = out


def _continues(out: list[str], line: str) -> bool:
    """True if ``line`` continues a footnote definition converted just before."""
    last = out[-1]
    indent = len(last) - len(last.lstrip())
    return (
        bool(line.strip())
        and re.match(r"\s*\[\d+\] ", last) is not None
        and len(line) - len(line.lstrip()) > indent
    )


def unique_scripts(app, pagename, templatename, context, doctree):
    """Drop repeated scripts (an inline script is registered once with filename
    ``None`` and once with ``""``, which Sphinx's own de-duplication misses)."""
    seen, unique = set(), []
    for js in context.get("script_files", []):
        key = (js.filename or "", js.priority, tuple(sorted(js.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"] = unique


def readable_glued_numbers(app, doctree, docname):
    """Show glued numbers such as ``1e-09`` as a book writes them, 10⁻⁹."""
    for node in list(doctree.findall(nodes.inline)):
        if "pasted-text" in node["classes"]:
            text = node.astext()
            readable = readable_number(text)
            if readable != text:
                node.replace(node[0], nodes.Text(readable))


#: A box's number (sphinx-proof, sphinx-exercise) followed by a full-width character.
NUMBER_BEFORE_FULL_WIDTH = re.compile(
    r'(<span class="caption-number">[^<]*?) (</span>\s*)(?=[\u3000-\u303f\uff00-\uffef])'
)


def box_numbers_before_full_width(html: str) -> str:
    """No space between a box's number and a full-width bracket after it.

    >>> box_numbers_before_full_width('<span class="caption-number">定义 2.1 </span>（熵）')
    '<span class="caption-number">定义 2.1</span>（熵）'
    >>> box_numbers_before_full_width('<span class="caption-number">Exercise 2.1 </span>(Bits)')
    '<span class="caption-number">Exercise 2.1 </span>(Bits)'
    """
    return NUMBER_BEFORE_FULL_WIDTH.sub(r"\1\2", html)


#: What :func:`rewrite_written_pages` does to every written page, in order.
REWRITES = [accessibility.names_with_visible_words, box_numbers_before_full_width]


def rewrite_written_pages(app, exception):
    """Apply :data:`REWRITES` to every HTML page the build wrote."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        if "_static" in page.relative_to(out).parts:
            continue
        text = page.read_text(encoding="utf-8")
        new = text
        for rewrite in REWRITES:
            new = rewrite(new)
        if new != text:
            page.write_text(new, encoding="utf-8")


def setup(app):
    app.connect("doctree-resolved", readable_glued_numbers)
    app.connect("missing-reference", resolve_infolib_name)
    app.connect("html-page-context", unique_scripts)
    app.connect("autodoc-process-docstring", plain_references, priority=600)
    # after every writer of HTML, the formulas' typesetting included (900)
    app.connect("build-finished", rewrite_written_pages, priority=950)
    accessibility.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
