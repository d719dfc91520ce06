"""Glued numbers inside translated sentences (the Chinese edition, ``locales/``).

Sphinx's i18n transform parses each translated message (msgstr) as a document of
its own, and myst-nb's ``{glue:text}`` role looks up its key in the notebook being
parsed: the new document has none, so in a translation every glued number renders
empty, with "No key ... found in glue data". myst-nb has already written the
chapter's glue data to its build folder (``jupyter_execute/.../NAME.glue.json``)
when the notebook was parsed, before any translation is applied. So this role does
what myst-nb's does, and where there is no notebook (a translated message) it reads
that stored data of the document being read. Translators keep
``{glue:text}`key:.4f``` exactly as in English.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from myst_nb.core.variables import format_plain_text
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import glue_warning


def stored_glue(env, docname: str) -> dict:
    """The glue data myst-nb wrote for ``docname`` (key -> output), or {}."""
    path = Path(env.mystnb_config.output_folder, *docname.split("/"))
    path = path.with_name(path.name + ".glue.json")
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


class TranslatedPasteTextRole(PasteTextRole):
    """``{glue:text}`` that also works in a translated message."""

    def run(self):
        if "nb_renderer" in self.document or "::" in self.text:
            return super().run()  # the notebook itself, or another document's key
        key, _, fmt_spec = self.text.rpartition(":") if ":" in self.text else (self.text, "", "s")
        env = self.document.settings.env
        output = stored_glue(env, env.docname).get(key)
        if output is None or "text/plain" not in output.get("data", {}):
            return [], [
                glue_warning(
                    f"No key {key!r} in the stored glue data of {env.docname}",
                    self.document,
                    self.line,
                )
            ]
        text = format_plain_text(output["data"]["text/plain"], fmt_spec)
        node = nodes.inline(text, text, classes=["pasted-text"])
        self.set_source_info(node)
        return [node], []


def setup(app):
    app.add_role_to_domain("glue", "text", TranslatedPasteTextRole(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
