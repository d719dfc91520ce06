"""``python -m bookbuild.reader_notebooks [OUT_DIR [LANGUAGE]]`` (``make notebooks``):
write every edition's reader notebooks, or one edition's into OUT_DIR."""

import sys
from pathlib import Path

from bookbuild.reader_notebooks import ROOT, editions, generate

if __name__ == "__main__":
    if len(sys.argv) > 1:
        language = sys.argv[2] if len(sys.argv) > 2 else None
        written = generate(Path(sys.argv[1]), language=language)
    else:  # every edition
        written = generate()
        for language, folder in editions().items():
            written += generate(ROOT / folder, language=language)
    for path in written:
        print(f"wrote {path}")
