"""Figures of the model page: importance bars, direction beeswarm, cost curve, ROC, calibration."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest

from dash_app.figures.model import (
    SWARM_HALF_HEIGHT,
    direction_reading,
    make_calibration_figure,
    make_cost_curve_figure,
    make_direction_figure,
    make_importance_figure,
    make_roc_figure,
    swarm_offsets,
)

FEATURES = [
    {"name": "AGE_YEARS", "label": "Âge", "family_label": "Âge", "importance": 0.20},
    {
        "name": "EXT_SOURCE_MIN",
        "label": "Plus bas score",
        "family_label": "Scores",
        "importance": 0.25,
    },
    {"name": "FLAG_EMAIL", "label": "E-mail fourni", "family_label": "Contact", "importance": 0.01},
    {"name": "INST_LATE", "label": "Retards", "family_label": "Retards", "importance": 0.08},
]
THRESHOLDS = [0.0, 0.05, 0.10, 0.15, 0.20, 0.50, 1.0]
COSTS = [0.91, 0.60, 0.48, 0.47, 0.52, 0.82, 0.91]


def trace_types(figure: go.Figure) -> set[str]:
    """Return the kinds of traces a figure draws."""
    return {trace.type for trace in figure.data}


def test_importance_bars_are_sorted_weightiest_on_top_with_labels_and_values() -> None:
    figure = make_importance_figure(FEATURES, lang="fr", top=3)
    (bars,) = figure.data
    assert bars.orientation == "h"
    assert list(bars.y) == ["Plus bas score", "Âge", "Retards"]
    assert list(bars.x) == [0.25, 0.20, 0.08]
    assert list(bars.text) == ["0,250", "0,200", "0,080"]
    assert list(bars.customdata) == ["Scores", "Âge", "Retards"]
    assert figure.layout.yaxis.autorange == "reversed"  # first bar drawn at the top


def test_importance_in_points_multiplies_by_the_scale_factor() -> None:
    figure = make_importance_figure(FEATURES, lang="en", top=2, factor=20.0)
    assert list(figure.data[0].x) == pytest.approx([5.0, 4.0])
    assert list(figure.data[0].text) == ["5.0", "4.0"]
    assert figure.layout.xaxis.title.text == "Score points moved on average"


def test_importance_keeps_the_top_15_by_default_and_tells_equal_labels_apart() -> None:
    many = [
        {
            "name": f"F{i}",
            "label": "Même libellé" if i < 2 else f"Info {i}",
            "importance": 1 / (i + 1),
        }
        for i in range(20)
    ]
    bars = make_importance_figure(many, lang="fr").data[0]
    assert len(bars.y) == 15
    assert list(bars.y[:3]) == ["Même libellé (F0)", "Même libellé (F1)", "Info 2"]


def test_cost_curve_marks_the_chosen_threshold_and_the_lowest_cost() -> None:
    figure = make_cost_curve_figure(THRESHOLDS, COSTS, 0.125, lang="fr")
    curve, lowest, chosen = figure.data
    assert list(curve.x) == THRESHOLDS
    assert list(curve.y) == COSTS
    assert list(lowest.x) == [0.15]
    assert list(lowest.y) == [0.47]
    assert list(chosen.x) == [0.125]
    assert chosen.y[0] == pytest.approx(0.475)  # halfway between 0.48 and 0.47
    assert chosen.text == ("Seuil retenu (12,5\u00a0%)",)
    (line,) = figure.layout.shapes
    assert (line.x0, line.x1) == (0.125, 0.125)


def test_roc_and_calibration_draw_the_curve_against_the_diagonal() -> None:
    roc = make_roc_figure([0.0, 0.5, 1.0], [0.0, 0.8, 1.0], lang="en")
    assert list(roc.data[0].y) == [0.0, 0.8, 1.0]
    assert (list(roc.data[1].x), list(roc.data[1].y)) == ([0, 1], [0, 1])
    bins = [
        {"mean_predicted": 0.02, "observed_rate": 0.03, "n": 500},
        {"mean_predicted": 0.30, "observed_rate": 0.38, "n": 500},
    ]
    calibration = make_calibration_figure(bins, lang="en")
    assert list(calibration.data[0].x) == [0.02, 0.30]
    assert list(calibration.data[0].y) == [0.03, 0.38]
    assert list(calibration.data[0].customdata) == [500, 500]
    assert calibration.layout.xaxis.range == pytest.approx((0, 0.418))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_figure_uses_webgl(lang: str) -> None:
    figures = [
        make_importance_figure(FEATURES, lang=lang),
        make_cost_curve_figure(THRESHOLDS, COSTS, 0.1, lang=lang),
        make_roc_figure([0.0, 1.0], [0.0, 1.0], lang=lang),
        make_calibration_figure([{"mean_predicted": 0.1, "observed_rate": 0.1}], lang=lang),
    ]
    for figure in figures:
        assert trace_types(figure) <= {"bar", "scatter"}
        assert figure.layout.template.layout.paper_bgcolor == "white"
        assert figure.layout.font.size >= 12


def test_importance_labels_and_families_holding_markup_are_drawn_as_text() -> None:
    link = '<a href="https://evil.example">Age</a>'
    row = {"name": "AGE_YEARS", "label": link, "family_label": "<b>Age</b>", "importance": 0.2}
    (bars,) = make_importance_figure([row], lang="en").data
    assert list(bars.y) == ['&lt;a href="https://evil.example"&gt;Age&lt;/a&gt;']
    assert list(bars.customdata) == ["&lt;b&gt;Age&lt;/b&gt;"]


VIEW: list[dict[str, Any]] = [
    {
        "name": "EXT_SOURCE_MIN",
        "label": "Plus bas score <b>",
        "quantile": [0.1, 0.5, 0.9, None],
        "points": [-12.0, 1.0, 14.0, -3.0],
    },
    {"name": "AGE_YEARS", "label": "Âge", "quantile": [0.2, 0.8, 0.4], "points": [-2, 3, 0.5]},
]


def test_swarm_offsets_stack_dots_of_a_bin_alternately_within_the_row() -> None:
    offsets = swarm_offsets([1.0, 1.0, 1.0, 1.0, 1.0, 9.0])
    assert offsets[5] == 0.0  # alone in its bin: on the line
    assert sorted(offsets[:5] / offsets[:5].max()) == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert np.abs(offsets).max() == pytest.approx(SWARM_HALF_HEIGHT)
    assert swarm_offsets([]).size == 0
    assert (swarm_offsets([2.0, 2.0]) != 0).any()  # all equal: still spread


def test_direction_reading_follows_the_sign_of_the_value_points_correlation() -> None:
    assert direction_reading([0.1, 0.5, 0.9], [-5, 0, 5]) == 1
    assert direction_reading([0.1, 0.5, 0.9, None], [5, 0, -5, 9]) == -1
    assert direction_reading([0.1, 0.5, 0.9, 0.3], [1, -1, 1, -1]) == 0
    assert direction_reading([None, None], [1, 2]) == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_beeswarm_draws_each_client_once_in_its_row_missing_values_apart(lang: str) -> None:
    figure = make_direction_figure(VIEW, lang=lang)
    known, missing = figure.data
    assert list(known.x) == [-12.0, 1.0, 14.0, -2, 3, 0.5]
    assert list(known.marker.color) == [0.1, 0.5, 0.9, 0.2, 0.8, 0.4]
    assert list(missing.x) == [-3.0]
    assert all(abs(y) <= SWARM_HALF_HEIGHT for y in known.y[:3])
    assert all(abs(y - 1) <= SWARM_HALF_HEIGHT for y in known.y[3:])
    labels = [a.text for a in figure.layout.annotations if a.xref == "paper"]
    assert labels == ["Plus bas score &lt;b&gt;", "Âge"]  # data drawn as text
    assert {trace.type for trace in figure.data} == {"scatter"}  # no WebGL
    points = "+14,0" if lang == "fr" else "+14.0"
    assert points in known.hovertext[2]
