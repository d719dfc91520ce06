"""Figures and printed lines in every language of the book (infolib.i18n), as a
Jupyter kernel stores them: by what a reader of each edition would see."""

import re
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402

from infolib import i18n  # noqa: E402
from infolib.i18n import localize, say, tr, twin, width  # noqa: E402
from infolib.plotting import use_book_style  # noqa: E402

ZH_SVG, ZH_TEXT = twin("image/svg+xml", "zh_CN"), twin("text/plain", "zh_CN")
CATALOGUE = {
    "probability of the outcome, $p$": "结果的概率 $p$",
    "{}\\n{:.2f} nats": "{}\\n{:.2f} 奈特",
    "China qualifies": "中国队出线",
    "{:<16}{:>8.4f}": "{:<16}{:>8.4f}",
    "outcome": "结果",
    "yes": "",  # not translated: stays English
}


def _po(entries: dict[str, str]) -> str:
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
    return 'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n' + body


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A real IPython shell, in a book whose locales/ has a small zh_CN catalogue;
    what the shell displays is collected."""
    folder = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "figures.po").write_text(_po(CATALOGUE), encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    monkeypatch.chdir(tmp_path / "chapters")
    i18n.catalogue.cache_clear()
    shell = InteractiveShell.instance()
    shown = []
    monkeypatch.setattr(
        shell.display_pub,
        "publish",
        lambda data, metadata=None, **k: shown.append((data, metadata)),
    )
    yield shell, shown
    InteractiveShell.clear_instance()
    i18n.catalogue.cache_clear()
    use_book_style()  # outside a kernel again


def _comments(svg: str) -> list[str]:
    """The strings a figure drew (with svg.fonttype "path", each in a comment)."""
    return re.findall(r"<!-- (.*?) -->", svg, re.S)


def _figure():
    fig, ax = plt.subplots()
    ax.plot([0.01, 1], [4.6, 0])
    ax.annotate(tr("{}\n{:.2f} nats", "China qualifies", 4.6052), (0.01, 4.6))
    ax.set_xlabel("probability of the outcome, $p$")
    ax.set_xticks([0.5], ["outcome"])
    return fig


def test_a_figure_is_stored_in_english_and_drawn_again_in_chinese(kernel):
    shell, _ = kernel
    use_book_style()
    fig = _figure()
    data, metadata = shell.display_formatter.format(fig)
    plt.close(fig)
    english, chinese = _comments(data["image/svg+xml"]), _comments(data[ZH_SVG])
    assert "<dc:date>" not in data["image/svg+xml"]  # byte-reproducible
    assert {"China qualifies", "4.61 nats", "probability of the outcome, $p$", "outcome"} <= set(
        english
    )
    assert {"中国队出线", "4.61 奈特", "结果的概率 $p$", "结果"} <= set(chinese)
    # the same numbers, in the same order
    digits = [re.findall(r"\d+(?:\.\d+)?", s) for s in (" ".join(english), " ".join(chinese))]
    assert digits[0] == digits[1]
    # the messages the figure used, for the catalogue
    assert "{}\n{:.2f} nats" in metadata[ZH_SVG]["messages"]


def test_han_beside_mathtext_is_drawn_with_the_cjk_font(kernel, caplog):
    shell, _ = kernel
    use_book_style()
    fig = _figure()
    with caplog.at_level("WARNING"):
        shell.display_formatter.format(fig)
    plt.close(fig)
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]


def test_the_figure_itself_stays_english(kernel):
    shell, _ = kernel
    use_book_style()
    fig = _figure()
    shell.display_formatter.format(fig)
    assert fig.axes[0].get_xlabel() == "probability of the outcome, $p$"
    plt.close(fig)


def test_a_cells_said_lines_become_one_output_in_each_language(kernel):
    shell, shown = kernel
    use_book_style()
    say("{:<16}{:>8}", "outcome", "p")
    say("{:<16}{:>8.4f}", "China qualifies", 0.01)
    say("same: {}", "yes")
    assert shown == []  # nothing before the cell ends
    shell.events.trigger("post_execute")
    [(data, metadata)] = shown
    assert data["text/plain"] == textwrap.dedent("""\
        outcome                p
        China qualifies   0.0100
        same: yes
        """)
    lines = data[ZH_TEXT].splitlines()
    assert lines[:2] == ["结果                   p", "中国队出线        0.0100"]
    assert width(lines[0]) == width(lines[1])  # a Han character is two columns
    assert lines[2] == "same: yes"  # an untranslated message stays English
    assert "China qualifies" in metadata[ZH_TEXT]["messages"]


def test_a_reader_notebook_of_another_edition_prints_in_its_language(kernel, capsys):
    shell, shown = kernel
    use_book_style(language="zh_CN")
    say("{:<16}{:>8.4f}", "China qualifies", 0.01)
    shell.events.trigger("post_execute")
    assert shown == []
    assert capsys.readouterr().out == "中国队出线        0.0100\n"
    fig = _figure()
    data, _ = shell.display_formatter.format(fig)
    plt.close(fig)
    assert ZH_SVG not in data and "中国队出线" in _comments(data["image/svg+xml"])


def test_outside_a_kernel_say_prints_english(capsys):
    use_book_style()
    say("H = {:.3f} nats", 0.80182)
    assert capsys.readouterr().out == "H = 0.802 nats\n"


def test_a_text_not_made_by_tr_is_looked_up_whole():
    assert localize("H = 0.802 nats", "zh_CN") in ("H = 0.802 nats", "H = 0.802 奈特")
    assert localize("0.5", "zh_CN") == "0.5"
