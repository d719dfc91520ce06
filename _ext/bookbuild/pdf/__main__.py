"""Build the PDF of every edition (``make pdf``): Sphinx's LaTeX builder, then XeLaTeX.

Each edition is built from the same sources and configuration as its website
(``bookbuild.editions.build.build`` with ``builder="latex"``; warnings are errors)
into ``_build/pdf/LANGUAGE/latex/``, typeset there by latexmk (XeLaTeX, xindy for
the index: the ``Makefile`` Sphinx writes), and the PDF copied to
``_build/NAME.pdf`` (``pdf_name``): a file directly in ``_build/`` survives
``jupyter-book clean``, so a later ``make build`` finds it and puts it in the site
(``bookbuild.pdf.site``).

    python -m bookbuild.pdf            # every edition
    python -m bookbuild.pdf zh_CN      # one
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

from bookbuild.editions.build import BUILD, build
from bookbuild.pdf import TEX
from bookbuild.pdf.site import pdf_name
from bookbuild.sources import book_editions

#: How far a line may run into the margin before the build fails (TeX's overfull
#: boxes; a few points are invisible, a word sticking out is not).
MARGIN_PT = 10.0


def overfull(log: str) -> list[float]:
    """The widths (pt) by which lines run into the margin, from XeLaTeX's log.

    >>> overfull("Overfull \\hbox (2.59pt too wide) in paragraph at lines 4--4")
    [2.59]
    """
    return [float(w) for w in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\)", log)]


def main(languages: list[str]) -> int:
    for language in book_editions():
        if languages and language not in languages:
            continue
        started = time.perf_counter()
        out = BUILD / "pdf" / language
        shutil.rmtree(out, ignore_errors=True)
        if build(language, out / "latex", builder="latex"):
            print(f"the {language} edition's LaTeX failed (warnings are errors)")
            return 1
        latex = time.perf_counter() - started
        run = subprocess.run(
            ["make", "-C", str(out / "latex"), "all-pdf", "LATEXMKOPTS=-silent -halt-on-error"],
            capture_output=True,
            text=True,
        )
        pdf = out / "latex" / TEX.replace(".tex", ".pdf")
        if run.returncode or not pdf.is_file():
            log = out / "latex" / TEX.replace(".tex", ".log")
            tail = log.read_text(errors="replace")[-3000:] if log.is_file() else run.stdout[-3000:]
            print(f"XeLaTeX failed for the {language} edition:\n{tail}\n{run.stderr[-2000:]}")
            return 1
        wide = overfull((out / "latex" / TEX.replace(".tex", ".log")).read_text(errors="replace"))
        if max(wide, default=0) > MARGIN_PT:
            print(f"the {language} PDF has lines {max(wide):.0f} pt into the margin (book.log)")
            return 1
        target = BUILD / pdf_name(language)
        shutil.copyfile(pdf, target)
        size = target.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(
            f"{language} PDF: {target} ({size:.2f} MB) in {took:.0f} s "
            f"(Sphinx {latex:.0f} s, XeLaTeX {took - latex:.0f} s); "
            f"{len(wide)} lines over the margin by at most {max(wide, default=0):.1f} pt"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
