"""A client's file: decision, probability gauge, margin, reasons, points waterfall, information."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import PEOPLE_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.aria import aria
from dash_app.components.client_nav import client_nav
from dash_app.components.messages import error_alert, icon
from dash_app.components.offers_card import offers_card
from dash_app.pages.client_file import callbacks, ids
from dash_app.pages.client_file.sections import client_file_sections
from dash_app.pages.clients.ids import CLIENTS_RECENT_STORE
from dash_app.pages.reviews.request import review_sections
from dash_app.recent_clients import owner_tag
from dash_app.routing import client_page_title
from dash_app.text import current_lang, t

dash.register_page(
    __name__,
    path_template="/clients/<client_id>",
    title=client_page_title("client_file.title_generic", "client_file.title"),
    charts=True,
    roles=PEOPLE_ROLES,  # a client account: its own file only
    callbacks=callbacks.register_callbacks,
)


def layout(viewer: Viewer, client_id: int, **_: object) -> Component:
    """Return the file drawn from the API (an API error becomes a message in the page)."""
    lang = current_lang()
    try:
        content = file_content(client_id, lang)
        opened = (
            {"id": client_id, "owner": owner_tag(viewer.username)} if viewer.is_advisor else None
        )
    except ApiClientError as error:
        content, opened = [error_alert(error, lang, client_id=client_id)], None
    notice, review = review_sections(client_id, own=False, lang=lang, form=viewer.is_advisor)
    return html.Div(
        [
            html.H1(t("client.heading", lang, client_id=client_id), className="h3"),
            client_nav(client_id, "", lang),
            dcc.Store(id=ids.CLIENT_FILE_OPENED_STORE, data=opened),
            dcc.Store(id=CLIENTS_RECENT_STORE, storage_type="local"),
            dcc.Store(id=ids.CLIENT_FILE_ID_STORE, data=client_id),
            letter_bar(lang),
            notice,
            html.Div(content, id=ids.CLIENT_FILE_CONTENT_DIV),
            review,
        ]
    )


def letter_bar(lang: str) -> Component:
    """Return the decision letter's download button and the status it announces."""
    return html.Div(
        [
            dbc.Button(
                [icon("bi-filetype-pdf", "me-1"), t("client_file.letter.button", lang)],
                id=ids.CLIENT_FILE_LETTER_BUTTON,
                color="primary",
                outline=True,
                size="sm",
            ),
            html.Div(
                id=ids.CLIENT_FILE_LETTER_STATUS_DIV, className="small", **aria(live="polite")
            ),
            dcc.Download(id=ids.CLIENT_FILE_LETTER_DOWNLOAD),
        ],
        className="d-flex flex-wrap align-items-center gap-2 mb-3",
    )


def file_content(client_id: int, lang: str) -> list[Component]:
    """Fetch a client's file and explanation; return the file's sections."""
    file = api_client.client_file(client_id)
    explanation = api_client.client_explanation(client_id, lang)
    sections = client_file_sections(file, explanation, api_client.field_catalogue(lang), lang)
    if file["decision"] == "granted":
        return sections
    offers = offers_card(
        client_id, api_client.client_offers(client_id, lang), lang, ids.CLIENT_FILE_OFFERS_CARD
    )
    return [sections[0], offers, *sections[1:]]
