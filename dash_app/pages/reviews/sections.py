"""The review pages' parts: the queue table, a review's head, reasons and history (no fetching)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.formatting import format_days, format_points
from dash_app.components.messages import decision_badge, icon
from dash_app.components.reasons import reasons_body
from dash_app.components.tables import list_table
from dash_app.pages.reviews import ids
from dash_app.text import t
from model_training.presentation.formats import format_timestamp_day
from scoring_api.services.review_flow import CLOSED, ReviewStatus

QUEUE_COLUMNS = ("id", "client", "origin", "status", "opened", "age", "requester")
STATUS_ICON = {
    ReviewStatus.OPEN: "bi-inbox",
    ReviewStatus.IN_REVIEW: "bi-hourglass-split",
    ReviewStatus.CONFIRMED: "bi-check2-circle",
    ReviewStatus.OVERTURNED: "bi-arrow-repeat",
}


def moment(stamp: str) -> datetime:
    """Return an API timestamp (ISO 8601) as an aware datetime (UTC when it names no zone)."""
    parsed = datetime.fromisoformat(stamp)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def review_date(stamp: str, lang: str) -> str:
    """Return the day of an API timestamp in words (``5 décembre 2026``)."""
    return format_timestamp_day(stamp, lang)


def age_days(stamp: str, today: date) -> int:
    """Return how many whole days ago a review was opened."""
    return max((today - moment(stamp).date()).days, 0)


def status_label(status: str, lang: str) -> Component:
    """Return a review's status as icon + words."""
    return html.Span(
        [icon(STATUS_ICON[ReviewStatus(status)], "me-1"), t(f"reviews.status.{status}", lang)],
        className="review-status",
    )


def requester(review: Mapping[str, Any], lang: str) -> str:
    """Return who asked for a review: a role in words, or the system for a referral."""
    role = review.get("requested_by_role")
    return t(f"role.{role}", lang) if role else t("reviews.requester.none", lang)


def queue_table(items: Sequence[Mapping[str, Any]], lang: str, today: date) -> Component:
    """Return the review queue as a table, oldest first as the API gives it."""
    header = html.Thead(
        html.Tr([html.Th(t(f"reviews.col.{name}", lang), scope="col") for name in QUEUE_COLUMNS])
    )
    rows = [
        html.Tr(
            [
                html.Th(
                    dcc.Link(
                        str(item["id"]),
                        href=f"/reviews/{item['id']}",
                        title=t("reviews.open_review", lang, id=item["id"]),
                    ),
                    scope="row",
                ),
                html.Td(dcc.Link(str(item["client_id"]), href=f"/clients/{item['client_id']}")),
                html.Td(t(f"reviews.origin.{item['origin']}", lang)),
                html.Td(status_label(item["status"], lang)),
                html.Td(review_date(item["created_at"], lang)),
                html.Td(format_days(age_days(item["created_at"], today), lang)),
                html.Td(requester(item, lang)),
            ]
        )
        for item in items
    ]
    return list_table(t("reviews.table_caption", lang), header, rows, "reviews-table")


def empty_alert(lang: str) -> Component:
    """Return the message of a queue with no review matching the filters."""
    return dbc.Alert(
        [icon("bi-inbox", "me-2"), t("reviews.empty", lang)],
        color="info",
        id=ids.REVIEWS_EMPTY_ALERT,
    )


def review_head(review: Mapping[str, Any], lang: str) -> Component:
    """Return a review's file head: client, status, score and decision as scored, final one."""
    lines = [
        html.P(
            dcc.Link(
                [
                    icon("bi-person", "me-1"),
                    t("review.head.client", lang, client_id=review["client_id"]),
                ],
                href=f"/clients/{review['client_id']}",
            )
        ),
        html.P(t("review.head.status", lang, status=t(f"reviews.status.{review['status']}", lang))),
        html.P(
            [
                t(
                    "review.head.scored",
                    lang,
                    score=format_points(review["score"], lang),
                    version=review["model_version"],
                ),
                " ",
                decision_badge(review["decision"], lang),
            ]
        ),
    ]
    if review.get("final_decision"):
        lines.append(
            html.P(
                [
                    html.Strong(t("review.head.final", lang)),
                    " ",
                    decision_badge(review["final_decision"], lang),
                ]
            )
        )
    return dbc.Card(
        dbc.CardBody([html.H2(t("review.head.heading", lang), className="h5 card-title"), *lines]),
        className="mb-3",
    )


def reasons_card(explanation: Mapping[str, Any], lang: str) -> Component:
    """Return the client's principal reasons as the client file words them."""
    heading = html.H2(t("review.reasons.heading", lang), className="h5 card-title")
    body = reasons_body(explanation, lang, ids.REVIEW_REASONS_LIST)
    return dbc.Card(dbc.CardBody([heading, *body]), className="mb-3")


def _reviewer(review: Mapping[str, Any], lang: str) -> str:
    """Return the reviewer as the API gives them: an account number, never a name."""
    return t("review.history.reviewer", lang, id=review.get("reviewer_account_id") or "?")


def history_steps(review: Mapping[str, Any], lang: str) -> list[Component]:
    """Return the steps of a review the API records: opened, taken up (while it is), closed."""
    opener = (
        requester(review, lang)
        if review["origin"] == "request"
        else t("review.history.referral", lang)
    )
    opened: list[Component] = [
        html.Span(
            t(
                "review.history.step",
                lang,
                when=review_date(review["created_at"], lang),
                who=opener,
                status=t("reviews.status.open", lang),
            )
        )
    ]
    if review.get("comment"):
        opened.append(html.Div(t("review.history.comment", lang, text=review["comment"])))
    steps: list[Component] = [html.Li(opened)]
    status = review["status"]
    if review.get("taken_up_at"):  # also once closed (null: never taken up, or not recorded)
        taken = t(
            "review.history.step",
            lang,
            when=review_date(review["taken_up_at"], lang),
            who=_reviewer(review, lang),
            status=t(f"reviews.status.{ReviewStatus.IN_REVIEW}", lang),
        )
        steps.append(html.Li(taken))
    if status in CLOSED:
        closed = t(
            "review.history.step",
            lang,
            when=review_date(review["decided_at"] or review["updated_at"], lang),
            who=_reviewer(review, lang),
            status=t(f"reviews.status.{status}", lang),
        )
        reason = t("review.history.reason", lang, text=review.get("reason") or "")
        steps.append(html.Li([html.Span(closed), html.Div(reason)]))
    return steps


def history_card(review: Mapping[str, Any], lang: str) -> Component:
    """Return the history of the request, each step with who, when, status, comment or reason."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("review.history.heading", lang), className="h5 card-title"),
                html.Ol(history_steps(review, lang), className="mb-0"),
            ]
        ),
        className="mb-3",
    )
