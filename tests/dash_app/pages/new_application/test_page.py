"""New application: an advisor scores someone not yet in the data; clients may not."""

from __future__ import annotations

import uuid

from dash.testing.browser import Browser

from dash_app.components.application_form import field_id
from dash_app.components.formatting import format_percent, format_points
from dash_app.pages.new_application import ids
from model_training.loan_terms import DEFAULT_ANNUAL_RATE, instalment
from tests.dash_app.browser import accessibility_violations, sign_in
from tests.dash_app.conftest import LiveServer
from tests.dash_app.forms import (
    choose,
    click,
    page_layout,
    session_cookie,
    text_of,
    type_into,
    wait_for_value,
)
from tests.scoring_api.security.helpers import add_key

TYPED = {
    "credit": "300000",
    "term_months": "24",
    "income": "54000",
    "employed_years": "6.5",
    "ext_source_2": "0.55",
}
TYPED_AGE = "41"
CHOSEN = {
    "income_type": "Working",
    "family_status": "Married",
    "housing": "House / apartment",
    "education": "Higher education",
}
APPLICATION = {  # the same applicant as the API takes it (defaults: cash loan, 0 child, 1 person)
    "NAME_CONTRACT_TYPE": "Cash loans",
    "AMT_CREDIT": 300000.0,
    "AMT_ANNUITY": round(instalment(300_000, 24, DEFAULT_ANNUAL_RATE), 2),  # the form computes it
    "AMT_GOODS_PRICE": None,
    "AMT_INCOME_TOTAL": 54000.0,
    "NAME_INCOME_TYPE": "Working",
    "OCCUPATION_TYPE": None,
    "DAYS_EMPLOYED": -2374,
    "FLAG_EMP_PHONE": 1,
    "CNT_CHILDREN": 0,
    "CNT_FAM_MEMBERS": 1,
    "NAME_FAMILY_STATUS": "Married",
    "NAME_HOUSING_TYPE": "House / apartment",
    "FLAG_OWN_CAR": "N",
    "FLAG_OWN_REALTY": "N",
    "DAYS_BIRTH": -14975,
    "NAME_EDUCATION_TYPE": "Higher education",
    "EXT_SOURCE_1": None,
    "EXT_SOURCE_2": 0.55,
    "EXT_SOURCE_3": None,
    "DAYS_REGISTRATION": None,
    "DAYS_ID_PUBLISH": None,
    "DAYS_LAST_PHONE_CHANGE": None,
    "NAME_TYPE_SUITE": None,
}


def api_score(server: LiveServer) -> dict:
    """Return the API's score of the typed applicant (an advisor's key)."""
    key = add_key(server.app, f"new-application-test-{uuid.uuid4().hex}", "advisor")
    body = {"applications": [APPLICATION], "explain": True, "lang": "fr"}
    response = server.app.test_client().post("/api/v1/score", json=body, headers={"X-API-Key": key})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"][0]


def test_an_advisor_fills_the_form_and_sees_the_apis_decision_and_reasons(
    dash_br: Browser, live_server: LiveServer
) -> None:
    expected = api_score(live_server)
    sign_in(dash_br, live_server, "alice", next_path="/new-application")
    prefix = ids.NEW_APPLICATION_PREFIX
    dash_br.wait_for_element(f"#{field_id(prefix, 'credit')}", timeout=30)
    assert dash_br.driver.title == "Nouvelle demande"
    click(dash_br, ids.NEW_APPLICATION_SUBMIT_BUTTON)  # empty: each required field says so
    dash_br.wait_for_element(f"#{field_id(prefix, 'errors', 'alert')}", timeout=20)
    assert "is-invalid" in dash_br.find_element(f"#{field_id(prefix, 'age')}").get_attribute(
        "class"
    )
    assert not dash_br.find_elements(f"#{ids.NEW_APPLICATION_SCORE}")

    for name, text in {**TYPED, "age": TYPED_AGE}.items():
        type_into(dash_br, field_id(prefix, name), text)
    for name, value in CHOSEN.items():
        choose(dash_br, field_id(prefix, name), value)
    instalment_input = field_id(prefix, "annuity")
    wait_for_value(dash_br, instalment_input, APPLICATION["AMT_ANNUITY"])
    assert dash_br.find_element(f"#{instalment_input}").get_attribute("disabled") == "true"
    assert "au taux annuel supposé de 16" in text_of(
        dash_br, f"#{field_id(prefix, 'loan', 'text')}"
    )
    click(dash_br, ids.NEW_APPLICATION_SUBMIT_BUTTON)

    score = f"#{ids.NEW_APPLICATION_SCORE}"
    dash_br.wait_for_element(f"{score}-decision .decision-badge", timeout=30)
    assert not dash_br.find_elements(f"#{field_id(prefix, 'errors', 'alert')}")
    decision = {
        "granted": "Accordé",
        "refused": "Refusé",
        "referred": "Transmis à un conseiller",
    }[expected["decision"]]
    assert dash_br.find_element(f"{score}-decision").text.startswith(decision)
    assert text_of(dash_br, f"{score}-probability") == format_percent(expected["probability"], "fr")
    assert text_of(dash_br, f"{score}-score") == format_points(expected["score"], "fr")
    reasons = dash_br.find_elements(f"#{ids.NEW_APPLICATION_REASONS} li .fw-semibold")
    assert [r.text for r in reasons] == [r["label"] for r in expected["explanation"]["reasons"]]
    assert "n'utilise que la demande" in text_of(dash_br, f"#{ids.NEW_APPLICATION_RESULT_DIV}")
    assert [m["family"] for m in expected["missing_inputs"]] == ["no_external_score"]
    referral = text_of(dash_br, f"#{ids.NEW_APPLICATION_REFERRAL}")
    assert "Score externe 1" in referral  # asked for, with what its absence costs
    assert "Score externe 2" not in referral  # given on the form
    assert accessibility_violations(dash_br) == []
    assert dash_br.get_logs() == []


def test_a_client_account_is_refused_the_new_application_page(live_server: LiveServer) -> None:
    refused = page_layout(live_server, session_cookie(live_server, "carl"), "/new-application")
    assert getattr(refused, "id", None) == "access-refused-alert"
    shown = page_layout(live_server, session_cookie(live_server, "alice"), "/new-application")
    assert ids.NEW_APPLICATION_SUBMIT_BUTTON in str(shown)
