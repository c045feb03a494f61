"""The comparison of the current file with a what-if: two bars and the threshold line."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dash_app.figures.comparison import (
    DECISION_LOOK,
    comparison_range,
    make_comparison_figure,
)

ORIGINAL = {"probability": 0.05, "decision": "granted"}
SIMULATED = {"probability": 0.12, "decision": "refused"}
THRESHOLD = 0.09


def french_figure() -> go.Figure:
    """Return the comparison of ORIGINAL and SIMULATED, in French."""
    return make_comparison_figure(ORIGINAL, SIMULATED, THRESHOLD, lang="fr")


def test_the_bars_are_the_two_probabilities_in_order() -> None:
    figure = french_figure()
    (bar,) = figure.data
    assert bar.type == "bar"
    assert list(bar.x) == [0.05, 0.12]
    assert list(bar.y) == ["Dossier actuel", "Simulation"]


def test_each_bar_has_its_decision_colour_pattern_and_label() -> None:
    figure = french_figure()
    (bar,) = figure.data
    assert list(bar.marker.color) == [DECISION_LOOK["granted"][0], DECISION_LOOK["refused"][0]]
    assert list(bar.marker.pattern.shape) == ["", "/"]
    assert list(bar.text) == ["5,0\u00a0% · Accordé", "12,0\u00a0% · Refusé"]


def test_the_threshold_is_a_labelled_vertical_line() -> None:
    figure = french_figure()
    (line,) = figure.layout.shapes
    assert (line.type, line.x0, line.x1, line.yref) == ("line", THRESHOLD, THRESHOLD, "paper")
    (note,) = figure.layout.annotations
    assert note.x == THRESHOLD
    assert note.text == "Seuil de refus : 9,0\u00a0%"


def test_the_axis_leaves_room_for_the_larger_bar_and_the_threshold() -> None:
    figure = french_figure()
    assert figure.layout.xaxis.range == (0, comparison_range([0.05, 0.12], THRESHOLD))
    assert comparison_range([0.05, 0.12], THRESHOLD) == pytest.approx(0.12 * 1.45 + 0.01)
    assert comparison_range([0.9, 0.95], 0.1) == 1.0


def test_english_labels() -> None:
    figure = make_comparison_figure(SIMULATED, ORIGINAL, THRESHOLD, lang="en")
    (bar,) = figure.data
    assert list(bar.y) == ["Current file", "Simulation"]
    assert list(bar.text) == ["12.0% · Refused", "5.0% · Granted"]
    assert figure.layout.annotations[0].text == "Refusal threshold: 9.0%"
    assert figure.layout.template.layout.paper_bgcolor == "white"
