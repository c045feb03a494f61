"""Layout of the comparison page: feature pickers, group choice, chart blocks (no fetching)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.aria import aria
from dash_app.components.messages import loading
from dash_app.pages.compare import ids
from dash_app.text import t

SIMILAR_MODE = "similar"  # the default group, the only one the "similar clients" note is for
GROUP_MODES = (SIMILAR_MODE, "decision", "all")  # what the group selector offers
MODE_GROUPS = {  # mode -> (the peers route's group parameter, the groups drawn)
    "similar": ("similar", ("similar",)),
    "decision": (None, ("granted", "refused")),
    "all": ("all", ("all",)),
}
GRAPH_CONFIG: dcc.Graph.Config = {"displaylogo": False, "responsive": True}
Feature = Mapping[str, Any]


def ranked_features(features: Sequence[Feature], *, numeric_only: bool = False) -> list[Feature]:
    """Return the model's inputs, most important first (numeric ones only when asked)."""
    chosen = [f for f in features if not (numeric_only and f["categorical"])]
    return sorted(chosen, key=lambda f: (-float(f.get("importance") or 0.0), f["label"]))


def feature_options(features: Sequence[Feature]) -> list[dict[str, Any]]:
    """Return select options: plain labels, the features' names as values."""
    return [{"label": f["label"], "value": f["name"]} for f in features]


def without_option(options: Sequence[dict[str, Any]], taken: str | None) -> list[dict[str, Any]]:
    """Return the options with the one already taken by the other axis disabled."""
    return [{**option, "disabled": option["value"] == taken} for option in options]


def labelled_select(
    select_id: str,
    label: str,
    options: list[dict[str, Any]],
    value: str | None,
) -> Component:
    """Return a native select with a visible label (keyboard: type a label's first letters).

    A native select, not ``dcc.Dropdown``: with the model's 200-odd inputs, each dropdown
    indexed every option for its search box when the page opened (about 70 ms of the
    browser's time each, three on this page).
    """
    return html.Div(
        [
            html.Label(label, htmlFor=select_id, className="form-label fw-semibold"),
            dbc.Select(id=select_id, options=options, value=value),
        ],
        className="mb-3",
    )


def group_selector(value: str, lang: str) -> Component:
    """Return the labelled choice of groups to compare with."""
    return html.Fieldset(
        [
            html.Legend(t("compare.group", lang), className="form-label fw-semibold fs-6"),
            dbc.RadioItems(
                id=ids.COMPARE_GROUP_RADIO,
                options=[{"label": t(f"compare.group.{m}", lang), "value": m} for m in GROUP_MODES],
                value=value,
            ),
            html.P(
                t("compare.similar_note", lang),
                id=ids.COMPARE_SIMILAR_NOTE,
                className="small text-body-secondary mt-2",
                hidden=value != SIMILAR_MODE,
            ),
        ],
        className="mb-3",
    )


def chart_block(
    graph_id: str,
    summary_id: str,
    alert_id: str,
    loading_id: str,
    figure: go.Figure,
    summary: str,
    alert: Component | None = None,
) -> Component:
    """Return a chart with its text alternative and its place for an error message."""
    return loading(
        html.Div(
            [
                html.Div(alert, id=alert_id),
                html.P(summary, id=summary_id, className="chart-summary", **aria(live="polite")),
                dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG),
            ]
        ),
        loading_id,
    )


def univariate_section(
    options: list[dict[str, Any]],
    feature: str | None,
    mode: str,
    chart: Component,
    lang: str,
) -> Component:
    """Return the one-feature comparison: pickers on the left, chart and summary on the right."""
    return html.Section(
        [
            html.H2(t("compare.univariate.heading", lang), className="h4"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            labelled_select(
                                ids.COMPARE_FEATURE_SELECT,
                                t("compare.feature", lang),
                                options,
                                feature,
                            ),
                            html.P(
                                t("compare.feature_hint", lang),
                                className="small text-body-secondary",
                            ),
                            group_selector(mode, lang),
                        ],
                        md=4,
                    ),
                    dbc.Col(chart, md=8),
                ]
            ),
        ],
        className="mb-4",
    )


def bivariate_section(
    options: list[dict[str, Any]],
    x: str | None,
    y: str | None,
    chart: Component,
    lang: str,
) -> Component:
    """Return the two-feature comparison: two pickers, then the scatter and its summary."""
    pickers = [  # an axis cannot take the feature the other one shows
        (ids.COMPARE_X_SELECT, "compare.x_feature", without_option(options, y), x),
        (ids.COMPARE_Y_SELECT, "compare.y_feature", without_option(options, x), y),
    ]
    return html.Section(
        [
            html.H2(t("compare.bivariate.heading", lang), className="h4"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            labelled_select(select, t(key, lang), choices, value)
                            for select, key, choices, value in pickers
                        ],
                        md=4,
                    ),
                    dbc.Col(chart, md=8),
                ]
            ),
        ],
        className="mb-4",
    )
