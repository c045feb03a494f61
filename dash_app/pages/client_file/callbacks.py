"""The client file's callbacks: remember the opened file among the advisor's recent clients,
and send the client's decision letter (PDF) as a download (also from "my data")."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, dcc, no_update

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.messages import error_alert
from dash_app.pages.client_file import ids
from dash_app.pages.clients.ids import CLIENTS_RECENT_STORE
from dash_app.recent_clients import with_opened
from dash_app.text import current_lang, t

LETTER_FILE = "pret-a-depenser-{client_id}-letter-{lang}.pdf"  # named as the data export is


def remember_opened(opened: dict[str, Any] | None, recent: Any) -> Any:
    """Put the opened client first in this person's recent clients (ids only)."""
    if not isinstance(opened, dict) or not isinstance(opened.get("id"), int):
        return no_update
    return with_opened(recent, str(opened["owner"]), opened["id"])


def letter_download(client_id: int, lang: str) -> tuple[Any, Any]:
    """Return the client's decision letter (PDF, in ``lang``) as a download, and a status."""
    try:
        letter = api_client.client_letter(client_id, "pdf", lang).content
    except ApiClientError as error:
        return no_update, error_alert(error, lang, client_id=client_id)
    filename = LETTER_FILE.format(client_id=client_id, lang=lang)
    download = dcc.send_bytes(letter, filename, type="application/pdf")
    return download, t("download.done", lang, filename=filename)


def download_letter(n_clicks: int | None, client_id: Any) -> tuple[Any, Any]:
    """Send the file's decision letter when the button is clicked."""
    if not n_clicks or not isinstance(client_id, int):
        return no_update, no_update
    return letter_download(client_id, current_lang())


def register_callbacks(app: dash.Dash) -> None:
    """Add the client file's callbacks to this app."""
    app.callback(
        Output(CLIENTS_RECENT_STORE, "data"),
        Input(ids.CLIENT_FILE_OPENED_STORE, "data"),
        State(CLIENTS_RECENT_STORE, "data"),
    )(remember_opened)
    app.callback(
        Output(ids.CLIENT_FILE_LETTER_DOWNLOAD, "data"),
        Output(ids.CLIENT_FILE_LETTER_STATUS_DIV, "children"),
        Input(ids.CLIENT_FILE_LETTER_BUTTON, "n_clicks"),
        State(ids.CLIENT_FILE_ID_STORE, "data"),
        prevent_initial_call=True,
    )(download_letter)
