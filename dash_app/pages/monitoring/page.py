"""The monitoring page (advisors): the live model's traffic lights, trends, drift, challenger."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.access import ADVISOR_ROLES, Viewer
from dash_app.pages.monitoring import callbacks, ids
from dash_app.pages.monitoring.content import DEFAULT_WINDOW, WINDOWS
from dash_app.text import current_lang, t

dash.register_page(
    __name__,
    path="/monitoring",
    title=lambda **_: t("monitoring.title", current_lang()),
    order=6,  # after the reviews: the navigation's last link for advisors
    charts=True,
    roles=ADVISOR_ROLES,
    nav="monitoring.nav",
    callbacks=callbacks.register_callbacks,
)


def controls(lang: str) -> Component:
    """Return the window select and the date range (empty days: the API's default range)."""
    options = [{"label": t(f"monitoring.window.{name}", lang), "value": name} for name in WINDOWS]
    fields = [
        (ids.MONITORING_WINDOW_SELECT, "monitoring.window", None),
        (ids.MONITORING_FROM_INPUT, "monitoring.from", "date"),
        (ids.MONITORING_TO_INPUT, "monitoring.to", "date"),
    ]
    columns = []
    for field_id, label_key, kind in fields:
        field: Component = (
            dbc.Select(id=field_id, options=options, value=DEFAULT_WINDOW)
            if kind is None
            else dbc.Input(id=field_id, type=kind, debounce=True)
        )
        columns.append(dbc.Col([dbc.Label(t(label_key, lang), html_for=field_id), field], md=4))
    return dbc.Row(columns, className="g-3 mb-3")


def layout(viewer: Viewer, **_: object) -> Component:
    """Return the controls and the content the callback fills from GET monitoring."""
    lang = current_lang()
    return html.Div(
        [
            html.H1(t("monitoring.title", lang), className="h3 mb-2"),
            html.P(t("monitoring.intro", lang), className="lead fs-6"),
            controls(lang),
            html.Div(id=ids.MONITORING_CONTENT_DIV),
        ],
        className="monitoring-page",
    )
