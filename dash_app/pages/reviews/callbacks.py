"""The review pages' callbacks: the queue's filters and paging, a review's outcome, requests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import dash
from dash import Input, Output, State, ctx, no_update

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.messages import error_alert
from dash_app.pages.reviews import ids
from dash_app.pages.reviews.outcome import record_step
from dash_app.pages.reviews.request import send_request
from dash_app.pages.reviews.sections import empty_alert, queue_table
from dash_app.text import current_lang, t_plural
from scoring_api.review_schemas import MAX_AGE_DAYS
from scoring_api.services.review_flow import REVIEW_STATUSES

QUEUE_PAGE = 20  # reviews a page of the queue


def filters(status: Any, age: Any) -> tuple[str | None, int | None]:
    """Return the API's filters from the form (an unknown status or bad age: no filter)."""
    chosen = status if status in REVIEW_STATUSES else None
    days = int(age) if isinstance(age, int | float) and 0 <= age <= MAX_AGE_DAYS else None
    return chosen, days


def show_queue(
    status: Any, age: Any, _more: int | None, shown: dict[str, Any] | None
) -> tuple[Any, Any, Any, Any]:
    """Load the queue's first page (filters changed) or the next one ("more"), oldest first."""
    lang = current_lang()
    more = ctx.triggered_id == ids.REVIEWS_MORE_BUTTON and bool(shown and shown.get("cursor"))
    rows = list((shown or {}).get("rows") or []) if more else []
    cursor = (shown or {}).get("cursor") if more else None
    chosen, days = filters(status, age)
    try:
        page = api_client.reviews(chosen, days, limit=QUEUE_PAGE, cursor=cursor)
    except ApiClientError as error:
        return error_alert(error, lang), no_update, True, ""
    rows += page["items"]
    store = {"rows": rows, "cursor": page["next_cursor"]}
    today = datetime.now(UTC).date()
    table = queue_table(rows, lang, today) if rows else empty_alert(lang)
    count = t_plural("reviews.count", len(rows), lang, count=len(rows))
    return table, store, page["next_cursor"] is None, count


def register_callbacks(app: dash.Dash) -> None:
    """Add the review pages' callbacks (and the request form's) to this app."""
    app.callback(
        Output(ids.REVIEWS_TABLE_DIV, "children"),
        Output(ids.REVIEWS_PAGE_STORE, "data"),
        Output(ids.REVIEWS_MORE_BUTTON, "disabled"),
        Output(ids.REVIEWS_STATUS_P, "children"),
        Input(ids.REVIEWS_STATUS_SELECT, "value"),
        Input(ids.REVIEWS_AGE_INPUT, "value"),
        Input(ids.REVIEWS_MORE_BUTTON, "n_clicks"),
        State(ids.REVIEWS_PAGE_STORE, "data"),
    )(show_queue)
    app.callback(
        Output(ids.REVIEW_HEAD_DIV, "children"),
        Output(ids.REVIEW_HISTORY_DIV, "children"),
        Output(ids.REVIEW_TAKE_BUTTON, "disabled"),
        Output(ids.REVIEW_CONFIRM_BUTTON, "disabled"),
        Output(ids.REVIEW_OVERTURN_BUTTON, "disabled"),
        Output(ids.REVIEW_RESULT_DIV, "children"),
        Output(ids.REVIEW_REASON_TEXTAREA, "value"),
        Input(ids.REVIEW_TAKE_BUTTON, "n_clicks"),
        Input(ids.REVIEW_CONFIRM_BUTTON, "n_clicks"),
        Input(ids.REVIEW_OVERTURN_BUTTON, "n_clicks"),
        State(ids.REVIEW_REASON_TEXTAREA, "value"),
        State(ids.REVIEW_ID_STORE, "data"),
        prevent_initial_call=True,
    )(record_step)
    app.callback(
        Output(ids.REVIEW_REQUEST_RESULT_DIV, "children"),
        Output(ids.REVIEW_REQUEST_LIST_DIV, "children"),
        Output(ids.REVIEW_REQUEST_TEXTAREA, "value"),
        Input(ids.REVIEW_REQUEST_BUTTON, "n_clicks"),
        State(ids.REVIEW_REQUEST_TEXTAREA, "value"),
        State(ids.REVIEW_REQUEST_STORE, "data"),
        prevent_initial_call=True,
    )(send_request)
