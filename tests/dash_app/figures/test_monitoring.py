"""Figures of the monitoring page: trend lines over windows, PSI band edges, Gini lines."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import pytest

from dash_app.components.theme import LIGHT_TEMPLATE
from dash_app.figures.monitoring import (
    has_outcomes,
    make_approval_figure,
    make_cost_figure,
    make_gini_figure,
    make_score_psi_figure,
    make_volume_figure,
    statistic,
)
from model_training.presentation.drift_bands import MODERATE, SIGNIFICANT
from model_training.presentation.formats import number_separators
from tests.dash_app.monitoring_payloads import monitoring_payload

WINDOWS = monitoring_payload()["windows"]
STARTS = ("2026-11-02", "2026-11-09", "2026-11-16")


def test_a_statistic_is_read_by_its_path_and_none_when_absent() -> None:
    window = WINDOWS[0]
    assert statistic(window, "n") == 120
    assert statistic(window, "score_drift", "psi") == pytest.approx(0.02)
    assert statistic(window, "outcomes", "gini") is None  # no outcomes: null
    assert statistic({"start": "2026-11-02"}, "n") is None


@pytest.mark.parametrize(
    ("build", "values"),
    [
        (make_volume_figure, (120, 130, 140)),
        (make_approval_figure, (0.70, 0.69, 0.68)),
        (make_score_psi_figure, (0.02, 0.04, 0.06)),
        (make_cost_figure, (0.5, 0.5, 0.5)),
    ],
)
def test_each_trend_draws_one_point_a_window_at_its_first_day(
    build: Callable[..., go.Figure], values: tuple[float, ...]
) -> None:
    figure = build(WINDOWS, lang="fr")
    assert isinstance(figure, go.Figure)
    (line,) = figure.data
    assert line.type == "scatter"
    assert tuple(line.x) == STARTS
    assert line.y == pytest.approx(values)
    assert tuple(figure.layout.xaxis.tickvals) == STARTS  # a tick a window
    assert figure.layout.template == LIGHT_TEMPLATE
    assert figure.layout.separators == number_separators("fr")


def test_the_score_psi_shows_the_drift_bands_edges_of_the_one_owner() -> None:
    figure = make_score_psi_figure(WINDOWS, lang="en")
    assert sorted(shape.y0 for shape in figure.layout.shapes) == [MODERATE, SIGNIFICANT]
    assert [note.text for note in figure.layout.annotations] == [
        "moderate drift",
        "significant drift",
    ]


def test_a_missing_value_is_a_gap_not_a_zero() -> None:
    windows = [dict(window) for window in WINDOWS]
    windows[1] = {**windows[1], "statistics": {**windows[1]["statistics"], "approval_rate": None}}
    (line,) = make_approval_figure(windows, lang="en").data
    assert line.y[1] is None
    assert line.connectgaps is False


def test_the_gini_trend_draws_actual_beside_expected_once_outcomes_exist() -> None:
    windows = monitoring_payload(outcomes=True)["windows"]
    assert has_outcomes(windows)
    assert not has_outcomes(WINDOWS)
    actual, expected = make_gini_figure(windows, lang="en").data
    assert (actual.name, expected.name) == ("Actual Gini", "Expected Gini")
    assert list(actual.y) == [None, 0.5, 0.5]  # the first window has no outcome yet
    assert list(expected.y) == [None, 0.52, 0.52]
    assert expected.line.dash == "dash"
