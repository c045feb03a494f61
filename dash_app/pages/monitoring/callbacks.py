"""The monitoring page's callback: the controls ask GET monitoring, the content shows it."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output
from dash.development.base_component import Component

from dash_app.pages.monitoring import ids
from dash_app.pages.monitoring.content import monitoring_content
from dash_app.text import current_lang


def show_monitoring(window: Any, start: Any, end: Any) -> list[Component]:
    """Return the page's content for the chosen window and days."""
    return monitoring_content(window, start, end, current_lang())


def register_callbacks(app: dash.Dash) -> None:
    """Add the monitoring page's callback to this app."""
    app.callback(
        Output(ids.MONITORING_CONTENT_DIV, "children"),
        Input(ids.MONITORING_WINDOW_SELECT, "value"),
        Input(ids.MONITORING_FROM_INPUT, "value"),
        Input(ids.MONITORING_TO_INPUT, "value"),
    )(show_monitoring)
