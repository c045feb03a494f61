"""The review request form and list, on the client file (advisors) and on "my data" (clients)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html, no_update
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.aria import aria
from dash_app.components.messages import error_alert, icon
from dash_app.pages.reviews import ids
from dash_app.pages.reviews.sections import review_date, status_label
from dash_app.text import current_lang, t
from scoring_api.review_schemas import COMMENT_MAX_LENGTH

PAGE = 200  # the API's largest page of reviews


def client_reviews(client_id: int) -> list[dict[str, Any]]:
    """Return a client's reviews, oldest first (the API filters them by client)."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        page = api_client.reviews(client_id=client_id, limit=PAGE, cursor=cursor)
        found += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return found


def _item(review: Mapping[str, Any], own: bool, lang: str) -> Component:
    """Return one review: number, date, status, and (closed) its final decision and reason."""
    line: list[Any] = [
        t(
            "reviewrequest.item",
            lang,
            id=review["id"],
            opened=review_date(review["created_at"], lang),
        ),
        status_label(review["status"], lang),
    ]
    if not own:
        line = [dcc.Link(line, href=f"/reviews/{review['id']}")]
    details: list[Any] = []
    if review.get("final_decision"):
        details.append(
            html.Div(
                t(
                    "reviewrequest.final",
                    lang,
                    decision=t(f"decision.{review['final_decision']}", lang),
                    reason=review.get("reason") or "",
                )
            )
        )
    elif own:
        details.append(html.Div(t("reviewrequest.pending", lang), className="small"))
    return html.Li([*line, *details], className="mb-2")


def reviews_list(reviews: Sequence[Mapping[str, Any]], own: bool, lang: str) -> Any:
    """Return the client's reviews (newest first), or a line saying there is none."""
    if not reviews:
        return html.P(t("reviewrequest.none", lang), className="text-body-secondary mb-0")
    items = [_item(review, own, lang) for review in reversed(reviews)]
    return html.Ul(items, className="mb-0")


def final_decision_notice(reviews: Sequence[Mapping[str, Any]], lang: str) -> Component | None:
    """Return the final decision of the latest closed review (None while no review is closed).

    The model's decision shown beside it stays as scored: an outcome is recorded beside it.
    """
    closed = [review for review in reviews if review.get("final_decision")]
    if not closed:
        return None
    latest = max(closed, key=lambda review: (review.get("decided_at") or "", review["id"]))
    text = t(
        "reviewrequest.notice",
        lang,
        id=latest["id"],
        day=review_date(latest["decided_at"], lang),
        decision=t(f"decision.{latest['final_decision']}", lang),
        reason=latest.get("reason") or "",
    )
    return dbc.Alert(
        [
            icon("bi-person-check", "me-2"),
            html.Strong(text),
            html.Div(t("reviewrequest.notice_model", lang), className="small mt-1"),
        ],
        id=ids.REVIEW_FINAL_NOTICE,
        color="info",
        className="mb-3",
    )


def review_sections(
    client_id: int, own: bool, lang: str, form: bool = True
) -> tuple[Component | None, Component | None]:
    """Return the final-decision notice and (with ``form``) the request card, from one read."""
    try:
        reviews = client_reviews(client_id)
    except ApiClientError as error:
        return None, request_card(client_id, own, lang, error_alert(error, lang)) if form else None
    card = request_card(client_id, own, lang, reviews_list(reviews, own, lang)) if form else None
    return final_decision_notice(reviews, lang), card


def request_card(client_id: int, own: bool, lang: str, listing: Any) -> Component:
    """Return the request form (comment, button, announced result) and the client's reviews."""
    intro = "reviewrequest.intro_client" if own else "reviewrequest.intro_advisor"
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(
                    [icon("bi-person-raised-hand", "me-2"), t("reviewrequest.heading", lang)],
                    className="h5 card-title",
                ),
                html.P(t(intro, lang)),
                dcc.Store(id=ids.REVIEW_REQUEST_STORE, data={"client_id": client_id, "own": own}),
                dbc.Label(t("reviewrequest.comment", lang), html_for=ids.REVIEW_REQUEST_TEXTAREA),
                dbc.Textarea(id=ids.REVIEW_REQUEST_TEXTAREA, maxLength=COMMENT_MAX_LENGTH, rows=2),
                dbc.Button(
                    t("reviewrequest.button", lang),
                    id=ids.REVIEW_REQUEST_BUTTON,
                    color="primary",
                    className="mt-2",
                ),
                html.Div(
                    id=ids.REVIEW_REQUEST_RESULT_DIV,
                    className="mt-2",
                    role="status",
                    **aria(live="polite"),
                ),
                html.H3(t("reviewrequest.list_heading", lang), className="h6 mt-3"),
                html.Div(listing, id=ids.REVIEW_REQUEST_LIST_DIV),
            ]
        ),
        className="mb-3",
    )


def send_request(n_clicks: int | None, comment: str | None, store: Any) -> tuple[Any, Any, Any]:
    """Open a review with the comment; return the result, the refreshed list, an empty box."""
    lang = current_lang()
    client_id = store.get("client_id") if isinstance(store, dict) else None
    if not n_clicks or not isinstance(client_id, int):
        return no_update, no_update, no_update
    own = bool(store.get("own"))
    try:
        review = api_client.request_review(client_id, (comment or "").strip())
        found = client_reviews(client_id)
    except ApiClientError as error:
        return error_alert(error, lang, client_id=client_id), no_update, no_update
    done = dbc.Alert(t("reviewrequest.done", lang, id=review["id"]), color="success")
    return done, reviews_list(found, own, lang), ""
