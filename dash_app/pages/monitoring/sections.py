"""Monitoring page sections built from GET monitoring (pure): traffic lights, drift, challenger.

Each takes the API's JSON as the contract writes it (NaN as null) and fetches nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.components.formatting import format_number, format_percent, format_signed
from dash_app.components.messages import icon
from dash_app.pages.model.card_sections import section, table
from dash_app.pages.monitoring import ids
from dash_app.text import catalogue, t
from model_training.features.catalogue import feature_label
from model_training.monitoring.indicators import ABOVE, ALERT, BELOW, OK, UNKNOWN, WARN
from model_training.presentation.drift_bands import PSI_DIGITS, reading
from model_training.presentation.formats import format_date

DRIFT_ROWS = 10
CHALLENGER_WINDOWS = 3  # the challenger's latest windows shown, newest first
# How each indicator's value reads: a PSI, a share difference (percentage points), a ratio
INDICATOR_KINDS = {
    "score_psi": "psi",
    "feature_psi_max": "psi",
    "approval_rate_shift": "points",
    "expected_cost_ratio": "ratio",
    "gini_drop": "gini",
    "calibration_gap": "points",
    "approval_ratio_drop": "points",
}
# The light of each status: Bootstrap colour (contrast checked by Bootstrap) and icon; the word
# beside it carries the status too (never colour alone)
STATUS_STYLE = {
    OK: ("success", "bi-check-circle-fill"),
    WARN: ("warning", "bi-exclamation-triangle-fill"),
    ALERT: ("danger", "bi-x-octagon-fill"),
    UNKNOWN: ("secondary", "bi-question-circle-fill"),
}


def day_words(day: str, lang: str, *, excluded: bool = False) -> str:
    """Return an API day (YYYY-MM-DD) in words; an excluded end reads as the day before it."""
    moment = date.fromisoformat(day) - timedelta(days=1 if excluded else 0)
    return format_date(moment, lang)


def format_indicator(name: str, value: float | None, lang: str) -> str:
    """Return an indicator's value (or threshold) as people read it."""
    kind = INDICATOR_KINDS.get(name, "ratio")
    if kind == "psi":
        return format_number(value, lang, PSI_DIGITS)
    if kind == "points":
        if value is None:
            return format_number(None, lang)
        return t("monitoring.points", lang, value=format_number(100 * value, lang, 1))
    return format_number(value, lang, 3 if kind == "gini" else 2)


def indicator_name(name: str, lang: str) -> str:
    """Return an indicator's name in words (its code name when the catalogue has none)."""
    key = f"monitoring.indicator.{name}"
    return t(key, lang) if key in catalogue() else name


def status_light(status: str, lang: str) -> Component:
    """Return a status as a coloured light with its icon and word."""
    status = status if status in STATUS_STYLE else UNKNOWN
    colour, icon_name = STATUS_STYLE[status]
    return dbc.Badge(
        [icon(icon_name, "me-1"), t(f"monitoring.status.{status}", lang)],
        color=colour,
        text_color="dark" if colour == "warning" else None,
        className=f"monitoring-status monitoring-status-{status}",
    )


def indicator_card(
    indicator: Mapping[str, Any], thresholds: Mapping[str, Any], lang: str
) -> Component:
    """Return one indicator's card: name, value, status light and its thresholds."""
    name = indicator["name"]
    direction = (thresholds.get(name) or {}).get("direction", ABOVE)
    hint = t(
        f"monitoring.hint.{BELOW if direction == BELOW else ABOVE}",
        lang,
        warn=format_indicator(name, indicator.get("warn"), lang),
        alert=format_indicator(name, indicator.get("alert"), lang),
    )
    colour = STATUS_STYLE.get(indicator.get("status", UNKNOWN), STATUS_STYLE[UNKNOWN])[0]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(indicator_name(name, lang), className="h6 card-title"),
                html.P(
                    [
                        html.Span(
                            format_indicator(name, indicator.get("value"), lang),
                            className="fs-4 me-2",
                        ),
                        status_light(indicator.get("status", UNKNOWN), lang),
                    ],
                    className="mb-1",
                ),
                html.P(hint, className="small text-body-secondary mb-0"),
            ]
        ),
        className=f"monitoring-light h-100 border-{colour}",
    )


def lights_section(payload: Mapping[str, Any], lang: str) -> Component:
    """Return the latest window's traffic lights, one card an indicator."""
    latest = payload["latest"]
    thresholds = payload.get("thresholds") or {}
    statistics = latest.get("statistics") or {}
    cards = [
        dbc.Col(indicator_card(indicator, thresholds, lang), md=6, lg=4, className="mb-3")
        for indicator in latest.get("indicators") or []
    ]
    window = t(
        "monitoring.lights.window",
        lang,
        start=day_words(latest["start"], lang),
        end=day_words(latest["end"], lang, excluded=True),
        n=format_number(statistics.get("n"), lang),
    )
    return section(
        t("monitoring.lights.heading", lang),
        [html.P(window), dbc.Row(cards, id=ids.MONITORING_LIGHTS_DIV)],
        ids.MONITORING_LIGHTS_SECTION,
    )


