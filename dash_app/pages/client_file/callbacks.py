"""The client file's callback: remember the opened file among the advisor's recent clients."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, no_update

from dash_app.pages.client_file import ids
from dash_app.pages.clients.ids import CLIENTS_RECENT_STORE
from dash_app.recent_clients import with_opened


def remember_opened(opened: dict[str, Any] | None, recent: Any) -> Any:
    """Put the opened client first in this person's recent clients (ids only)."""
    if not isinstance(opened, dict) or not isinstance(opened.get("id"), int):
        return no_update
    return with_opened(recent, str(opened["owner"]), opened["id"])


def register_callbacks(app: dash.Dash) -> None:
    """Add the client file's callback to this app."""
    app.callback(
        Output(CLIENTS_RECENT_STORE, "data"),
        Input(ids.CLIENT_FILE_OPENED_STORE, "data"),
        State(CLIENTS_RECENT_STORE, "data"),
    )(remember_opened)
