"""The client search's callbacks: results as you type, filters, paging, Enter, recent files."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, ctx, no_update
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.formatting import format_number
from dash_app.components.messages import error_alert
from dash_app.pages.clients import ids
from dash_app.pages.clients.sections import ANY, empty_alert, recent_links, results_table
from dash_app.recent_clients import owned_ids
from dash_app.text import current_lang, t, t_plural
from scoring_api.urls import is_ascii_digits

PAGE_SIZE = 10


def _paging(trigger: Any, paging: dict[str, Any] | None) -> list[str | None]:
    """Return the cursors of the pages up to the one to show (first page: None)."""
    state = paging or {}
    cursors = list(state.get("cursors") or [None])
    if trigger == ids.CLIENTS_NEXT_BUTTON and state.get("next"):
        return [*cursors, state["next"]]
    if trigger == ids.CLIENTS_PREVIOUS_BUTTON and len(cursors) > 1:
        return cursors[:-1]
    if trigger in (ids.CLIENTS_NEXT_BUTTON, ids.CLIENTS_PREVIOUS_BUTTON):
        return cursors
    return [None]  # a new search starts on its first page


def _filters(decision: str | None, band: str | None, sort: str | None) -> dict[str, str | None]:
    """Return the list's filters as the API takes them (``ANY`` in a select: no filter)."""
    return {
        "decision": None if decision in (None, "", ANY) else decision,
        "risk_band": None if band in (None, "", ANY) else band,
        "sort": sort or None,
    }


def search(
    value: str | None,
    decision: str | None,
    band: str | None,
    sort: str | None,
    n_previous: int | None,
    n_next: int | None,
    paging: dict[str, Any] | None,
) -> tuple[Any, ...]:
    """Ask the API for the page of clients matching the typed digits and the filters."""
    lang = current_lang()
    query = "".join((value or "").split())
    if query and not is_ascii_digits(query):
        return None, t("clients.not_digits", lang), {"cursors": [None], "next": None}, True, True
    cursors = _paging(ctx.triggered_id, paging)
    try:
        page = api_client.search_clients(
            query, limit=PAGE_SIZE, cursor=cursors[-1], lang=lang, **_filters(decision, band, sort)
        )
    except ApiClientError as error:
        return error_alert(error, lang), "", no_update, True, True
    items = page.get("items") or []
    next_cursor = page.get("next_cursor")
    store = {"cursors": cursors, "next": next_cursor}
    if not items:
        return empty_alert(query, lang), "", store, len(cursors) == 1, True
    total = page.get("total")
    count = t_plural("clients.count", total, lang, count=format_number(total, lang))
    key = "clients.status_query" if query else "clients.status_all"
    status = t(key, lang, count=count, query=query, page=len(cursors))
    return results_table(items, lang), status, store, len(cursors) == 1, not next_cursor


def open_single(
    _submitted: int | None,
    value: str | None,
    decision: str | None,
    band: str | None,
    sort: str | None,
) -> Any:
    """Open the file of the only client matching the search on Enter (else leave the list)."""
    query = "".join((value or "").split())
    if query and not is_ascii_digits(query):
        return no_update
    try:
        page = api_client.search_clients(query, limit=2, **_filters(decision, band, sort))
    except ApiClientError:
        return no_update  # the list's own callback shows the error
    items = page.get("items") or []
    if page.get("total") == 1 and len(items) == 1:
        return f"/clients/{int(items[0]['client_id'])}"
    return no_update


def show_recent(_modified: int | None, recent: Any, owner: str | None) -> Component:
    """Return links to the files this person opened last on this browser."""
    return recent_links(owned_ids(recent, owner), current_lang())


def register_callbacks(app: dash.Dash) -> None:
    """Add the client search's callbacks to this app."""
    app.callback(
        Output(ids.CLIENTS_RESULTS_DIV, "children"),
        Output(ids.CLIENTS_STATUS_P, "children"),
        Output(ids.CLIENTS_PAGING_STORE, "data"),
        Output(ids.CLIENTS_PREVIOUS_BUTTON, "disabled"),
        Output(ids.CLIENTS_NEXT_BUTTON, "disabled"),
        Input(ids.CLIENTS_SEARCH_INPUT, "value"),
        Input(ids.CLIENTS_DECISION_SELECT, "value"),
        Input(ids.CLIENTS_BAND_SELECT, "value"),
        Input(ids.CLIENTS_SORT_SELECT, "value"),
        Input(ids.CLIENTS_PREVIOUS_BUTTON, "n_clicks"),
        Input(ids.CLIENTS_NEXT_BUTTON, "n_clicks"),
        State(ids.CLIENTS_PAGING_STORE, "data"),
    )(search)
    app.callback(
        Output(ids.CLIENTS_OPEN_LOCATION, "pathname"),
        Input(ids.CLIENTS_SEARCH_INPUT, "n_submit"),
        State(ids.CLIENTS_SEARCH_INPUT, "value"),
        State(ids.CLIENTS_DECISION_SELECT, "value"),
        State(ids.CLIENTS_BAND_SELECT, "value"),
        State(ids.CLIENTS_SORT_SELECT, "value"),
        prevent_initial_call=True,
    )(open_single)
    app.callback(
        Output(ids.CLIENTS_RECENT_DIV, "children"),
        Input(ids.CLIENTS_RECENT_STORE, "modified_timestamp"),
        State(ids.CLIENTS_RECENT_STORE, "data"),
        State(ids.CLIENTS_RECENT_OWNER_STORE, "data"),
    )(show_recent)
