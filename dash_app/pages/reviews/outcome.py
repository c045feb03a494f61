"""A review's outcome form: take it up, confirm or overturn with a mandatory reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import ctx, html, no_update
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.aria import aria
from dash_app.components.messages import error_alert, icon
from dash_app.pages.reviews import ids
from dash_app.pages.reviews.sections import history_card, review_head
from dash_app.text import current_lang, t
from scoring_api.review_schemas import REASON_MAX_LENGTH
from scoring_api.services.review_flow import NEXT, PENDING, ReviewStatus

BUTTONS = {  # the button of each step: its id, colour and icon
    ReviewStatus.IN_REVIEW: (ids.REVIEW_TAKE_BUTTON, "primary", "bi-person-check"),
    ReviewStatus.CONFIRMED: (ids.REVIEW_CONFIRM_BUTTON, "primary", "bi-check2-circle"),
    ReviewStatus.OVERTURNED: (ids.REVIEW_OVERTURN_BUTTON, "danger", "bi-arrow-repeat"),
}
STEP_OF_BUTTON = {button: status for status, (button, _, _) in BUTTONS.items()}


def disabled_buttons(status: str) -> list[bool]:
    """Return, in BUTTONS order, which steps the review's status does not allow."""
    allowed = NEXT[ReviewStatus(status)]
    return [step not in allowed for step in BUTTONS]


def closed_note(status: str, lang: str) -> str:
    """Return why every button is disabled (a closed review), else nothing."""
    return "" if ReviewStatus(status) in PENDING else t("review.outcome.closed", lang)


def outcome_form(status: str, lang: str) -> Component:
    """Return the outcome form: the reason, one button a step, and the announced result."""
    buttons = [
        dbc.Button(
            [icon(icon_name, "me-1"), t(f"review.outcome.{step}", lang)],
            id=button_id,
            color=colour,
            outline=step == ReviewStatus.IN_REVIEW,
            disabled=disabled,
        )
        for (step, (button_id, colour, icon_name)), disabled in zip(
            BUTTONS.items(), disabled_buttons(status), strict=True
        )
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("review.outcome.heading", lang), className="h5 card-title"),
                dbc.Label(t("review.outcome.reason", lang), html_for=ids.REVIEW_REASON_TEXTAREA),
                dbc.Textarea(
                    id=ids.REVIEW_REASON_TEXTAREA,
                    maxLength=REASON_MAX_LENGTH,
                    rows=3,
                    required=True,  # to confirm or overturn: the help below says so
                ),
                dbc.FormText(t("review.outcome.help", lang), id=ids.REVIEW_REASON_HELP),
                html.Div(buttons, className="d-flex flex-wrap gap-2 mt-3"),
                html.Div(
                    closed_note(status, lang),
                    id=ids.REVIEW_RESULT_DIV,
                    className="mt-3",
                    role="status",
                    **aria(live="polite"),
                ),
            ]
        ),
        className="mb-3",
    )


def outcome_error(error: ApiClientError, review: Mapping[str, Any] | None, lang: str) -> Any:
    """Return an API refusal in words (a 409 says what the review's status is)."""
    if error.status == 409:
        status = (error.details or {}).get("status") or (review or {}).get("status") or "open"
        return dbc.Alert(
            [
                icon("bi-exclamation-triangle-fill", "me-2"),
                t(
                    "review.outcome.conflict",
                    lang,
                    status=t(f"reviews.status.{status}", lang),
                    message=error.message,
                ),
            ],
            color="warning",
            className="mb-0",
        )
    return error_alert(error, lang)


def record_step(
    _take: int | None,
    _confirm: int | None,
    _overturn: int | None,
    reason: str | None,
    review_id: Any,
) -> tuple[Any, ...]:
    """Record the clicked step; return the head, history, buttons, result and reason box."""
    lang = current_lang()
    step = STEP_OF_BUTTON.get(str(ctx.triggered_id))
    if step is None or not isinstance(review_id, int):
        return (no_update,) * 7
    text = (reason or "").strip()
    if step != ReviewStatus.IN_REVIEW and not text:
        missing = dbc.Alert(t("review.outcome.reason_missing", lang), color="warning")
        return (no_update,) * 5 + (missing, no_update)
    try:
        review = api_client.record_review_outcome(review_id, step.value, text or None)
    except ApiClientError as error:
        return (no_update,) * 5 + (outcome_error(error, None, lang), no_update)
    done = dbc.Alert(
        t("review.outcome.done", lang, status=t(f"reviews.status.{review['status']}", lang)),
        color="success",
        className="mb-0",
    )
    return (
        review_head(review, lang),
        history_card(review, lang),
        *disabled_buttons(review["status"]),
        done,
        "",
    )
