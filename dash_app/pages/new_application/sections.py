"""The new-application page's parts: the empty form's values, the prompt, the result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.components.messages import icon
from dash_app.components.simulation_result import reasons_list, referral_panel, score_card
from dash_app.pages.new_application import ids
from dash_app.text import t

DEFAULT_VALUES = {  # what an empty form starts with (the rest is left blank)
    "contract_type": "Cash loans",
    "knows_instalment": False,
    "children": 0,
    "family_members": 1,
    "not_employed": False,
    "own_car": False,
    "own_realty": False,
}


def prompt(lang: str) -> Component:
    """Return what the result area says before scoring."""
    return html.P(t("newapp.prompt", lang), className="text-body-secondary")


def score_result(result: Mapping[str, Any], lang: str) -> list[Component]:
    """Return a scored application: decision, referral, main reasons and the history caveat."""
    return [
        dbc.Row(
            [
                dbc.Col(
                    [
                        score_card(result, lang, ids.NEW_APPLICATION_SCORE),
                        referral_panel(result, lang, ids.NEW_APPLICATION_REFERRAL),
                    ],
                    lg=6,
                ),
                dbc.Col(
                    [
                        html.H3(t("appform.result.reasons", lang), className="h5"),
                        reasons_list(
                            result["explanation"]["reasons"], lang, ids.NEW_APPLICATION_REASONS
                        ),
                    ],
                    lg=6,
                ),
            ]
        ),
        html.P(
            [icon("bi-info-circle", "me-1"), t("newapp.history_note", lang)],
            className="small mt-3",
        ),
    ]
