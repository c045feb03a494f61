"""Small layout helpers shared by pages: error messages, decision badges, loading."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.api_client import ApiClientError
from dash_app.components.aria import aria
from dash_app.text import t

DECISION_STYLE = {
    # colour-blind-safe pair (blue / orange) and never colour alone: icon + word
    "granted": ("bi bi-check-circle-fill", "decision-granted"),
    "refused": ("bi bi-x-octagon-fill", "decision-refused"),
    "referred": ("bi bi-person-fill-exclamation", "decision-referred"),  # a person decides
}


def icon(name: str, extra: str = "") -> Component:
    """Return a decorative Bootstrap icon (hidden from screen readers)."""
    return html.I(className=f"bi {name} {extra}".strip(), **aria(hidden="true"))


def error_alert(error: ApiClientError, lang: str, client_id: int | None = None) -> Component:
    """Return a clear in-page message for an API error (never a broken layout)."""
    if error.status == 404 and client_id is not None:
        message = t("error.no_such_client", lang, client_id=client_id)
    elif error.status == 403:
        message = t("access.own_file_only", lang)
    elif error.status >= 500:
        message = t("error.unavailable", lang)
    else:
        message = t("error.api", lang, message=error.message)
    return dbc.Alert(
        [icon("bi-exclamation-triangle-fill", "me-2"), message],
        color="danger" if error.status >= 500 else "warning",
        className="mt-3",
    )


def bad_id_alert(raw: object, lang: str) -> Component:
    """Return the message for an address whose client number is not a number."""
    return dbc.Alert(
        [
            icon("bi-exclamation-triangle-fill", "me-2"),
            t("error.bad_client_id", lang, client_id=raw),
        ],
        color="warning",
        className="mt-3",
    )


def decision_badge(decision: str, lang: str, size: str = "") -> Component:
    """Return the decision as icon + word, with a colour that is never the only carrier."""
    icon_class, css = DECISION_STYLE[decision]
    return html.Span(
        [icon(icon_class, "me-1"), t(f"decision.{decision}", lang)],
        className=f"decision-badge {css} {size}".strip(),
    )


def loading(children: Component | list, component_id: str) -> Component:
    """Wrap content that waits for the API in a labelled loading indicator."""
    return dcc.Loading(children, id=component_id, type="default", delay_show=150)
