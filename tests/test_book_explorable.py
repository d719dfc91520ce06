"""infolib.book.explorable: an interactive figure as the notebooks store it."""

import json

import pytest

from infolib.book import VEGALITE_MIME, Explorable, explorable
from infolib.plotting import PALETTE, VEGA_CONFIG

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.20.1.json"


class FakeChart:
    """What Altair gives: an object with to_dict(), its own defaults in config."""

    def to_dict(self):
        return {
            "$schema": SCHEMA,
            "mark": "bar",
            "config": {"view": {"continuousWidth": 300}, "axis": {"labelFontSize": 9}},
        }


def test_the_bundle_has_vega_lite_and_a_text_fallback():
    figure = explorable(FakeChart(), "Static version: the figure above.")
    assert isinstance(figure, Explorable)
    bundle = figure._repr_mimebundle_()
    assert set(bundle) == {VEGALITE_MIME, "text/markdown", "text/plain"}
    assert bundle["text/markdown"] == bundle["text/plain"] == "Static version: the figure above."
    spec = bundle[VEGALITE_MIME]
    assert spec["mark"] == "bar"
    assert spec["usermeta"] == {
        "embedOptions": {"renderer": "svg", "actions": False},
        "fallback": "Static version: the figure above.",
    }
    json.dumps(spec)  # a notebook stores it as JSON


def test_the_book_style_merges_key_by_key_with_the_chart_config():
    config = explorable(FakeChart(), "fallback")._repr_mimebundle_()[VEGALITE_MIME]["config"]
    assert config["background"] == "#ffffff"  # the white card, as the static figures
    assert config["view"] == {"stroke": None, "continuousWidth": 300}  # both kept
    assert config["axis"]["labelFontSize"] == 9  # the chart's own setting wins
    assert config["axis"]["gridColor"] == VEGA_CONFIG["axis"]["gridColor"]
    assert config["range"]["category"][0] == PALETTE["blue"]


def test_a_dict_spec_is_accepted_and_not_modified():
    spec = {"$schema": SCHEMA, "mark": "point"}
    explorable(spec, "fallback")
    assert spec == {"$schema": SCHEMA, "mark": "point"}


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"mark": "point"}, r"`chart` must be a Vega-Lite 5 specification; got \$schema ''"),
        (
            {"$schema": "https://vega.github.io/schema/vega-lite/v6.1.0.json"},
            r"`chart` must be a Vega-Lite 5 specification; got \$schema 'https://vega.*v6",
        ),
    ],
)
def test_other_specifications_are_refused(spec, message):
    with pytest.raises(ValueError, match=message):
        explorable(spec, "fallback")


@pytest.mark.parametrize("fallback", ["", "   ", None])
def test_a_fallback_sentence_is_required(fallback):
    with pytest.raises(ValueError, match="`fallback` must be a non-empty sentence"):
        explorable({"$schema": SCHEMA}, fallback)
