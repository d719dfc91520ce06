"""The book's sources read as data: the one place each is parsed.

Every part of the build that needs one of these asks here (so each is read one
way, by one function):

- :func:`config` and :func:`book_editions`: ``_config.yml`` and its
  ``book_editions`` (language -> the edition's folder in the site);
- :func:`toc`: ``_toc.yml``, the book's pages and their order;
- :func:`read_catalogue` and :func:`messages`: a gettext catalogue, and the
  translated messages of one (``locales/LANGUAGE/LC_MESSAGES/DOMAIN.po``);
- :func:`glued_values`: the values a notebook glued (myst-nb's ``glue``), as stored;
- :data:`VEGALITE_MIME`: the MIME type of an explorable, infolib's own;
- :data:`ROLE` and :func:`split_title`: a MyST role in a page's text.

It imports nothing else of the build: the other modules of ``bookbuild`` stand on
it, never the other way round.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from infolib.book import VEGALITE_MIME
from infolib.i18n import translated_messages

__all__ = [
    "ROOT",
    "LOCALES",
    "GLUE_MIME",
    "VEGALITE_MIME",
    "config",
    "book_editions",
    "toc",
    "read_catalogue",
    "messages",
    "joined",
    "glued_values",
    "readable_number",
    "ROLE",
    "split_title",
]

#: The repository (the book's source folder): _ext/bookbuild/ is two levels down.
ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
#: The MIME type under which myst-nb's ``glue`` stores a value's text.
GLUE_MIME = "application/papermill.record/text/plain"


def config(root: Path = ROOT) -> dict:
    """``_config.yml`` of the book at ``root``, parsed."""
    import yaml

    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def book_editions(root: Path = ROOT) -> dict[str, str]:
    """Every edition of the book: language -> its folder in the site ("" for the
    root edition, English; "zh/" for Chinese), from ``book_editions`` in _config.yml.

    >>> book_editions()["en"]
    ''
    """
    return dict(config(root)["sphinx"]["config"]["book_editions"])


def toc(root: Path = ROOT) -> dict:
    """``_toc.yml`` of the book at ``root``, parsed (the root page, the parts and
    their chapters, in reading order).

    >>> toc()["root"]
    'intro'
    """
    import yaml

    return yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))


def read_catalogue(path: Path):
    """The gettext catalogue at ``path`` (a Babel ``Catalog``: every message, with
    its flags), the one reader of ``.po`` and ``.pot`` files."""
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f)


def messages(language: str, domain: str, root: Path = LOCALES) -> dict[str, str]:
    """msgid -> msgstr of the translated messages of one catalogue
    (``root/LANGUAGE/LC_MESSAGES/DOMAIN.po``); untranslated and fuzzy messages are
    left out (they show the English), and a missing catalogue gives ``{}``."""
    path = root / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return {}
    return dict(_translated(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=256)
def _translated(path: Path, mtime: int) -> tuple[tuple[str, str], ...]:
    """The translated messages of ``path`` as it was at ``mtime`` (read once)."""
    return tuple(translated_messages(path).items())


def joined(value) -> str:
    """A notebook's multiline text (a string, or a list of lines in the JSON)."""
    return "".join(value) if isinstance(value, list) else value


def glued_values(nb: dict) -> dict[str, str]:
    """Every value glued in a notebook's stored outputs: key -> its text/plain.

    ``nb`` is the notebook as JSON (``json.load``) or as nbformat reads it.

    >>> out = {"data": {GLUE_MIME: ["0.8"]}, "metadata": {"scrapbook": {"name": "h"}}}
    >>> glued_values({"cells": [{"cell_type": "code", "outputs": [out]}]})
    {'h': '0.8'}
    """
    values = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            key = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if key and GLUE_MIME in data:
                values[key] = joined(data[GLUE_MIME])
    return values


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
E_NOTATION = re.compile(r"^(-?)(\d+(?:\.\d+)?)e([+-]?)0*(\d+)$")


def readable_number(text: str) -> str:
    """A glued number as a reader writes it: Python's e-notation as a power of ten.

    ``format(1e-9, ".0e")`` gives ``1e-09``, which is how Python writes the number,
    not how a book does; every glued number in the site and the reader notebooks
    passes through here. Other text is returned unchanged.

    >>> readable_number("1e-09"), readable_number("2.5e+06"), readable_number("0.8018")
    ('10⁻⁹', '2.5 × 10⁶', '0.8018')
    """
    match = E_NOTATION.match(text.strip())
    if not match:
        return text
    sign, mantissa, exp_sign, exponent = match.groups()
    power = "10" + ("-" if exp_sign == "-" else "").translate(SUPERSCRIPT)
    power += exponent.translate(SUPERSCRIPT)
    if mantissa in ("1", "1.0"):
        return sign + power
    return f"{sign}{mantissa} × {power}"


#: A MyST role, ``{name}`body``` (``{term}`bit <Bit>```, ``{glue:text}`h:.4f```):
#: groups (name, body).
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
TITLED = re.compile(r"^(.*?)\s*<([^<>]+)>\s*$", re.S)


def split_title(body: str) -> tuple[str, str]:
    """A role's body ``text <target>`` -> (text, target); a bare ``target`` -> ("", target).

    >>> split_title("bits <Bit>"), split_title("Bit")
    (('bits', 'Bit'), ('', 'Bit'))
    """
    match = TITLED.match(body)
    return (match.group(1), match.group(2)) if match else ("", body)
