"""Build every edition of the book but the root one: `make build` runs this after
`jupyter-book build` has built the English edition into _build/html.

The editions are listed once, in ``_config.yml`` (``sphinx.config.book_editions``:
language -> folder). Each is built from the same sources and the same configuration
as the English one, through Jupyter Book's own entry point (``build_sphinx``, what
``jupyter-book build`` calls) with ``language`` set, so nothing of ``_config.yml``
is repeated; warnings are errors (``-W -n --keep-going``, as the English build).
It is built into a folder of its own (``_build/zh/html``: myst-nb writes
``jupyter_execute/`` beside the output folder, so two editions sharing one would
overwrite each other's), then copied to ``_build/html/zh/``. Its pages join the
site's one ``sitemap.xml``; its own ``robots.txt`` is dropped (crawlers read only
the root's).

First it extracts the book's current messages (Sphinx's gettext builder, about 3 s)
into ``_build/gettext/pot/``: the tests compare the catalogues in ``locales/`` with
them, so English text changed without the translations updated fails the tests,
and ``make translations`` merges them into the catalogues (sphinx-intl).

    python -m bookbuild.editions.build            # the messages, every edition but the root one
    python -m bookbuild.editions.build zh_CN      # the messages and one edition
    python -m bookbuild.editions.build --gettext  # the messages only
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

from bookbuild.sources import ROOT, book_editions

BUILD = ROOT / "_build"
SITE = BUILD / "html"
POT = BUILD / "gettext" / "pot"


def build(language: str, output: Path, builder: str = "html") -> int:
    """Build the book in ``language`` into ``output``; Sphinx's exit status."""
    from jupyter_book.sphinx import build_sphinx

    return build_sphinx(
        ROOT,
        output,
        builder=builder,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        confoverrides={
            # what `jupyter-book build . -n` passes
            "external_toc_path": (ROOT / "_toc.yml").as_posix(),
            "latex_individualpages": False,
            "nitpicky": True,
            "language": language,
        },
        warningiserror=True,
        keep_going=True,
        quiet=True,
    )


def merge_sitemap(edition: Path) -> None:
    """Move the edition's sitemap entries into the site's sitemap.xml."""
    own = edition / "sitemap.xml"
    entries = re.findall(r"<url>.*?</url>", own.read_text(encoding="utf-8"), re.S)
    site = SITE / "sitemap.xml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("</urlset>", "".join(entries) + "</urlset>"), encoding="utf-8")
    own.unlink()


def main(languages: list[str]) -> int:
    started = time.perf_counter()
    # From clean, always: Sphinx does not re-read an unchanged page, so a warning
    # it gave before would not be given again (`jupyter-book clean` leaves these).
    shutil.rmtree(POT.parent, ignore_errors=True)
    status = build("en", POT, builder="gettext")
    if status:
        print("extracting the messages failed (warnings are errors)")
        return status
    print(f"messages extracted in {time.perf_counter() - started:.0f} s: {POT}")
    if languages == ["--gettext"]:
        return 0
    if not (SITE / "index.html").exists():
        sys.exit("build the root edition first: jupyter-book build . (make build does)")
    for language, folder in book_editions().items():
        if not folder or (languages and language not in languages):
            continue
        started = time.perf_counter()
        shutil.rmtree(BUILD / folder.strip("/"), ignore_errors=True)
        status = build(language, BUILD / folder.strip("/") / "html")
        if status:
            print(f"the {language} edition failed to build (warnings are errors)")
            return status
        target = SITE / folder.strip("/")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(BUILD / folder.strip("/") / "html", target)
        (target / "robots.txt").unlink(missing_ok=True)
        merge_sitemap(target)
        print(f"{language} edition built in {time.perf_counter() - started:.0f} s: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
