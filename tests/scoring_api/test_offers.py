"""Counter-offers through the API: exact on the session bundle, bounded, audited, by role."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from flask import Flask
from sqlalchemy import select

from model_training.loan_terms import instalment
from model_training.presentation.formats import format_currency, format_months
from scoring_api.context import api_settings, bundle_store
from scoring_api.security.audit import pseudonymise
from scoring_api.security.models import AuditEvent
from scoring_api.security.state import get_state
from scoring_api.services.applications import score_applications
from scoring_api.services.offers import application_offers
from scoring_api.services.scoring import score_stored_client


@pytest.fixture(scope="module")
def decided(app: Flask) -> dict[str, list[int]]:
    """Return stored client ids by model decision: the refused nearest the threshold first."""
    with app.test_request_context():
        bundle = bundle_store().get()
        probability = bundle.scores["probability"].to_numpy()
        ids = np.asarray(bundle.client_ids)[np.argsort(probability)]
        is_refused = np.sort(probability) >= bundle.threshold
        refused, granted = ids[is_refused], ids[~is_refused]
    return {"refused": [int(i) for i in refused[:10]], "granted": [int(i) for i in granted[:1]]}


def decision_of(app: Flask, client_id: int, amount: float, term: float) -> str:
    """Return the decision of the what-if moving a client's loan to (amount, term)."""
    with app.test_request_context():
        rate = api_settings().loan_annual_rate
        change = {"SK_ID_CURR": client_id, "AMT_CREDIT": amount}
        change["AMT_ANNUITY"] = instalment(amount, term, rate)
        return str(score_applications(bundle_store().get(), [change])[0]["model_decision"])


def test_each_offer_is_granted_and_one_step_beyond_is_not(
    app: Flask, as_role: Any, decided: dict[str, list[int]]
) -> None:
    assert len(decided["refused"]) >= 3
    checked = 0
    for client_id in decided["refused"]:
        body = as_role("advisor", "GET", f"/api/v1/clients/{client_id}/offers").json
        assert body["requested"]["decision"] in {"refused", "referred"}
        step = body["amount_step"]
        for offer in body["offers"]:
            checked += 1
            assert offer["decision"] == "granted"
            assert decision_of(app, client_id, offer["amount"], offer["term_months"]) == "granted"
            if offer["rule"] == "shortest_term":
                beyond = (offer["amount"], offer["term_months"] - 1)
                assert offer["amount"] == body["requested"]["amount"]
            else:
                beyond = (offer["amount"] + step, offer["term_months"])
                assert offer["amount"] % step == 0
                assert offer["amount"] <= body["requested"]["amount"]
            if beyond[1] >= 6 and beyond[0] <= body["requested"]["amount"]:
                assert decision_of(app, client_id, *beyond) == "refused"
            change = offer["change"]
            assert change["amount"] == pytest.approx(offer["amount"] - body["requested"]["amount"])
        if not body["offers"]:
            assert body["reason"]["message"]
    assert checked >= 3


def test_offers_respect_the_product_bounds(app: Flask, decided: dict[str, list[int]]) -> None:
    with app.test_request_context():
        settings = replace(
            api_settings(),
            offer_min_amount=20_000,
            offer_max_amount=200_000,
            offer_amount_step=5_000,
            offer_min_term_months=12,
            offer_max_term_months=36,
        )
        bundle = bundle_store().get()
        offers = []
        for client_id in decided["refused"]:
            result = score_stored_client(bundle, client_id)
            body = application_offers(bundle, settings, {"SK_ID_CURR": client_id}, result)
            offers += body["offers"]
            for offer in body["offers"]:
                if offer["rule"] != "shortest_term":
                    assert 20_000 <= offer["amount"] <= 200_000
                    assert offer["amount"] % 5_000 == 0
                assert 12 <= offer["term_months"] <= 36
    assert offers


def test_no_offer_within_tight_bounds_says_why(app: Flask, decided: dict[str, list[int]]) -> None:
    with app.test_request_context():
        settings = replace(
            api_settings(), offer_max_instalment_to_income=0.0001, offer_max_term_months=7
        )
        bundle = bundle_store().get()
        client_id = decided["refused"][0]
        result = score_stored_client(bundle, client_id)
        body = application_offers(bundle, settings, {"SK_ID_CURR": client_id}, result)
    assert body["offers"] == []
    assert body["reason"]["code"] == "instalment_ceiling"
    assert "income" in body["reason"]["message"]


