"""One theme: the dashboard's figures and the report's draw with the same colours and marks.

The theme itself is tested in tests/model_training/presentation/test_theme.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from dash_app.figures.comparison import make_comparison_figure
from dash_app.figures.gauge import make_gauge_figure
from dash_app.figures.model import make_cost_curve_figure, make_roc_figure
from dash_app.figures.scatter import make_scatter_figure
from dash_app.figures.waterfall import make_waterfall_figure
from model_training.evaluate.report import figures as report_figures
from model_training.evaluate.report import population_figures as report_population
from model_training.presentation import theme

ROOT = Path(__file__).parents[3]
THEME_MODULE = ROOT / "model_training" / "presentation" / "theme.py"
COLOUR_LITERAL = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\b|\brgba?\(")
COST: dict[str, Any] = {
    "thresholds": [0.0, 0.2, 0.5, 1.0],
    "cost_per_client": [0.9, 0.4, 0.7, 0.8],
    "cost_fold_std": [0.0, 0.05, 0.1, 0.0],
    "chosen": {"threshold": 0.2, "cost_per_client": 0.4},
    "half": {"threshold": 0.5, "cost_per_client": 0.7},
    "costs": {"false_negative": 10.0, "false_positive": 1.0},
}
ROC: dict[str, Any] = {
    "fpr": [0.0, 1.0],
    "tpr_mean": [0.0, 1.0],
    "tpr_std": [0.0, 0.0],
    "folds": [],
    "auc_mean": 0.5,
    "auc_std": 0.0,
}
FAIRNESS = [
    {
        "attribute": "gender",
        "group": "F",
        "n": 10,
        "approval_rate": 0.8,
        "true_positive_rate": 0.5,
        "false_positive_rate": 0.1,
    }
]


def named(figure: go.Figure, name: str) -> go.BaseTraceType:
    """Return a figure's trace of that name."""
    return next(trace for trace in figure.data if trace.name == name)


def test_the_decision_colours_are_the_same_on_every_dashboard_figure() -> None:
    granted = {"probability": 0.05, "decision": "granted"}
    refused = {"probability": 0.2, "decision": "refused"}
    bars = make_comparison_figure(granted, refused, 0.1, lang="en").data[0]
    gauge = make_gauge_figure(0.2, 0.1, decision="refused", lang="en").data[0]
    points = [
        {"x": 1.0, "y": 2.0, "decision": "granted"},
        {"x": 2.0, "y": 1.0, "decision": "refused"},
    ]
    scatter = make_scatter_figure(points, None, "X", "Y", lang="en")
    assert list(bars.marker.color) == [theme.GRANTED, theme.REFUSED]
    assert gauge.gauge.bar.color == theme.REFUSED
    assert named(scatter, "Granted").marker.color == theme.GRANTED
    assert named(scatter, "Refused").marker.color == theme.REFUSED


def test_the_report_and_the_dashboard_draw_the_cost_curve_alike() -> None:
    report = report_figures.make_cost_figure(COST)
    dashboard = make_cost_curve_figure(COST["thresholds"], COST["cost_per_client"], 0.2, lang="en")
    report_curve = named(report, "cost per client (out of fold)")
    dashboard_curve = dashboard.data[0]
    assert report_curve.line.to_plotly_json() == dashboard_curve.line.to_plotly_json()
    assert named(report, "chosen threshold").marker.color == dashboard.data[-1].marker.color
    assert report.layout.shapes[0].line.to_plotly_json() == theme.THRESHOLD_LINE
    assert dashboard.layout.shapes[0].line.to_plotly_json() == theme.THRESHOLD_LINE


def test_the_report_and_the_dashboard_draw_the_roc_curve_alike() -> None:
    report = report_figures.make_roc_figure(ROC)
    dashboard = make_roc_figure(ROC["fpr"], ROC["tpr_mean"], lang="en")
    assert report.data[-2].line.to_plotly_json() == dashboard.data[0].line.to_plotly_json()
    assert report.data[-1].line.to_plotly_json() == dashboard.data[1].line.to_plotly_json()


def test_the_report_colours_refusals_and_approvals_as_the_dashboard_does() -> None:
    fairness = report_population.make_fairness_figure(FAIRNESS)
    assert named(fairness, "approval rate").marker.color == theme.GRANTED
    assert named(fairness, "good clients refused (FPR)").marker.color == theme.REFUSED


def test_the_threshold_is_drawn_alike_on_the_waterfall_and_the_what_if() -> None:
    waterfall = make_waterfall_figure([], 600.0, lang="en", threshold_points=550.0)
    comparison = make_comparison_figure(
        {"probability": 0.05, "decision": "granted"},
        {"probability": 0.05, "decision": "granted"},
        0.1,
        lang="en",
    )
    for figure in (waterfall, comparison):
        assert figure.layout.shapes[0].line.to_plotly_json() == theme.THRESHOLD_LINE


def test_a_figure_carries_a_small_template() -> None:
    figure = make_gauge_figure(0.2, 0.1, decision="refused", lang="fr")
    template = json.dumps(figure.to_plotly_json()["layout"]["template"])
    full = json.dumps(
        go.Figure(layout={"template": "plotly_white"}).layout.template.to_plotly_json()
    )
    assert len(template) < len(full) / 3


@pytest.mark.parametrize("package", ["dash_app", "model_training", "scoring_api"])
def test_no_colour_is_written_outside_the_theme(package: str) -> None:
    written = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != THEME_MODULE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if COLOUR_LITERAL.search(line)
    ]
    assert written == [], "import the colour from model_training.presentation.theme"
