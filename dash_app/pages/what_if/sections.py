"""The what-if page's parts: the prompt, what changed, the result beside the file (no fetching)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.application_form import field_label
from dash_app.components.application_form_state import display_value
from dash_app.components.application_specs import FIELDS
from dash_app.components.simulation_result import (
    comparison_summary,
    comparison_table,
    reasons_list,
    referral_panel,
)
from dash_app.figures.comparison import make_comparison_figure
from dash_app.pages.what_if import ids
from dash_app.text import t


def prompt(lang: str) -> Component:
    """Return what the result area says before a simulation."""
    return html.P(t("whatif.prompt", lang), className="text-body-secondary")


def changes_summary(
    changed: list[str],
    values: dict[str, Any],
    original: dict[str, Any],
    labels: Mapping[str, str],
    lang: str,
) -> Component:
    """Return which values the simulation changed, from what to what (or that none was)."""
    if not changed:
        return html.P(t("whatif.no_change", lang))
    items = [
        html.Li(
            t(
                "whatif.change_item",
                lang,
                label=field_label(FIELDS[name], labels, lang),
                before=display_value(FIELDS[name], original.get(name), lang),
                after=display_value(FIELDS[name], values.get(name), lang),
            )
        )
        for name in changed
    ]
    return html.Div([html.P(t("whatif.changed", lang), className="mb-1"), html.Ul(items)])


def simulation_result(
    original: Mapping[str, Any],
    original_reasons: Mapping[str, Any],
    simulated: Mapping[str, Any],
    changed: Component,
    lang: str,
) -> list[Component]:
    """Return the simulation beside the current file: changes, table, chart, both reasons."""
    figure = make_comparison_figure(original, simulated, simulated["threshold"], lang=lang)
    return [
        html.P(t("whatif.notice", lang), className="fw-semibold"),
        changed,
        comparison_table(original, simulated, lang, ids.WHAT_IF_TABLE),
        referral_panel(simulated, lang, ids.WHAT_IF_REFERRAL),
        dcc.Graph(
            id=ids.WHAT_IF_GRAPH,
            figure=figure,
            config={"displayModeBar": False},
            responsive=True,
            style={"height": f"{figure.layout.height}px"},
        ),
        html.P(
            comparison_summary(original, simulated, lang),
            id=ids.WHAT_IF_SUMMARY_P,
            className="chart-summary",
        ),
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.H3(t("whatif.reasons_current", lang), className="h5"),
                        reasons_list(
                            original_reasons["reasons"], lang, ids.WHAT_IF_REASONS_CURRENT
                        ),
                    ],
                    md=6,
                ),
                dbc.Col(
                    [
                        html.H3(t("whatif.reasons_simulated", lang), className="h5"),
                        reasons_list(
                            simulated["explanation"]["reasons"],
                            lang,
                            ids.WHAT_IF_REASONS_SIMULATED,
                        ),
                    ],
                    md=6,
                ),
            ]
        ),
    ]
