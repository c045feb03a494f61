"""The monitoring page's trends: small charts of a few measures over the windows (pure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash.development.base_component import Component

from dash_app.components.formatting import format_number, format_percent
from dash_app.figures.monitoring import (
    has_outcomes,
    make_approval_figure,
    make_cost_figure,
    make_gini_figure,
    make_score_psi_figure,
    make_volume_figure,
    statistic,
)
from dash_app.pages.model.card_sections import chart, section
from dash_app.pages.monitoring import ids
from dash_app.text import t
from model_training.presentation.drift_bands import MODERATE, PSI_DIGITS, SIGNIFICANT, reading


def _range(values: list[float], lang: str, show: Callable[[float, str], str]) -> dict[str, str]:
    """Return the lowest and highest of the values as shown."""
    return {"low": show(min(values), lang), "high": show(max(values), lang)}


def volume_summary(windows: list[Mapping[str, Any]], lang: str) -> str:
    """Return how many windows are shown and their lowest and highest volume."""
    volumes = [statistic(window, "n") or 0.0 for window in windows]
    return t(
        "monitoring.trends.volume_summary",
        lang,
        n=len(windows),
        **_range(volumes, lang, format_number),
    )


def approval_summary(windows: list[Mapping[str, Any]], lang: str) -> str:
    """Return the latest approval rate and the range over the windows."""
    rates = [statistic(window, "approval_rate") for window in windows]
    known = [rate for rate in rates if rate is not None]
    return t(
        "monitoring.trends.approval_summary",
        lang,
        latest=format_percent(rates[-1], lang),
        **_range(known or [float("nan")], lang, format_percent),
    )


def psi_summary(windows: list[Mapping[str, Any]], lang: str) -> str:
    """Return the latest score PSI, its reading, and the band edges drawn."""
    psi = statistic(windows[-1], "score_drift", "psi")
    return t(
        "monitoring.trends.psi_summary",
        lang,
        psi=format_number(psi, lang, PSI_DIGITS),
        reading=t(f"model.drift.{reading(psi)}", lang) if psi is not None else "—",
        moderate=format_number(MODERATE, lang, 2),
        significant=format_number(SIGNIFICANT, lang, 2),
    )


def gini_summary(windows: list[Mapping[str, Any]], lang: str) -> str:
    """Return the latest actual and expected Gini of the windows with outcomes."""
    known = [window for window in windows if statistic(window, "outcomes", "gini") is not None]
    latest = known[-1]
    return t(
        "monitoring.trends.gini_summary",
        lang,
        actual=format_number(statistic(latest, "outcomes", "gini"), lang, 3),
        expected=format_number(statistic(latest, "outcomes", "expected_gini"), lang, 3),
    )


def trends_section(payload: Mapping[str, Any], lang: str) -> Component:
    """Return volume, approval rate, score PSI, expected cost and (with outcomes) Gini trends."""
    windows = list(payload["windows"])
    charts = [
        (make_volume_figure, ids.MONITORING_VOLUME_GRAPH, volume_summary(windows, lang)),
        (make_approval_figure, ids.MONITORING_APPROVAL_GRAPH, approval_summary(windows, lang)),
        (make_score_psi_figure, ids.MONITORING_PSI_GRAPH, psi_summary(windows, lang)),
        (make_cost_figure, ids.MONITORING_COST_GRAPH, t("monitoring.trends.cost_note", lang)),
    ]
    if has_outcomes(windows):
        charts.append((make_gini_figure, ids.MONITORING_GINI_GRAPH, gini_summary(windows, lang)))
    columns = [
        dbc.Col(chart(build(windows, lang=lang), graph_id, text), md=6)
        for build, graph_id, text in charts
    ]
    return section(
        t("monitoring.trends.heading", lang), [dbc.Row(columns)], ids.MONITORING_TRENDS_SECTION
    )
