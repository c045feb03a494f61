"""Clients: search by number as you type, filter and sort, page through, reopen recent files."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.access import ADVISOR_ROLES, Viewer
from dash_app.components.aria import aria
from dash_app.components.messages import icon, loading
from dash_app.pages.clients import callbacks, ids
from dash_app.pages.clients.sections import filter_selects
from dash_app.recent_clients import owner_tag
from dash_app.text import current_lang, t

SEARCH_DEBOUNCE_MS = 300

dash.register_page(
    __name__,
    path="/clients",
    title=lambda **_: t("clients.title", current_lang()),
    order=1,  # the navigation's first link
    roles=ADVISOR_ROLES,
    nav="nav.clients",
    callbacks=callbacks.register_callbacks,
)


def layout(viewer: Viewer, **_: object) -> Component:
    """Return the search box, the filters, the results, the paging and the recent clients."""
    lang = current_lang()
    return html.Div(
        [
            html.H1(t("clients.title", lang), className="h3"),
            html.P(t("clients.intro", lang)),
            dbc.Label(t("clients.search_label", lang), html_for=ids.CLIENTS_SEARCH_INPUT),
            dbc.Input(
                id=ids.CLIENTS_SEARCH_INPUT,
                type="text",
                inputMode="numeric",
                autoComplete="off",
                placeholder=t("clients.search_placeholder", lang),
                debounce=SEARCH_DEBOUNCE_MS,
                maxLength=12,
                className="clients-search",
            ),
            dbc.FormText(t("clients.search_help", lang), id=ids.CLIENTS_SEARCH_HELP),
            filter_selects(lang),
            dcc.Location(id=ids.CLIENTS_OPEN_LOCATION, refresh="callback-nav"),
            html.P(id=ids.CLIENTS_STATUS_P, className="mt-3 mb-2", **aria(live="polite")),
            loading(html.Div(id=ids.CLIENTS_RESULTS_DIV), ids.CLIENTS_LOADING),
            html.Nav(
                [
                    dbc.Button(
                        [icon("bi-chevron-left", "me-1"), t("clients.previous", lang)],
                        id=ids.CLIENTS_PREVIOUS_BUTTON,
                        color="secondary",
                        outline=True,
                        disabled=True,
                    ),
                    dbc.Button(
                        [t("clients.next", lang), icon("bi-chevron-right", "ms-1")],
                        id=ids.CLIENTS_NEXT_BUTTON,
                        color="secondary",
                        outline=True,
                        disabled=True,
                    ),
                ],
                className="d-flex gap-2 mb-4",
                **aria(label=t("clients.paging", lang)),
            ),
            dcc.Store(id=ids.CLIENTS_PAGING_STORE, data={"cursors": [None], "next": None}),
            html.Section(
                [
                    html.H2(t("clients.recent", lang), className="h5"),
                    html.Div(id=ids.CLIENTS_RECENT_DIV),
                ]
            ),
            dcc.Store(id=ids.CLIENTS_RECENT_STORE, storage_type="local"),
            dcc.Store(id=ids.CLIENTS_RECENT_OWNER_STORE, data=owner_tag(viewer.username)),
        ]
    )
