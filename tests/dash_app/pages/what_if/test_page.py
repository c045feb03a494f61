"""What if…: an advisor changes a client's credit and sees the API's new probability."""

from __future__ import annotations

import uuid
from typing import Any

from dash.testing.browser import Browser

from dash_app.components.application_form import field_id
from dash_app.components.formatting import format_currency, format_percent, format_points
from dash_app.pages.what_if import ids
from tests.dash_app.browser import accessibility_violations, sign_in
from tests.dash_app.conftest import LiveServer
from tests.dash_app.forms import (
    click,
    page_layout,
    session_cookie,
    text_of,
    type_into,
    wait_for_value,
)
from tests.dash_app.offers import refused_with_offers
from tests.scoring_api.security.helpers import add_key

CREDIT_FACTOR = 3


def what_if_layout(live_server: LiveServer, cookie: str, client_id: str) -> Any:
    """Return the what-if page as a signed-in browser with this cookie gets it."""
    return page_layout(live_server, cookie, "/clients/<client_id>/what-if", client_id=client_id)


def api_what_if(server: LiveServer, client_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Return the API's stored file, current score and what-if score (an advisor's key)."""
    key = add_key(server.app, f"what-if-test-{uuid.uuid4().hex}", "advisor")
    client = server.app.test_client()
    headers = {"X-API-Key": key}
    file = client.get(f"/api/v1/clients/{client_id}", headers=headers).get_json()
    current = client.get(f"/api/v1/clients/{client_id}/score", headers=headers).get_json()
    body = {"applications": [{"SK_ID_CURR": client_id, **changes}], "lang": "fr"}
    response = client.post("/api/v1/score", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    return {"file": file, "current": current, "simulated": response.get_json()["results"][0]}


def test_a_much_larger_credit_shows_the_apis_higher_probability_beside_the_current_one(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[0]
    stored = api_what_if(live_server, client_id, {})["file"]["application"]
    credit, new_credit = stored["AMT_CREDIT"], stored["AMT_CREDIT"] * CREDIT_FACTOR
    new_instalment = round(stored["AMT_ANNUITY"] * CREDIT_FACTOR, 2)  # same term, same rate
    api = api_what_if(
        live_server, client_id, {"AMT_CREDIT": new_credit, "AMT_ANNUITY": new_instalment}
    )
    current, simulated = api["current"], api["simulated"]
    assert simulated["probability"] > current["probability"]  # the model's direction here

    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}/what-if")
    credit_input = field_id(ids.WHAT_IF_PREFIX, "credit")
    dash_br.wait_for_element(f"#{credit_input}", timeout=30)
    assert float(dash_br.find_element(f"#{credit_input}").get_attribute("value")) == credit
    assert "le dossier du client n'est pas modifié" in dash_br.find_element("#main").text
    term = dash_br.find_element(f"#{field_id(ids.WHAT_IF_PREFIX, 'term_months')}")
    assert float(term.get_attribute("value")) >= 1  # prefilled from the stored instalment
    type_into(dash_br, credit_input, str(new_credit))
    wait_for_value(dash_br, field_id(ids.WHAT_IF_PREFIX, "annuity"), new_instalment)
    click(dash_br, ids.WHAT_IF_SIMULATE_BUTTON)

    cell = f"#{ids.WHAT_IF_TABLE}-probability"
    dash_br.wait_for_element(f"#{ids.WHAT_IF_GRAPH} .main-svg", timeout=30)
    assert text_of(dash_br, f"{cell}-simulated") == format_percent(simulated["probability"], "fr")
    assert text_of(dash_br, f"{cell}-current") == format_percent(current["probability"], "fr")
    assert text_of(dash_br, f"{cell}-change").startswith("+")
    delta_points = format_points(simulated["score"] - current["score"], "fr", signed=True)
    assert text_of(dash_br, f"#{ids.WHAT_IF_TABLE}-score-change") == delta_points
    assert dash_br.find_elements(f"#{ids.WHAT_IF_REASONS_SIMULATED} li")
    assert dash_br.find_elements(f"#{ids.WHAT_IF_REASONS_CURRENT} li")
    changes = text_of(dash_br, f"#{ids.WHAT_IF_RESULT_DIV}")
    assert "Montant du crédit" in changes
    assert "Échéance mensuelle" in changes
    assert accessibility_violations(dash_br) == []
    assert dash_br.get_logs() == []
    assert api_what_if(live_server, client_id, {})["current"] == current  # nothing stored


def test_enter_in_a_field_runs_the_what_if_and_the_result_is_announced(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[2]
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}/what-if")
    income = field_id(ids.WHAT_IF_PREFIX, "income")
    dash_br.wait_for_element(f"#{income}", timeout=30)
    field = dash_br.find_element(f"#{income}")
    field.send_keys("0\n")  # ten times the income, then Enter
    dash_br.wait_for_element(f"#{ids.WHAT_IF_GRAPH} .main-svg", timeout=30)
    result = dash_br.find_element(f"#{ids.WHAT_IF_RESULT_DIV}")
    assert result.get_attribute("aria-live") == "polite"
    form = dash_br.find_element(f"#{ids.WHAT_IF_FORM}")
    beside = dash_br.driver.execute_script(
        "return arguments[0].getBoundingClientRect().left"
        " > arguments[1].getBoundingClientRect().right - 1",
        result,
        form,
    )
    assert beside  # on a wide screen the result stands beside the form, not below it
    assert dash_br.get_logs() == []


def test_a_negative_income_is_refused_on_the_field_and_reset_restores_the_file(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[1]
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}/what-if")
    income = field_id(ids.WHAT_IF_PREFIX, "income")
    dash_br.wait_for_element(f"#{income}", timeout=30)
    stored = dash_br.find_element(f"#{income}").get_attribute("value")
    type_into(dash_br, income, "-5")
    click(dash_br, ids.WHAT_IF_SIMULATE_BUTTON)

    feedback = f"#{field_id(ids.WHAT_IF_PREFIX, 'income', 'feedback')}"
    message = "Saisissez un montant de 1\u00a0€ à 10\u202f000\u202f000\u00a0€."
    dash_br.wait_for_element(f"{feedback}", timeout=20)
    dash_br.wait_for_text_to_equal(feedback, message.replace("\u00a0", " "), timeout=20)
    assert "is-invalid" in dash_br.find_element(f"#{income}").get_attribute("class")
    assert message in text_of(dash_br, f"#{ids.WHAT_IF_ERRORS_DIV}")
    assert not dash_br.find_elements(f"#{ids.WHAT_IF_TABLE}")  # no API result

    click(dash_br, ids.WHAT_IF_RESET_BUTTON)
    dash_br.wait_for_text_to_equal(f"#{ids.WHAT_IF_ERRORS_DIV}", "", timeout=20)
    assert dash_br.find_element(f"#{income}").get_attribute("value") == stored
    assert "is-invalid" not in dash_br.find_element(f"#{income}").get_attribute("class")
    assert dash_br.get_logs() == []


def test_a_client_account_may_simulate_only_its_own_file(live_server: LiveServer) -> None:
    cookie = session_cookie(live_server, "carl")
    own, other = live_server.own_client_id, live_server.client_ids[1]
    mine = what_if_layout(live_server, cookie, str(own))
    refused = what_if_layout(live_server, cookie, str(other))
    malformed = what_if_layout(live_server, cookie, "12ab")
    assert ids.WHAT_IF_SIMULATE_BUTTON in str(mine)
    assert getattr(refused, "id", None) == "access-refused-alert"
    assert "« 12ab » n'est pas un numéro de client." in str(malformed)


def test_an_unknown_client_gets_no_such_client(live_server: LiveServer) -> None:
    page = what_if_layout(live_server, session_cookie(live_server, "alice"), "1")
    assert "Aucun client ne porte le numéro 1." in str(page)
    assert ids.WHAT_IF_SIMULATE_BUTTON not in str(page)


def test_the_offers_card_of_a_refused_client_fills_the_form_and_the_what_if_grants_it(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id, body = refused_with_offers(live_server)
    offer = body["offers"][0]
    dash_br.driver.set_window_size(1366, 768)
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}/what-if")
    card = f"#{ids.WHAT_IF_OFFERS_CARD}"
    dash_br.wait_for_element(f"{card} li a", timeout=30)
    assert format_currency(offer["amount"], "fr") in text_of(dash_br, card)
    top = dash_br.driver.execute_script(
        "return arguments[0].getBoundingClientRect().top", dash_br.find_element(f"{card} li a")
    )
    assert top < 768  # the first offer is in the first screen of a laptop
    dash_br.find_element(f"{card} li a").click()
    wait_for_value(dash_br, field_id(ids.WHAT_IF_PREFIX, "credit"), offer["amount"])
    annuity = f"#{field_id(ids.WHAT_IF_PREFIX, 'annuity')}"
    assert float(dash_br.find_element(annuity).get_attribute("value")) == offer["instalment"]
    click(dash_br, ids.WHAT_IF_SIMULATE_BUTTON)
    dash_br.wait_for_element(f"#{ids.WHAT_IF_GRAPH} .main-svg", timeout=30)
    assert text_of(dash_br, f"#{ids.WHAT_IF_TABLE}-decision-simulated") == "Accordé"
    assert dash_br.get_logs() == []
