"""The model page: card in plain words, importance, metrics; cost, fairness, drift for advisors."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import PEOPLE_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.messages import error_alert, icon
from dash_app.pages.model import ids
from dash_app.pages.model.card_sections import (
    card_section,
    importance_section,
    metrics_section,
)
from dash_app.pages.model.curve_sections import (
    cost_section,
    drift_section,
    fairness_section,
    quality_section,
    report_section,
)
from dash_app.pages.model.direction_section import direction_section
from dash_app.text import current_lang, t

dash.register_page(
    __name__,
    path="/model",
    title=lambda **_: t("model.title", current_lang()),
    order=4,  # the navigation's last link
    charts=True,
    roles=PEOPLE_ROLES,  # a client account sees the card, not the advisors' curves
    nav="nav.model",
)


def layout(viewer: Viewer, **_: object) -> Component:
    """Return the page with its sections drawn from the model card (and curves for advisors)."""
    lang = current_lang()
    return html.Div(
        [
            html.H1(t("model.title", lang), className="h3 mb-2"),
            html.P(t("model.intro", lang), className="lead fs-6"),
            html.Div(model_sections(viewer.is_advisor, lang), id=ids.MODEL_CONTENT_DIV),
        ],
        className="model-page",
    )


def restricted_note(lang: str) -> Component:
    """Return the note telling a client which parts of the page are for advisors."""
    return dbc.Alert(
        [icon("bi-info-circle-fill", "me-2"), t("model.restricted", lang)],
        color="info",
        className="mt-4",
        id=ids.MODEL_RESTRICTED_ALERT,
    )


def curve_sections(card: dict[str, Any], lang: str) -> list[Component]:
    """Return the advisor-only sections (evaluation curves and report link)."""
    try:
        curves = api_client.model_curves()
    except ApiClientError as error:
        return [restricted_note(lang) if error.status == 403 else error_alert(error, lang)]
    labels = {row["name"]: row["label"] for row in card.get("features") or []}
    return [
        cost_section(curves, lang),
        quality_section(curves, lang),
        fairness_section(curves, lang),
        drift_section(curves, labels, lang),
        report_section(api_client.model_report_url(), lang),
    ]


def model_sections(is_advisor: bool, lang: str) -> list[Component]:
    """Fetch the model card (and the curves for advisors) and build the page's sections."""
    try:
        card = api_client.model_card(lang)
    except ApiClientError as error:
        return [error_alert(error, lang)]
    sections = [card_section(card, lang), importance_section(card, lang)]
    if is_advisor:  # the direction view completes the importance: how much, then which way
        view = direction_section(lang)
        return [*sections, view, metrics_section(card, lang), *curve_sections(card, lang)]
    return [*sections, metrics_section(card, lang), restricted_note(lang)]