def drift_rows(statistics: Mapping[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """Return the top inputs by PSI: label in words, PSI as shown, its reading in words."""
    rows = [row for row in statistics.get("feature_drift") or [] if row.get("psi") is not None]
    rows.sort(key=lambda row: -float(row["psi"]))
    return [
        (
            feature_label(row["feature"], lang),
            format_number(row["psi"], lang, PSI_DIGITS),
            t(f"model.drift.{reading(row['psi'])}", lang),
        )
        for row in rows[:DRIFT_ROWS]
    ]


def drift_section(payload: Mapping[str, Any], lang: str) -> Component:
    """Return the latest window's inputs that drifted most (PSI and reading)."""
    body = drift_rows(payload["latest"].get("statistics") or {}, lang)
    headers = [t(f"model.drift.{key}", lang) for key in ("input", "psi", "reading")]
    caption = t("monitoring.drift.caption", lang, n=len(body))
    return section(
        t("monitoring.drift.heading", lang),
        [table(caption, headers, body, ids.MONITORING_DRIFT_TABLE)],
        ids.MONITORING_DRIFT_SECTION,
    )


def _signed(value: float | None, lang: str) -> str:
    """Return a probability gap with its sign and 3 decimals (a dash when unknown)."""
    return format_number(None, lang) if value is None else format_signed(value, lang, 3)


def _auc(value: float | None, lang: str) -> str:
    """Return an AUC with 3 decimals (a dash when no outcome is known yet)."""
    return format_number(value, lang, 3)


def challenger_table(
    window: Mapping[str, Any],
    champion_window: Mapping[str, Any] | None,
    versions: tuple[str, str],
    lang: str,
) -> Component:
    """Return one window's champion-vs-challenger measures (the pair measures: challenger's).

    ``champion_window`` is the champion's window of the same days (None: it has none).
    """
    stats = (champion_window or {}).get("statistics") or {}
    champion, challenger = versions
    headers = [
        t("monitoring.challenger.measure", lang),
        t("monitoring.challenger.champion", lang),
        t("monitoring.challenger.challenger", lang),
    ]
    empty = ""
    champion_psi = (stats.get("score_drift") or {}).get("psi")
    rows: Sequence[tuple[str, str, str]] = [
        (t("monitoring.challenger.version", lang), champion, challenger),
        (
            t("monitoring.challenger.n", lang),
            format_number(stats.get("n"), lang),
            format_number(window.get("n"), lang),
        ),
        (
            t("monitoring.challenger.approval", lang),
            format_percent(stats.get("approval_rate"), lang),
            format_percent(window.get("approval_rate"), lang),
        ),
        (
            t("monitoring.challenger.cost", lang),
            format_number(stats.get("expected_cost"), lang, 3),
            format_number(window.get("expected_cost"), lang, 3),
        ),
        (
            t("monitoring.figure.score_psi", lang),
            format_number(champion_psi, lang, PSI_DIGITS),
            format_number(window.get("score_psi"), lang, PSI_DIGITS),
        ),
        (
            t("monitoring.challenger.agreement", lang),
            empty,
            format_percent(window.get("agreement"), lang),
        ),
        (
            t("monitoring.challenger.gap", lang),
            empty,
            _signed(window.get("mean_probability_gap"), lang),
        ),
        (
            t("monitoring.challenger.auc", lang),
            _auc(window.get("champion_auc"), lang),
            _auc(window.get("auc"), lang),
        ),
    ]
    caption = t(
        "monitoring.challenger.caption",
        lang,
        start=day_words(window["start"], lang),
        end=day_words(window["end"], lang, excluded=True),
    )
    return table(caption, headers, rows, f"{ids.MONITORING_CHALLENGER_DIV}-{window['start']}")


def challenger_section(payload: Mapping[str, Any], lang: str) -> Component:
    """Return the challenger's latest windows beside the champion's (newest first), or how to
    put one in shadow."""
    challenger = payload.get("challenger")
    if not challenger:
        children: list[Component] = [html.P(t("monitoring.challenger.none", lang))]
    else:
        versions = (payload["model_version"], challenger["model_version"])
        intro = t("monitoring.challenger.intro", lang, champion=versions[0], challenger=versions[1])
        champion_windows = {window["start"]: window for window in payload.get("windows") or []}
        latest = list(reversed(challenger.get("windows") or []))[:CHALLENGER_WINDOWS]
        children = [
            html.P(intro),
            *(
                challenger_table(window, champion_windows.get(window["start"]), versions, lang)
                for window in latest
            ),
        ]
    return section(
        t("monitoring.challenger.heading", lang),
        [html.Div(children, id=ids.MONITORING_CHALLENGER_DIV)],
        ids.MONITORING_CHALLENGER_SECTION,
    )
