"""Human reviews (advisors): the queue at /reviews and one review at /reviews/<review_id>.

This module registers both pages: the queue under its own name, the review screen under
``REVIEW_PAGE`` with its layout given (Dash's registry is keyed by that name).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import ADVISOR_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.aria import aria
from dash_app.components.messages import error_alert, icon
from dash_app.components.offers_card import offers_card
from dash_app.pages.reviews import callbacks, ids
from dash_app.pages.reviews.outcome import outcome_form
from dash_app.pages.reviews.sections import history_card, reasons_card, review_head
from dash_app.routing import parse_client_id
from dash_app.text import current_lang, t
from model_training.modeling.decision import GRANTED
from scoring_api.review_schemas import MAX_AGE_DAYS, MAX_REVIEW_ID
from scoring_api.services.review_flow import REVIEW_STATUSES

ALL = "all"  # the status filter's "every status" (the API's filter left out)
REVIEW_PAGE = f"{__name__}.review"  # the registry's key of the review screen


def review_title(review_id: str | None = None, **_: object) -> str:
    """Return the review screen's title: its number when the address holds one."""
    lang = current_lang()
    number = parse_client_id(review_id)
    return t("review.title_generic", lang) if number is None else t("review.title", lang, id=number)


def layout(viewer: Viewer, **_: object) -> Component:
    """Return the queue's filters, table, "more" button (the table comes from a callback)."""
    lang = current_lang()
    options = [{"label": t("reviews.filter.all", lang), "value": ALL}] + [
        {"label": t(f"reviews.status.{status}", lang), "value": status}
        for status in REVIEW_STATUSES
    ]
    filters = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("reviews.filter.status", lang), html_for=ids.REVIEWS_STATUS_SELECT),
                    dbc.Select(id=ids.REVIEWS_STATUS_SELECT, options=options, value=ALL),
                ],
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Label(t("reviews.filter.age", lang), html_for=ids.REVIEWS_AGE_INPUT),
                    dbc.Input(
                        id=ids.REVIEWS_AGE_INPUT,
                        type="number",
                        min=0,
                        max=MAX_AGE_DAYS,
                        step=1,
                        debounce=True,
                    ),
                ],
                md=4,
            ),
        ],
        className="g-3 mb-3",
    )
    return html.Div(
        [
            html.H1(t("reviews.title", lang), className="h3"),
            html.P(t("reviews.intro", lang)),
            filters,
            html.P(id=ids.REVIEWS_STATUS_P, className="mb-2", **aria(live="polite")),
            dcc.Store(id=ids.REVIEWS_PAGE_STORE),
            html.Div(id=ids.REVIEWS_TABLE_DIV),
            dbc.Button(
                [icon("bi-chevron-down", "me-1"), t("reviews.more", lang)],
                id=ids.REVIEWS_MORE_BUTTON,
                color="secondary",
                outline=True,
                disabled=True,
            ),
        ]
    )


def review_layout(viewer: Viewer, review_id: str | None = None, **_: object) -> Component:
    """Return one review: head, reasons, counter-offers, history and the outcome form."""
    lang = current_lang()
    number = parse_client_id(review_id)
    back = dcc.Link([icon("bi-arrow-left", "me-1"), t("review.back", lang)], href="/reviews")
    if number is None or number > MAX_REVIEW_ID:
        message = t("review.bad_id", lang, id=review_id)
        return html.Div([back, dbc.Alert(message, color="warning", className="mt-3")])
    try:
        review = api_client.review(number)
        client_id = review["client_id"]
        reasons = reasons_card(api_client.client_explanation(client_id, lang), lang)
        offers = (
            offers_card(
                client_id, api_client.client_offers(client_id, lang), lang, ids.REVIEW_OFFERS_CARD
            )
            if review["decision"] != GRANTED
            else None
        )
    except ApiClientError as error:
        alert = (
            dbc.Alert(t("review.not_found", lang, id=number), color="warning", className="mt-3")
            if error.status == 404
            else error_alert(error, lang)
        )
        return html.Div([back, alert])
    return html.Div(
        [
            back,
            html.H1(t("review.title", lang, id=number), className="h3 mt-2"),
            dcc.Store(id=ids.REVIEW_ID_STORE, data=number),
            html.Div(review_head(review, lang), id=ids.REVIEW_HEAD_DIV),
            reasons,
            offers,
            html.Div(history_card(review, lang), id=ids.REVIEW_HISTORY_DIV),
            outcome_form(review["status"], lang),
        ]
    )


dash.register_page(
    __name__,
    path="/reviews",
    title=lambda **_: t("reviews.title", current_lang()),
    order=5,  # after the model: the navigation's last link for advisors
    roles=ADVISOR_ROLES,
    nav="reviews.nav",
    callbacks=callbacks.register_callbacks,
)
dash.register_page(
    REVIEW_PAGE,
    path_template="/reviews/<review_id>",
    title=review_title,
    layout=review_layout,
    roles=ADVISOR_ROLES,
)
