"""The Chromium the browser tests drive, wherever the reader's machine keeps it.

Looked for, in this order:

1. the ``CHROMIUM`` environment variable (a path, or a command on ``PATH``);
2. ``/usr/bin/chromium`` (Debian's package);
3. ``chromium``, ``chromium-browser``, ``google-chrome``, ``google-chrome-stable`` on
   ``PATH`` (GitHub's Ubuntu runners have Google Chrome);
4. the browser Playwright manages, if ``python -m playwright install chromium`` put
   one in its cache.

``python tests/helpers/chromium.py`` (the first step of ``make test``) prints the one found.
When there is none, on Debian it installs Debian's ``chromium`` with apt-get (as
root, or through ``sudo -n``, which fails with a message rather than waiting for a
password) after saying so; anywhere else it exits with a message that says how to
get one. The browser tests call :func:`find_chromium` and fail, never skip, when it
returns nothing.

Chinese text needs a CJK font, which a headless machine often lacks (then every Han
character of a screenshot is a box; the figures are paths and need none). No font
is assumed: :func:`launched` gives Chromium a fontconfig file (:func:`fonts_conf`)
that includes the system's configuration and adds the folder of the font that
PyPI's ``noto-cjk-sans-otc`` installs (``requirements.txt``: every environment
that runs the tests has it, no root and no download needed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
DEBIAN_PATH = Path("/usr/bin/chromium")

#: Flags that keep headless Chromium quiet and offline.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

HOW_TO_GET_ONE = (
    "No Chromium for the browser tests. Install one (Debian: `sudo apt-get install "
    "chromium`; Ubuntu: `sudo snap install chromium`; macOS: Google Chrome), or, where "
    "Playwright's download server is reachable, `.venv/bin/python -m playwright install "
    "chromium`; or point CHROMIUM at a Chromium or Chrome executable."
)


def _executable(candidate: str | os.PathLike) -> Path | None:
    """``candidate`` as an executable path (a path, or a command on PATH), if it is one."""
    path = Path(candidate)
    if path.is_absolute() or os.sep in str(candidate):
        return path if path.is_file() and os.access(path, os.X_OK) else None
    found = shutil.which(str(candidate))
    return Path(found) if found else None


def _playwright_chromium() -> Path | None:
    """The browser in Playwright's own cache, if one was installed there."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:  # no driver, or no browser registered: simply not there
        return None
    return path if path.is_file() else None


def find_chromium() -> Path | None:
    """The first Chromium found (see the module's docstring for the order), or None.

    A ``CHROMIUM`` variable that names nothing executable is an error, not a
    reason to look elsewhere: the caller asked for that browser.
    """
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        path = _executable(wanted)
        if path is None:
            raise FileNotFoundError(f"CHROMIUM={wanted!r} is not an executable")
        return path
    for candidate in [DEBIAN_PATH, *NAMES]:
        path = _executable(candidate)
        if path is not None:
            return path
    return _playwright_chromium()


def launch(browser_type, fonts: Path | None = None):
    """Headless Chromium launched by Playwright's ``browser_type`` (``.chromium``, or
    a running browser's ``.browser_type``) with the fontconfig file ``fonts``
    (default: :func:`fonts_conf`); the test fails (never skips) when there is none."""
    import pytest

    executable = find_chromium()
    if executable is None:
        pytest.fail(HOW_TO_GET_ONE + " The browser tests never skip.")
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts or fonts_conf())}
    return browser_type.launch(executable_path=str(executable), args=ARGS, headless=True, env=env)


