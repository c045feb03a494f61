"""Figure builders of the monitoring page: one small trend line a measure over windows (pure).

Each takes the API's ``windows`` (oldest first, ``statistics`` as ``window_statistics`` writes
them, NaN as null) and draws one point a window at its first day; a missing value is a gap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dash_app.components.theme import GRANTED, INK, REFERENCE, REFUSED, figure_layout
from dash_app.text import t
from model_training.presentation.drift_bands import MODERATE, SIGNIFICANT

Window = Mapping[str, Any]
TREND_HEIGHT = 260
BAND_LINE = {"color": REFERENCE, "width": 1, "dash": "dot"}
MAX_TICK_WINDOWS = 16  # up to this many windows, one tick at each window's first day


def statistic(window: Window, *path: str) -> float | None:
    """Return a window's statistic at ``path`` (``"score_drift", "psi"``), None when absent."""
    value: Any = window.get("statistics") or {}
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return None if value is None else float(value)


def has_outcomes(windows: Sequence[Window]) -> bool:
    """Tell whether any window holds outcome statistics (a Gini to compare)."""
    return any(statistic(window, "outcomes", "gini") is not None for window in windows)


def _line(
    windows: Sequence[Window], read: Callable[[Window], float | None], name: str, colour: str
) -> go.Scatter:
    """Return one measure's line over the windows, a marker at each window's first day."""
    return go.Scatter(
        x=[window["start"] for window in windows],
        y=[read(window) for window in windows],
        mode="lines+markers",
        name=name,
        line={"color": colour, "width": 2},
        connectgaps=False,
    )


def _trend_figure(traces: list[go.Scatter], axis: str, lang: str, **yaxis: Any) -> go.Figure:
    """Return a small trend chart of these lines in the product's theme."""
    figure = go.Figure(traces)
    starts = list(traces[0].x or [])
    ticks = {"tickvals": starts} if len(starts) <= MAX_TICK_WINDOWS else {}
    figure.update_layout(
        **figure_layout(lang, height=TREND_HEIGHT, legend={"orientation": "h", "y": -0.3}),
        margin={"l": 10, "r": 20, "t": 10, "b": 10},
        showlegend=len(traces) > 1,
        xaxis={"type": "date", "tickformat": "%d/%m" if lang == "fr" else "%b %d", **ticks},
        yaxis={"title": {"text": axis}, **yaxis},
    )
    return figure


def make_volume_figure(windows: Sequence[Window], *, lang: str) -> go.Figure:
    """Draw the number of scoring events of each window."""
    name = t("monitoring.figure.volume", lang)
    line = _line(windows, lambda window: statistic(window, "n"), name, GRANTED)
    return _trend_figure([line], name, lang, rangemode="tozero")


def make_approval_figure(windows: Sequence[Window], *, lang: str) -> go.Figure:
    """Draw the approval rate of each window."""
    name = t("monitoring.figure.approval", lang)
    line = _line(windows, lambda window: statistic(window, "approval_rate"), name, GRANTED)
    return _trend_figure([line], name, lang, tickformat=".0%", rangemode="tozero")


def make_score_psi_figure(windows: Sequence[Window], *, lang: str) -> go.Figure:
    """Draw the score's PSI of each window, with the drift bands' edges as dotted lines."""
    name = t("monitoring.figure.score_psi", lang)
    line = _line(windows, lambda window: statistic(window, "score_drift", "psi"), name, INK)
    figure = _trend_figure([line], name, lang, rangemode="tozero")
    for edge, key in ((MODERATE, "moderate"), (SIGNIFICANT, "significant")):
        figure.add_hline(
            y=edge,
            line=BAND_LINE,
            annotation_text=t(f"monitoring.drift.{key}", lang),
            annotation_position="top left",
        )
    return figure


def make_cost_figure(windows: Sequence[Window], *, lang: str) -> go.Figure:
    """Draw the expected cost per decision of each window (it assumes calibration)."""
    name = t("monitoring.figure.cost", lang)
    line = _line(windows, lambda window: statistic(window, "expected_cost"), name, REFUSED)
    return _trend_figure([line], name, lang, rangemode="tozero")


def make_gini_figure(windows: Sequence[Window], *, lang: str) -> go.Figure:
    """Draw the actual Gini beside the Gini the probabilities expect, window by window."""
    actual = _line(
        windows,
        lambda window: statistic(window, "outcomes", "gini"),
        t("monitoring.figure.gini_actual", lang),
        GRANTED,
    )
    expected = _line(
        windows,
        lambda window: statistic(window, "outcomes", "expected_gini"),
        t("monitoring.figure.gini_expected", lang),
        REFERENCE,
    )
    expected.line.dash = "dash"
    return _trend_figure([actual, expected], t("monitoring.figure.gini", lang), lang)
