"""The "what we can offer" card: the API's counter-offers, one click into the what-if form."""

from __future__ import annotations

import uuid
from typing import Any

import numpy as np
import pytest
from dash.testing.browser import Browser

from dash_app.components.application_form import field_id
from dash_app.components.formatting import format_currency
from dash_app.pages.client_file import ids
from dash_app.pages.client_file.offers import offer_link, offers_card
from dash_app.pages.what_if import ids as what_if_ids
from scoring_api.context import bundle_store
from tests.dash_app.browser import accessibility_violations, sign_in
from tests.dash_app.conftest import LiveServer
from tests.dash_app.forms import click, text_of
from tests.scoring_api.security.helpers import add_key

OFFER = {
    "rule": "largest_amount",
    "amount": 426000.0,
    "term_months": 23.4,
    "instalment": 21234.5,
    "score": 560.2,
}


def refused_with_offers(server: LiveServer) -> tuple[int, dict[str, Any]]:
    """Return a refused client of the session bundle that has offers, and the API's offers."""
    key = add_key(server.app, f"offers-{uuid.uuid4().hex}", "advisor")
    client = server.app.test_client()
    with server.app.test_request_context():
        bundle = bundle_store().get()
        probability = bundle.scores["probability"].to_numpy()
        order = np.argsort(probability)
        refused = [int(bundle.client_ids[i]) for i in order if probability[i] >= bundle.threshold]
    for client_id in refused[:20]:  # nearest the threshold first
        body = client.get(
            f"/api/v1/clients/{client_id}/offers", headers={"X-API-Key": key}
        ).get_json()
        if body["offers"]:
            return client_id, body
    raise AssertionError("no refused client of the session bundle has an offer")


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
    card = offers_card(1, {"offers": [], "reason": {"code": code, "message": "x"}}, "en")
    assert expected in str(card)


def test_an_advisor_tries_an_offer_and_the_what_if_grants_it(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id, body = refused_with_offers(live_server)
    offer = body["offers"][0]
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}")
    dash_br.wait_for_element(f"#{ids.CLIENT_FILE_OFFERS_CARD} li", timeout=30)
    card = text_of(dash_br, f"#{ids.CLIENT_FILE_OFFERS_CARD}")
    assert format_currency(offer["amount"], "fr") in card
    assert accessibility_violations(dash_br) == []
    dash_br.find_element(f"#{ids.CLIENT_FILE_OFFERS_CARD} li a").click()
    credit = f"#{field_id(what_if_ids.WHAT_IF_PREFIX, 'credit')}"
    dash_br.wait_for_element(credit, timeout=30)
    assert float(dash_br.find_element(credit).get_attribute("value")) == offer["amount"]
    annuity = f"#{field_id(what_if_ids.WHAT_IF_PREFIX, 'annuity')}"
    assert float(dash_br.find_element(annuity).get_attribute("value")) == offer["instalment"]
    click(dash_br, what_if_ids.WHAT_IF_SIMULATE_BUTTON)
    dash_br.wait_for_element(f"#{what_if_ids.WHAT_IF_GRAPH} .main-svg", timeout=30)
    decision = text_of(dash_br, f"#{what_if_ids.WHAT_IF_TABLE}-decision-simulated")
    assert decision == "Accordé"
    assert dash_br.get_logs() == []