@contextmanager
def launched(fonts: Path | None = None) -> Iterator:
    """Headless Chromium driven by Playwright, for a test module's `browser` fixture,
    with the fontconfig file ``fonts`` (default: :func:`fonts_conf`, the system's
    fonts and a CJK font); the test fails (never skips) when there is none."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright.chromium, fonts)
        try:
            yield browser
        finally:
            browser.close()


#: Where the generated fontconfig files and fontconfig's cache live (ignored by git,
#: kept between runs so the font is scanned once).
FONTS_DIR = Path(__file__).resolve().parents[2] / ".cache" / "fontconfig"
#: The system's fontconfig file, which the generated one includes (never one of ours).
_GIVEN = os.environ.get("FONTCONFIG_FILE") or ""
SYSTEM_FONTS_CONF = Path(
    _GIVEN if _GIVEN and not _GIVEN.startswith(str(FONTS_DIR)) else "/etc/fonts/fonts.conf"
)
#: Languages whose fonts cover the Han characters (hidden by ``other_cjk_fonts=False``).
CJK_LANGUAGES = ("zh-cn", "zh-tw", "zh-hk", "ja", "ko")


def cjk_font() -> Path:
    """The CJK font file of PyPI's ``noto-cjk-sans-otc`` (the same font the book's
    figures are drawn with); the test fails when the package is missing."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        import pytest

        pytest.fail(
            "no CJK font for the browser tests: noto-cjk-sans-otc is missing "
            "(pip install -r requirements.txt; make creates .venv with it)"
        )
    return Path(noto_cjk_sans_otc.FONT_PATH).resolve()


def fonts_conf(
    folder: Path = FONTS_DIR, *, font: Path | None = None, other_cjk_fonts: bool = True
) -> Path:
    """A fontconfig file in ``folder``: the system's configuration, plus ``font``'s
    folder (default: :func:`cjk_font`); returns its path.

    ``other_cjk_fonts=False`` hides every other font that covers Chinese, Japanese or
    Korean (as on a machine without one), to show the font given is the one used;
    ``font`` set to a missing path with it gives a machine with no CJK font at all
    (the control in which Chinese shows as boxes).
    """
    font = cjk_font() if font is None else font
    rules = ""
    if not other_cjk_fonts:
        reject = "".join(
            f'<rejectfont><pattern><patelt name="lang"><string>{lang}</string>'
            "</patelt></pattern></rejectfont>"
            for lang in CJK_LANGUAGES
        )
        accept = (
            f'<acceptfont><pattern><patelt name="file"><string>{escape(str(font))}</string>'
            "</patelt></pattern></acceptfont>"
        )
        rules = f"  <selectfont>{accept}{reject}</selectfont>\n"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        f'  <include ignore_missing="yes">{escape(str(SYSTEM_FONTS_CONF))}</include>\n'
        f"  <dir>{escape(str(font.parent))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
        f"{rules}</fontconfig>\n"
    )
    folder.mkdir(parents=True, exist_ok=True)
    name = "fonts.conf" if other_cjk_fonts else f"fonts-only-{font.stem}.conf"
    path = folder / name
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two pytest workers: atomic
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return path


def _os_release() -> dict[str, str]:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key: value.strip().strip('"') for key, value in pairs}


def _install_debian_chromium() -> int:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    how = "as root" if not sudo else "through `sudo -n` (never prompts for a password)"
    print(
        "No Chromium found for the browser tests: installing Debian's `chromium` "
        f"package with apt-get {how}, about 30 s, once.",
        flush=True,
    )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run([*sudo, *command], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(
                done.stdout[-2000:] + done.stderr[-2000:],
                f"`{' '.join([*sudo, *command])}` failed. " + HOW_TO_GET_ONE,
                file=sys.stderr,
            )
            return 1
    return 0


def main() -> int:
    try:
        found = find_chromium()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    if found is None:
        if _os_release().get("ID") != "debian" or _install_debian_chromium() != 0:
            if _os_release().get("ID") != "debian":
                print(HOW_TO_GET_ONE, file=sys.stderr)
            return 1
        found = find_chromium()
        if found is None:
            print(HOW_TO_GET_ONE, file=sys.stderr)
            return 1
    print(f"Browser tests use {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
