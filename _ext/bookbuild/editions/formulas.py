"""Display formulas in the edition's language.

A display formula is a message of its page (Sphinx extracts its TeX, between two
line breaks): the translation may change the words of its ``\\text{...}`` and
nothing else (``bookbuild.editions.check``). Sphinx's own translation of a
literal-type node (a display formula is one) parses the translation as
reStructuredText (``"::"`` followed by an indented block); with MyST as the
page's parser that yields a paragraph holding ``::``, and the page would show
"::" where the formula stands. So the edition's display formulas are translated
here, before Sphinx's ``Locale`` transform, from the same catalogue, and marked
done (``translatable = False``) so that transform passes them by.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from bookbuild.sources import messages


class TranslateDisplayMath(SphinxTransform):
    """Replace each display formula whose TeX is a translated message by its translation."""

    default_priority = 19  # Sphinx's Locale transform is 20

    def apply(self, **kwargs) -> None:
        language = self.config.language
        if language in (None, "en"):
            return
        table = messages(language, self.env.docname, Path(self.app.srcdir, "locales"))
        for node in self.document.findall(nodes.math_block):
            tex = node.rawsource or node.astext()
            translated = table.get(tex)
            if translated and translated != tex:
                node.rawsource = translated
                node.children = []
                node += nodes.Text(translated)
                node["translatable"] = False


def setup(app):
    app.add_transform(TranslateDisplayMath)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