def test_a_granted_client_gets_no_offers_and_is_told_so(
    as_role: Any, decided: dict[str, list[int]]
) -> None:
    body = as_role("advisor", "GET", f"/api/v1/clients/{decided['granted'][0]}/offers").json
    assert body["offers"] == []
    assert body["requested"]["decision"] == "granted"
    assert body["reason"]["code"] == "already_granted"


def test_post_score_adds_offers_to_a_what_if_and_a_new_applicant(
    as_role: Any, decided: dict[str, list[int]]
) -> None:
    new = {
        "NAME_CONTRACT_TYPE": "Cash loans",
        "AMT_CREDIT": 4_000_000.0,
        "AMT_ANNUITY": 400_000.0,
        "AMT_INCOME_TOTAL": 20_000.0,
        "DAYS_BIRTH": -9_000,
    }
    what_if = {"SK_ID_CURR": decided["refused"][0], "AMT_CREDIT": 3_000_000.0}
    applications = [new, what_if, {"SK_ID_CURR": decided["granted"][0]}]
    body = {"applications": applications, "offers": True}
    results = as_role("advisor", "POST", "/api/v1/score", json=body).json["results"]
    for result in results:
        offers = result["offers"]
        assert offers["requested"]["decision"] == result["decision"]
        assert bool(offers["offers"]) != (offers["reason"] is not None)
    assert results[0]["decision"] != "granted"
    assert results[1]["offers"]["requested"]["amount"] == 3_000_000.0
    assert results[2]["offers"]["reason"]["code"] == "already_granted"
    plain = as_role("advisor", "POST", "/api/v1/score", json={"applications": [what_if]}).json
    assert "offers" not in plain["results"][0]


def test_a_client_reads_only_their_own_offers(
    as_role: Any, client_ids: list[int], decided: dict[str, list[int]]
) -> None:
    assert as_role("client", "GET", f"/api/v1/clients/{client_ids[0]}/offers").status_code == 200
    other = as_role("client", "GET", f"/api/v1/clients/{client_ids[1]}/offers")
    assert other.status_code == 403
    what_if = {"applications": [{"SK_ID_CURR": client_ids[1]}], "offers": True}
    assert as_role("client", "POST", "/api/v1/score", json=what_if).status_code == 403
    assert as_role(None, "GET", f"/api/v1/clients/{client_ids[0]}/offers").status_code == 401


def test_offers_are_audited(app: Flask, as_role: Any, decided: dict[str, list[int]]) -> None:
    client_id = decided["refused"][1]
    assert as_role("advisor", "GET", f"/api/v1/clients/{client_id}/offers").status_code == 200
    state = get_state(app)
    state.audit.flush()
    reference = pseudonymise(client_id, state.settings.pseudonym_key)
    with state.database.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.client_ref == reference))
        assert ("clients.offers", "ok") in [(row.action, row.outcome) for row in rows]


def test_a_what_if_without_an_instalment_has_no_loan_terms_to_move(
    as_role: Any, decided: dict[str, list[int]]
) -> None:
    what_if = {"SK_ID_CURR": decided["refused"][0], "AMT_ANNUITY": None}
    body = {"applications": [what_if], "offers": True}
    result = as_role("advisor", "POST", "/api/v1/score", json=body).json["results"][0]
    assert result["decision"] != "granted"
    assert result["offers"]["reason"]["code"] == "no_loan_terms"
    assert result["offers"]["requested"]["instalment"] is None


def test_the_decision_letter_carries_the_client_offers(as_role, decided) -> None:
    """The letter's offers are the API's own (same amounts), not a separate computation."""
    for client_id in decided["refused"]:
        body = as_role("advisor", "GET", f"/api/v1/clients/{client_id}/offers").json
        if body["offers"]:
            break
    assert body["offers"], "a refused client with an offer (the tests above find several)"
    letter = as_role(
        "advisor", "GET", f"/api/v1/clients/{client_id}/letter?format=html&lang=en"
    ).get_data(as_text=True)
    for offer in body["offers"]:
        assert format_currency(offer["amount"], "en") in letter
        assert format_months(offer["term_months"], "en") in letter
