"""Clients: search by number as you type, page through results, reopen recent files."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.development.base_component import Component

from dash_app import api_client, ids
from dash_app.access import ADVISOR_ROLES, is_ascii_digits, page_access
from dash_app.api_client import ApiClientError
from dash_app.components.formatting import format_percent, format_points
from dash_app.components.messages import decision_badge, error_alert, icon, loading
from dash_app.recent_clients import owned_ids, owner_tag
from dash_app.text import current_lang, t

PAGE_SIZE = 10
SEARCH_DEBOUNCE_MS = 300

dash.register_page(__name__, path="/clients", title=lambda **_: t("clients.title", current_lang()))


def layout(**_: object) -> Component:
    """Return the search box, the results, the paging buttons and the recent clients."""
    lang = current_lang()
    viewer, instead = page_access(lang, "/clients", roles=ADVISOR_ROLES)
    if instead is not None or viewer is None:
        return instead
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
            dbc.FormText(t("clients.search_help", lang), id="clients-search-help"),
            html.P(id=ids.CLIENTS_STATUS_P, className="mt-3 mb-2", **{"aria-live": "polite"}),
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
                **{"aria-label": t("clients.paging", lang)},
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


def results_table(items: list[dict[str, Any]], lang: str) -> Component:
    """Return the found clients as a table: number (link), decision, probability, score."""
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"clients.col.{name}", lang), scope="col")
                for name in ("client", "decision", "probability", "score")
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Th(
                    dcc.Link(
                        str(item["client_id"]),
                        href=f"/clients/{item['client_id']}",
                        title=t("clients.open", lang, client_id=item["client_id"]),
                    ),
                    scope="row",
                ),
                html.Td(decision_badge(item["decision"], lang)),
                html.Td(format_percent(item["probability"], lang)),
                html.Td(format_points(item["score"], lang)),
            ]
        )
        for item in items
    ]
    return dbc.Table(
        [
            html.Caption(t("clients.table_caption", lang), className="visually-hidden"),
            header,
            html.Tbody(rows),
        ],
        hover=True,
        responsive=True,
        className="clients-table align-middle",
    )


def _paging(trigger: Any, paging: dict[str, Any] | None) -> list[str | None]:
    """Return the cursors of the pages up to the one to show (first page: None)."""
    cursors = list((paging or {}).get("cursors") or [None])
    if trigger == ids.CLIENTS_NEXT_BUTTON and (paging or {}).get("next"):
        return [*cursors, paging["next"]]
    if trigger == ids.CLIENTS_PREVIOUS_BUTTON and len(cursors) > 1:
        return cursors[:-1]
    if trigger in (ids.CLIENTS_NEXT_BUTTON, ids.CLIENTS_PREVIOUS_BUTTON):
        return cursors
    return [None]  # a new search starts on its first page


@callback(
    Output(ids.CLIENTS_RESULTS_DIV, "children"),
    Output(ids.CLIENTS_STATUS_P, "children"),
    Output(ids.CLIENTS_PAGING_STORE, "data"),
    Output(ids.CLIENTS_PREVIOUS_BUTTON, "disabled"),
    Output(ids.CLIENTS_NEXT_BUTTON, "disabled"),
    Input(ids.CLIENTS_SEARCH_INPUT, "value"),
    Input(ids.CLIENTS_PREVIOUS_BUTTON, "n_clicks"),
    Input(ids.CLIENTS_NEXT_BUTTON, "n_clicks"),
    State(ids.CLIENTS_PAGING_STORE, "data"),
)
def search(
    value: str | None,
    n_previous: int | None,
    n_next: int | None,
    paging: dict[str, Any] | None,
) -> tuple[Any, ...]:
    """Ask the API for the page of clients whose number starts with the typed digits."""
    lang = current_lang()
    query = "".join((value or "").split())
    if query and not is_ascii_digits(query):
        return None, t("clients.not_digits", lang), {"cursors": [None], "next": None}, True, True
    cursors = _paging(ctx.triggered_id, paging)
    try:
        page = api_client.search_clients(query, limit=PAGE_SIZE, cursor=cursors[-1])
    except ApiClientError as error:
        return error_alert(error, lang), "", no_update, True, True
    items = page.get("items") or []
    next_cursor = page.get("next_cursor")
    store = {"cursors": cursors, "next": next_cursor}
    if not items:
        message = dbc.Alert(
            [icon("bi-search", "me-2"), t("clients.empty", lang, query=query)],
            color="info",
            id="clients-empty-alert",
        )
        return message, "", store, len(cursors) == 1, True
    key = "clients.status_query" if query else "clients.status_all"
    status = t(key, lang, query=query, page=len(cursors))
    return results_table(items, lang), status, store, len(cursors) == 1, not next_cursor


@callback(
    Output(ids.CLIENTS_RECENT_DIV, "children"),
    Input(ids.CLIENTS_RECENT_STORE, "modified_timestamp"),
    State(ids.CLIENTS_RECENT_STORE, "data"),
    State(ids.CLIENTS_RECENT_OWNER_STORE, "data"),
)
def show_recent(_modified: int | None, recent: Any, owner: str | None) -> Component:
    """Return links to the files this person opened last on this browser."""
    lang = current_lang()
    numbers = owned_ids(recent, owner)
    if not numbers:
        return html.P(t("clients.recent_none", lang), className="text-body-secondary")
    return html.Ul(
        [
            html.Li(
                dcc.Link(
                    [icon("bi-person", "me-1"), str(number)],
                    href=f"/clients/{number}",
                    className="btn btn-outline-primary btn-sm",
                    title=t("clients.open", lang, client_id=number),
                )
            )
            for number in numbers
        ],
        className="list-unstyled d-flex flex-wrap gap-2 mb-0",
    )
