"""The "what we can offer" card: the API's counter-offers, one click into the what-if form."""

from __future__ import annotations

import pytest

from dash_app.components.offers_card import offer_link, offers_card

OFFER = {
    "rule": "largest_amount",
    "amount": 426000.0,
    "term_months": 23.4,
    "instalment": 21234.5,
    "score": 560.2,
}


def test_an_offer_opens_the_what_if_with_its_amount_and_instalment() -> None:
    assert offer_link(100002, OFFER) == (
        "/clients/100002/what-if?offer_amount=426000.0&offer_instalment=21234.5"
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("instalment_ceiling", "Even the smallest amount over the longest term"),
        ("anything_else", "No amount or term within the product's limits is granted."),
    ],
)
def test_no_offer_says_why_in_words(code: str, expected: str) -> None:
    card = offers_card(1, {"offers": [], "reason": {"code": code, "message": "x"}}, "en", "card")
    assert expected in str(card)
