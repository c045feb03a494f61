"""The monitoring page's content for a window and days: GET monitoring, then its sections.

An empty state says why there is nothing to show and what to do: no scoring events in the
range (how events arrive), a model built before monitoring (rebuild it), an API error.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import refusal
from dash_app.api_client import ApiClientError
from dash_app.components.messages import error_alert, icon
from dash_app.pages.monitoring import ids
from dash_app.pages.monitoring.sections import (
    challenger_section,
    day_words,
    drift_section,
    lights_section,
)
from dash_app.pages.monitoring.trends import trends_section
from dash_app.text import t

WINDOWS = ("day", "week", "month")
DEFAULT_WINDOW = "week"  # the API's default


def chosen_window(value: Any) -> str:
    """Return the window asked for (anything else: the API's default)."""
    return value if value in WINDOWS else DEFAULT_WINDOW


def chosen_day(value: Any) -> str | None:
    """Return a day as the API reads it (YYYY-MM-DD), or None (the API's default)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def empty_state(key: str, version: str, lang: str) -> Component:
    """Return the message saying why there is nothing to show, and what to do."""
    return dbc.Alert(
        [icon("bi-info-circle-fill", "me-2"), t(key, lang, version=version)],
        color="info",
        className="mt-3",
        id=ids.MONITORING_EMPTY_ALERT,
    )


def payload_content(payload: Mapping[str, Any], lang: str) -> list[Component]:
    """Return the sections of a GET monitoring answer, or its empty state."""
    version = payload["model_version"]
    days = t(
        "monitoring.range",
        lang,
        version=version,
        start=day_words(payload["from"], lang),
        end=day_words(payload["to"], lang),
    )
    head = html.P(days, id=ids.MONITORING_RANGE_P, className="text-body-secondary")
    if not payload.get("has_reference"):
        return [head, empty_state("monitoring.empty.no_reference", version, lang)]
    if not payload.get("windows") or not payload.get("latest"):
        no_events = empty_state("monitoring.empty.no_events", version, lang)
        return [head, no_events, challenger_section(payload, lang)]
    return [
        head,
        lights_section(payload, lang),
        trends_section(payload, lang),
        drift_section(payload, lang),
        challenger_section(payload, lang),
    ]


def monitoring_content(window: Any, start: Any, end: Any, lang: str) -> list[Component]:
    """Fetch the monitoring of the window and days asked for and lay it out."""
    try:
        payload = api_client.monitoring(chosen_window(window), chosen_day(start), chosen_day(end))
    except ApiClientError as error:
        return [
            refusal("access.forbidden", lang) if error.status == 403 else error_alert(error, lang)
        ]
    return payload_content(payload, lang)
