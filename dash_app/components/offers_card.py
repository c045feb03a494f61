"""The "what we can offer" card of a refused or referred client: the API's counter-offers.

Each offer links to the what-if page with the offer in its form (amount and monthly
instalment), so one click lets the advisor check it and show it to the client. The client
file and the what-if page show it, each under its own component id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.formatting import format_currency, format_months, format_points
from dash_app.components.messages import icon
from dash_app.text import t

OFFER_AMOUNT = "offer_amount"  # the what-if page's query parameters of an offer
OFFER_INSTALMENT = "offer_instalment"
NO_OFFER_CODES = ("no_offer_in_range", "instalment_ceiling", "below_product_minimum")


def offer_link(client_id: int, offer: Mapping[str, Any]) -> str:
    """Return the what-if address with this offer's amount and instalment in the form."""
    query = urlencode({OFFER_AMOUNT: offer["amount"], OFFER_INSTALMENT: offer["instalment"]})
    return f"/clients/{client_id}/what-if?{query}"


def _offer_item(client_id: int, offer: Mapping[str, Any], lang: str) -> Component:
    """Return one offer: its terms in words, its score, and the link to try it."""
    return html.Li(
        [
            html.Strong(t(f"offers.rule.{offer['rule']}", lang)),
            " — ",
            t(
                "offers.terms",
                lang,
                amount=format_currency(offer["amount"], lang),
                term=format_months(offer["term_months"], lang),
                instalment=format_currency(offer["instalment"], lang),
                score=format_points(offer["score"], lang),
            ),
            " ",
            dcc.Link(
                [icon("bi-calculator", "me-1"), t("offers.try", lang)],
                href=offer_link(client_id, offer),
            ),
        ],
        className="mb-2",
    )


def offers_card(client_id: int, body: Mapping[str, Any], lang: str, card_id: str) -> Component:
    """Return the counter-offers card (or why there is none) of a refused or referred client."""
    offers = body.get("offers") or []
    if offers:
        content: Component = html.Ul(
            [_offer_item(client_id, offer, lang) for offer in offers], className="mb-0"
        )
    else:
        code = (body.get("reason") or {}).get("code")
        key = code if code in NO_OFFER_CODES else "no_offer_in_range"
        content = html.P(t(f"offers.none.{key}", lang), className="mb-0")
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(
                    [icon("bi-arrow-left-right", "me-2"), t("offers.heading", lang)],
                    className="h5 card-title",
                ),
                html.P(t("offers.intro", lang), className="small"),
                content,
            ]
        ),
        id=card_id,
        className="mb-3",
    )
