"""My data (client accounts): my decision explained, my rights, my file, my data to download."""

from __future__ import annotations

import json
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.development.base_component import Component

from dash_app import api_client, ids
from dash_app.access import PEOPLE_ROLES, page_access
from dash_app.api_client import ApiClientError
from dash_app.components.client_sections import client_file_sections
from dash_app.components.formatting import format_percent
from dash_app.components.messages import error_alert, icon
from dash_app.text import current_lang, t

EXPLANATION_TOP = 10
EXPORT_MIME = {"json": "application/json", "csv": "text/csv"}

dash.register_page(
    __name__,
    path="/my-data",
    title=lambda **_: t("my_data.title", current_lang()),
    charts=True,
)


def layout(**_: object) -> Component:
    """Return the client's own page, drawn from the API (advisors go to the client search)."""
    lang = current_lang()
    viewer, instead = page_access(lang, "/my-data", PEOPLE_ROLES)
    if instead is not None or viewer is None:
        return instead
    if viewer.role != "client" or viewer.client_id is None:
        return dcc.Location(id="mydata-advisor-location", href="/clients")
    return html.Div(
        [
            html.H1(t("my_data.heading", lang, client_id=viewer.client_id), className="h3"),
            dcc.Store(id=ids.MY_DATA_ID_STORE, data={"client_id": viewer.client_id}),
            html.Div(my_data_content(viewer.client_id, lang), id=ids.MY_DATA_CONTENT_DIV),
            dcc.Download(id=ids.MY_DATA_DOWNLOAD),
        ]
    )


def explanation_card(file: dict[str, Any], explanation: dict[str, Any], lang: str) -> Component:
    """Return the decision explained in plain words (the logic applied, what weighed most)."""
    reasons = [reason["label"] for reason in explanation.get("reasons") or []]
    weighed = (
        t("my_data.explanation.reasons", lang, reasons=", ".join(reasons))
        if reasons
        else t("my_data.explanation.no_reason", lang)
    )
    paragraphs = [
        html.P(html.Strong(t(f"my_data.explanation.{file['decision']}", lang))),
        html.P(
            t(
                "my_data.explanation.logic",
                lang,
                probability=format_percent(file["probability"], lang),
                threshold=format_percent(file["threshold"], lang),
            )
        ),
        html.P(weighed),
        html.P(t("my_data.explanation.details", lang), className="mb-0"),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("my_data.explanation.heading", lang), className="h5 card-title"),
                *paragraphs,
            ]
        ),
        id=ids.MY_DATA_EXPLANATION_DIV,
        className="h-100",
    )


def rights_card(lang: str) -> Component:
    """Return the rights note (human review, access, portability) with the download buttons."""
    buttons = [
        dbc.Button(
            [icon("bi-filetype-json", "me-1"), t("my_data.download.json", lang)],
            id=ids.MY_DATA_JSON_BUTTON,
            color="primary",
        ),
        dbc.Button(
            [icon("bi-filetype-csv", "me-1"), t("my_data.download.csv", lang)],
            id=ids.MY_DATA_CSV_BUTTON,
            color="primary",
            outline=True,
        ),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("my_data.rights.heading", lang), className="h5 card-title"),
                html.P(t("my_data.rights.review", lang)),
                html.P(t("my_data.rights.access", lang)),
                html.Div(buttons, className="d-flex flex-wrap gap-2"),
                html.Div(
                    id=ids.MY_DATA_DOWNLOAD_STATUS_DIV,
                    className="mt-2 small",
                    **{"aria-live": "polite"},
                ),
            ]
        ),
        className="h-100",
    )


def my_data_content(client_id: int, lang: str) -> Any:
    """Return the explanation, the rights and the file's sections, drawn from the API."""
    try:
        file = api_client.client_file(client_id)
        explanation = api_client.client_explanation(client_id, lang, top=EXPLANATION_TOP)
        scale = api_client.model_card(lang)["points"]
    except ApiClientError as error:
        return error_alert(error, lang, client_id=client_id)
    top = dbc.Row(
        [
            dbc.Col(explanation_card(file, explanation, lang), lg=7),
            dbc.Col(rights_card(lang), lg=5),
        ],
        className="g-3 mb-3",
    )
    return [top, *client_file_sections(file, explanation, scale, lang)]


@callback(
    Output(ids.MY_DATA_DOWNLOAD, "data"),
    Output(ids.MY_DATA_DOWNLOAD_STATUS_DIV, "children"),
    Input(ids.MY_DATA_JSON_BUTTON, "n_clicks"),
    Input(ids.MY_DATA_CSV_BUTTON, "n_clicks"),
    State(ids.MY_DATA_ID_STORE, "data"),
    prevent_initial_call=True,
)
def download_my_data(
    n_json: int | None, n_csv: int | None, page: dict[str, Any] | None
) -> tuple[Any, Any]:
    """Send the client's data export (JSON or CSV) from the API as a file download."""
    lang = current_lang()
    client_id = (page or {}).get("client_id")
    if not (n_json or n_csv) or not isinstance(client_id, int):
        return no_update, no_update
    fmt = "csv" if ctx.triggered_id == ids.MY_DATA_CSV_BUTTON else "json"
    try:
        body = api_client.client_export(client_id, fmt).body
    except ApiClientError as error:
        return no_update, error_alert(error, lang, client_id=client_id)
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, indent=2)
    filename = f"pret-a-depenser-{client_id}.{fmt}"
    download = dcc.send_string(text, filename, type=EXPORT_MIME[fmt])
    return download, t("my_data.download.done", lang, filename=filename)
