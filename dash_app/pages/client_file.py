"""A client's file: decision, probability gauge, margin, reasons, points waterfall, information."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html, no_update
from dash.development.base_component import Component

from dash_app import api_client, ids
from dash_app.access import client_page_access, client_page_title
from dash_app.api_client import ApiClientError
from dash_app.components.client_nav import client_nav
from dash_app.components.client_sections import client_file_sections
from dash_app.components.messages import error_alert
from dash_app.recent_clients import owner_tag, with_opened
from dash_app.text import current_lang, t

EXPLANATION_TOP = 10


_title = client_page_title("client_file.title_generic", "client_file.title")


dash.register_page(__name__, path_template="/clients/<client_id>", title=_title, charts=True)


def layout(client_id: str | None = None, **_: object) -> Component:
    """Return the file drawn from the API (an API error becomes a message in the page)."""
    lang = current_lang()
    viewer, number, instead = client_page_access(lang, client_id)
    if instead is not None or viewer is None or number is None:
        return instead
    try:
        content = file_content(number, lang)
        opened = {"id": number, "owner": owner_tag(viewer.username)} if viewer.is_advisor else None
    except ApiClientError as error:
        content, opened = [error_alert(error, lang, client_id=number)], None
    return html.Div(
        [
            html.H1(t("client.heading", lang, client_id=number), className="h3"),
            client_nav(number, "", lang),
            dcc.Store(id=ids.CLIENT_FILE_OPENED_STORE, data=opened),
            dcc.Store(id=ids.CLIENTS_RECENT_STORE, storage_type="local"),
            html.Div(content, id=ids.CLIENT_FILE_CONTENT_DIV),
        ]
    )


def file_content(client_id: int, lang: str) -> list[Component]:
    """Fetch a client's file, explanation and the points scale; return the file's sections."""
    file = api_client.client_file(client_id)
    explanation = api_client.client_explanation(client_id, lang, top=EXPLANATION_TOP)
    scale = api_client.model_card(lang)["points"]
    return client_file_sections(file, explanation, scale, lang)


@callback(
    Output(ids.CLIENTS_RECENT_STORE, "data"),
    Input(ids.CLIENT_FILE_OPENED_STORE, "data"),
    State(ids.CLIENTS_RECENT_STORE, "data"),
)
def remember_opened(opened: dict[str, Any] | None, recent: Any) -> Any:
    """Put the opened client first in this person's recent clients (ids only)."""
    if not isinstance(opened, dict) or not isinstance(opened.get("id"), int):
        return no_update
    return with_opened(recent, str(opened["owner"]), opened["id"])
