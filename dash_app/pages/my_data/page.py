"""My data (client accounts): my decision explained, my rights, my file, my data to download."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import CLIENT_ROLES, PEOPLE_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.client_nav import client_nav
from dash_app.components.messages import error_alert
from dash_app.pages.client_file.sections import client_file_sections
from dash_app.pages.my_data import callbacks, ids
from dash_app.pages.my_data.sections import explanation_card, rights_card
from dash_app.pages.reviews.request import review_sections
from dash_app.text import current_lang, t
from scoring_api.security.roles import Role

dash.register_page(
    __name__,
    path="/my-data",
    title=lambda **_: t("my_data.title", current_lang()),
    order=3,  # the navigation's third link
    charts=True,
    roles=PEOPLE_ROLES,  # an advisor is sent to the client search
    nav="nav.my_data",
    nav_roles=CLIENT_ROLES,
    callbacks=callbacks.register_callbacks,
)


def layout(viewer: Viewer, **_: object) -> Component:
    """Return the client's own page, drawn from the API (advisors go to the client search)."""
    lang = current_lang()
    if viewer.role != Role.CLIENT or viewer.client_id is None:
        return dcc.Location(id=ids.MY_DATA_ADVISOR_LOCATION, href="/clients")
    return html.Div(
        [
            html.H1(t("my_data.heading", lang, client_id=viewer.client_id), className="h3"),
            client_nav(viewer.client_id, "", lang),  # their own compare and what-if pages
            dcc.Store(id=ids.MY_DATA_ID_STORE, data={"client_id": viewer.client_id}),
            html.Div(my_data_content(viewer.client_id, lang), id=ids.MY_DATA_CONTENT_DIV),
            dcc.Download(id=ids.MY_DATA_DOWNLOAD),
        ]
    )


def my_data_content(client_id: int, lang: str) -> Any:
    """Return the explanation, the rights and the file's sections, drawn from the API."""
    try:
        file = api_client.client_file(client_id)
        explanation = api_client.client_explanation(client_id, lang)
        labels = api_client.field_catalogue(lang)
    except ApiClientError as error:
        return error_alert(error, lang, client_id=client_id)
    top = dbc.Row(
        [
            dbc.Col(explanation_card(file, explanation, lang), lg=7),
            dbc.Col(rights_card(lang), lg=5),
        ],
        className="g-3 mb-3",
    )
    notice, review = review_sections(client_id, own=True, lang=lang)
    return [notice, top, review, *client_file_sections(file, explanation, labels, lang)]
