"""The "my data" callback: send the client's data export or decision letter as a download."""

from __future__ import annotations

import json
from typing import Any

import dash
from dash import Input, Output, State, ctx, dcc, no_update

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.messages import error_alert
from dash_app.pages.client_file.callbacks import letter_download
from dash_app.pages.my_data import ids
from dash_app.text import current_lang, t

EXPORT_MIME = {"json": "application/json", "csv": "text/csv", "html": "text/html"}
FORMAT_OF_BUTTON = {ids.MY_DATA_CSV_BUTTON: "csv", ids.MY_DATA_HTML_BUTTON: "html"}


def download_my_data(
    n_json: int | None,
    n_csv: int | None,
    n_html: int | None,
    n_letter: int | None,
    page: dict[str, Any] | None,
) -> tuple[Any, Any]:
    """Send the client's data export (JSON, CSV, readable HTML) or decision letter (PDF)."""
    lang = current_lang()
    client_id = (page or {}).get("client_id")
    if not (n_json or n_csv or n_html or n_letter) or not isinstance(client_id, int):
        return no_update, no_update
    if ctx.triggered_id == ids.MY_DATA_LETTER_BUTTON:
        return letter_download(client_id, lang)
    return export_download(client_id, FORMAT_OF_BUTTON.get(str(ctx.triggered_id), "json"), lang)


def export_download(client_id: int, fmt: str, lang: str) -> tuple[Any, Any]:
    """Return the export's download (the readable HTML in ``lang``) and its status."""
    try:
        body = api_client.client_export(client_id, fmt, lang if fmt == "html" else None).body
    except ApiClientError as error:
        return no_update, error_alert(error, lang, client_id=client_id)
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, indent=2)
    filename = f"pret-a-depenser-{client_id}.{fmt}"
    download = dcc.send_string(text, filename, type=EXPORT_MIME[fmt])
    return download, t("download.done", lang, filename=filename)


def register_callbacks(app: dash.Dash) -> None:
    """Add the "my data" callback to this app."""
    app.callback(
        Output(ids.MY_DATA_DOWNLOAD, "data"),
        Output(ids.MY_DATA_DOWNLOAD_STATUS_DIV, "children"),
        Input(ids.MY_DATA_JSON_BUTTON, "n_clicks"),
        Input(ids.MY_DATA_CSV_BUTTON, "n_clicks"),
        Input(ids.MY_DATA_HTML_BUTTON, "n_clicks"),
        Input(ids.MY_DATA_LETTER_BUTTON, "n_clicks"),
        State(ids.MY_DATA_ID_STORE, "data"),
        prevent_initial_call=True,
    )(download_my_data)
