"""The chapters' figures and printed text in the edition's language, on the website.

A chapter's figures and printed lines are stored in English and, in the same output,
in every other language of the book, under *twin* MIME types
(``image/x.zh_CN.svg+xml`` beside ``image/svg+xml``; see :mod:`infolib.i18n`,
which draws them when the chapter is executed). Here, for the website:

- in another edition (``language`` set, _ext/build_editions.py) the twin of the
  edition's language is preferred to the English output, for every builder that
  shows the English one (a myst-nb mime renderer plugin: its priorities are set
  when the configuration is read), and rendered as the English one would be;
- the lines a cell prints with :func:`infolib.i18n.say` are shown as printed
  output (the same box as ``print``'s), in every edition.

Other tools (JupyterLab, nbconvert) ignore the twins; the reader notebooks keep
one language (bookbuild.reader_notebooks, with :func:`keep_language`).
"""

from __future__ import annotations

import copy
import re

from infolib.i18n import TRANSLATED, twin

TWIN = re.compile(r"^([a-z]+)/x\.([A-Za-z_]+)\.(.+)$")


def is_twin(mime: str) -> bool:
    return bool(TWIN.match(mime))


def base_type(mime: str) -> str:
    """``image/x.zh_CN.svg+xml`` -> ``image/svg+xml``."""
    match = TWIN.match(mime)
    return f"{match.group(1)}/{match.group(3)}" if match else mime


def is_said(output) -> bool:
    """Whether an output holds lines printed by :func:`infolib.i18n.say`."""
    data = output.get("data", {})
    return "text/plain" in data and any(base_type(k) == "text/plain" for k in data if is_twin(k))


def keep_language(output, language: str | None):
    """An output as a notebook of one edition shows it: the twin of ``language``
    in place of the English, no other twin; said lines as printed output."""
    output = copy.deepcopy(output)
    data = output.get("data")
    if not data:
        return output
    said = is_said(output)
    for mime in TRANSLATED:
        chosen = twin(mime, language or "en")
        if chosen in data:
            data[mime] = data[chosen]
    for key in [k for k in data if is_twin(k)]:
        del data[key]
        output.get("metadata", {}).pop(key, None)
    if said:
        text = data["text/plain"]
        return {"output_type": "stream", "name": "stdout", "text": text}
    return output


class TwinOutput:
    """myst-nb mime renderer plugin: an edition's twin rendered as its base type;
    said lines rendered as printed output."""

    mime_priority_overrides: list[tuple[str, str, int]] = []

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        from myst_nb.core.render import MimeData

        base = base_type(data.mime_type)
        plain = MimeData(**{**vars(data), "mime_type": base})
        if inline:
            return None
        if base.startswith("image/") and base != data.mime_type:
            return renderer.render_image(plain)
        said = any(is_twin(k) for k in data.output_metadata)
        if base == "text/plain" and (said or base != data.mime_type):
            nodes = renderer.render_text_plain(plain)
            for node in nodes:
                node["classes"] = [c for c in node["classes"] if c != "text_plain"] + ["stream"]
            return nodes
        return None


def set_priorities(app, config):
    """In another edition, each twin of its language just before its base type."""
    from myst_nb.core.render import base_render_priority

    language = config.language
    overrides = []
    if language and language != "en":
        for builder, priorities in base_render_priority().items():
            priorities = dict(priorities)
            for name, mime, value in config.nb_mime_priority_overrides or []:
                if name in (builder, "*"):
                    priorities[mime] = value
            for mime in TRANSLATED:
                if priorities.get(mime) is not None:
                    overrides.append((builder, twin(mime, language), priorities[mime] - 1))
    TwinOutput.mime_priority_overrides = overrides


def setup(app):
    # TwinOutput itself is found through myst-nb's entry point (_ext/pyproject.toml)
    app.connect("config-inited", set_priorities)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
