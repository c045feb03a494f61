"""The probability gauge: value, threshold line and its label."""

from __future__ import annotations

import pytest

from dash_app.components.theme import GRANTED, REFUSED
from dash_app.figures.gauge import gauge_range, make_gauge_figure


def test_the_gauge_value_is_the_probability_and_the_threshold_line_sits_at_the_threshold() -> None:
    figure = make_gauge_figure(0.0217, 0.0874, decision="granted", lang="fr")
    indicator = figure.data[0]
    assert indicator.value == 0.0217
    assert indicator.gauge.threshold.value == 0.0874
    assert list(indicator.gauge.axis.tickvals)[1] == 0.0874
    assert indicator.gauge.axis.ticktext[1] == "8,7\u00a0%"
    assert figure.layout.annotations[1].text == "<b>2,2\u00a0%</b>"  # the number, written out


@pytest.mark.parametrize(
    ("lang", "legend"),
    [("fr", "Trait noir : seuil de 8,7\u00a0%"), ("en", "Black line: threshold of 8.7%")],
)
def test_the_threshold_is_labelled_in_words(lang: str, legend: str) -> None:
    figure = make_gauge_figure(0.0217, 0.0874, decision="granted", lang=lang)
    assert legend in figure.layout.annotations[0].text


@pytest.mark.parametrize(
    ("probability", "decision", "colour"),
    [
        (0.02, "granted", GRANTED),
        (0.0874, "refused", REFUSED),
        (0.30, "refused", REFUSED),
        (0.30, "referred", GRANTED),  # a person decides: not drawn as a refusal
    ],
)
def test_the_bar_takes_the_decision_colour(probability: float, decision: str, colour: str) -> None:
    figure = make_gauge_figure(probability, 0.0874, decision=decision, lang="en")
    assert figure.data[0].gauge.bar.color == colour


def test_the_zones_split_at_the_threshold() -> None:
    steps = make_gauge_figure(0.05, 0.1, decision="granted", lang="en").data[0].gauge.steps
    assert [tuple(step.range) for step in steps] == [(0, 0.1), (0.1, 0.3)]


@pytest.mark.parametrize(
    ("threshold", "upper"), [(0.0874, 0.3), (0.5, 1.0), (0.01, 0.05), (0.1, 0.3)]
)
def test_the_gauges_end_depends_on_the_threshold_only(threshold: float, upper: float) -> None:
    assert gauge_range(threshold) == pytest.approx(upper)


@pytest.mark.parametrize("probability", [0.02, 0.0874, 0.2, 0.5, 0.95])
def test_the_threshold_mark_stands_at_the_same_place_for_every_client(probability: float) -> None:
    gauge = make_gauge_figure(probability, 0.0874, decision="granted", lang="en").data[0].gauge
    assert tuple(gauge.axis.range) == (0, 0.3)
    assert gauge.threshold.value == 0.0874


def test_a_probability_beyond_the_scale_fills_the_bar_and_is_written_in_full() -> None:
    figure = make_gauge_figure(0.62, 0.0874, decision="refused", lang="en")
    assert figure.data[0].value == 0.3
    assert figure.layout.annotations[1].text == "<b>62.0%</b>"
