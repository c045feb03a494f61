"""A client's file in a real browser: the API's numbers, the figures, languages and access."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dash.testing.browser import Browser
from pypdf import PdfReader
from sqlalchemy import select

from dash_app import ids as shell_ids
from dash_app.components.application_form import field_id
from dash_app.components.formatting import format_currency, format_percent, format_points
from dash_app.pages.client_file import ids
from dash_app.pages.client_file.sections import WATERFALL_GROUPS
from dash_app.pages.clients import ids as clients_ids
from dash_app.pages.reviews import ids as review_ids
from dash_app.pages.what_if import ids as what_if_ids
from scoring_api.security.audit import pseudonymise
from scoring_api.security.models import AuditEvent
from scoring_api.security.state import get_state
from tests.dash_app.browser import (
    accessibility_violations,
    click,
    open_page,
    sign_in,
    wait_for_file,
)
from tests.dash_app.conftest import LiveServer
from tests.dash_app.forms import page_layout, session_cookie
from tests.dash_app.offers import refused_with_offers


def api_answers(server: LiveServer, client_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the API's file and French explanation of a client, as an advisor gets them."""
    client = server.app.test_client()
    login = {"username": "alice", "password": server.password}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    file = client.get(f"/api/v1/clients/{client_id}").get_json()
    explanation = client.get(f"/api/v1/clients/{client_id}/explanation?lang=fr").get_json()
    return file, explanation


def text_of(browser: Browser, selector: str) -> str:
    """Return an element's text as written (no-break spaces kept, unlike ``.text``)."""
    return browser.find_element(selector).get_attribute("textContent")


def test_an_advisor_sees_the_decision_gauge_waterfall_and_reasons_with_the_apis_numbers(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[1]
    file, explanation = api_answers(live_server, client_id)
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}")
    dash_br.wait_for_element(f"#{ids.CLIENT_FILE_WATERFALL_GRAPH} .main-svg", timeout=30)
    dash_br.wait_for_element(f"#{ids.CLIENT_FILE_GAUGE_GRAPH} .main-svg", timeout=30)
    assert dash_br.find_element("h1").text == f"Client n° {client_id}"
    assert dash_br.driver.title == f"Client n° {client_id}"
    decision = dash_br.find_element(f"#{ids.CLIENT_FILE_DECISION_DIV}").text
    expected = {"granted": "Accordé", "refused": "Refusé", "referred": "Transmis à un conseiller"}
    assert decision == expected[file["decision"]]
    probability = text_of(dash_br, f"#{ids.CLIENT_FILE_PROBABILITY_P}")
    assert format_percent(file["probability"], "fr") in probability
    assert format_percent(file["threshold"], "fr") in probability
    score = text_of(dash_br, f"#{ids.CLIENT_FILE_SCORE_P}")
    assert format_points(file["score"], "fr") in score
    assert f"seuil : {format_points(explanation['threshold_points'], 'fr')}" in score
    reasons = dash_br.find_elements(f"#{ids.CLIENT_FILE_REASONS_LIST} li")
    assert [r.text.split(" — ")[0] for r in reasons] == [r["label"] for r in explanation["reasons"]]
    summary = text_of(dash_br, f"#{ids.CLIENT_FILE_WATERFALL_SUMMARY_P}")
    assert f"un score de {format_points(file['score'], 'fr')}" in summary
    bars = dash_br.driver.execute_script(
        "return document.getElementById(arguments[0]).querySelector('.js-plotly-plot').data[0].y",
        ids.CLIENT_FILE_WATERFALL_GRAPH,
    )
    groups = explanation["groups"]
    shown = [g["label"] for g in groups[:WATERFALL_GROUPS]]
    drawn = [bar.replace("<br>", " ") for bar in bars[1:-1]]  # long labels wrap
    assert drawn == shown + (["Autres facteurs"] if len(groups) > WATERFALL_GROUPS else [])
    bar_points = {g["label"]: g["points"] for g in groups}
    assert all(bar_points[r["label"]] == r["points"] for r in explanation["reasons"])
    profile = dash_br.find_element(f"#{ids.CLIENT_FILE_PROFILE_SECTION}").text
    assert "Revenu mensuel" in profile
    assert "AMT_INCOME_TOTAL" not in dash_br.find_element("#main").text

    click(dash_br, f"#{shell_ids.SHELL_LANGUAGE_LINK}")
    dash_br.wait_for_text_to_equal("h1", f"Client no. {client_id}", timeout=20)
    dash_br.wait_for_element(f"#{ids.CLIENT_FILE_WATERFALL_GRAPH} .main-svg", timeout=30)
    assert "Monthly income" in dash_br.find_element(f"#{ids.CLIENT_FILE_PROFILE_SECTION}").text
    assert "Main reasons" in dash_br.find_element("#main").text
    english = text_of(dash_br, f"#{ids.CLIENT_FILE_PROBABILITY_P}")
    assert format_percent(file["probability"], "en") in english
    assert accessibility_violations(dash_br) == []
    assert dash_br.get_logs() == []


def test_an_advisor_downloads_the_clients_decision_letter_in_the_pages_language(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[1]
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}")
    dash_br.wait_for_element(f"#{ids.CLIENT_FILE_LETTER_BUTTON}", timeout=30)
    click(dash_br, f"#{ids.CLIENT_FILE_LETTER_BUTTON}")
    name = f"pret-a-depenser-{client_id}-letter-fr.pdf"
    dash_br.wait_for_contains_text(f"#{ids.CLIENT_FILE_LETTER_STATUS_DIV}", name, timeout=20)
    text = PdfReader(wait_for_file(Path(dash_br.download_path), name)).pages[0].extract_text()
    assert "Décision sur votre demande de crédit" in text
    assert f"Demande n° {client_id}" in text
    assert dash_br.get_logs() == []


def test_unknown_and_malformed_client_numbers_get_a_clear_message(
    dash_br: Browser, live_server: LiveServer
) -> None:
    sign_in(dash_br, live_server, "alice", next_path="/clients/1")
    dash_br.wait_for_contains_text("#main", "Aucun client ne porte le numéro 1.", timeout=30)
    open_page(dash_br, live_server, "/clients/abc")
    dash_br.wait_for_contains_text("#main", "« abc » n'est pas un numéro de client.", timeout=20)
    not_found = "the server responded with a status of 404 (NOT FOUND)"  # the page's own status
    logs = [entry["message"] for entry in dash_br.get_logs()]
    assert logs == [f"{live_server.url}/clients/abc - Failed to load resource: {not_found}"]


def test_a_client_account_is_refused_another_clients_file_and_the_search(
    dash_br: Browser, live_server: LiveServer
) -> None:
    other = live_server.client_ids[2]
    file, _ = api_answers(live_server, other)
    sign_in(dash_br, live_server, "carl", next_path=f"/clients/{other}")
    dash_br.wait_for_element("#access-refused-alert", timeout=30)
    page = text_of(dash_br, "#main")
    assert "vous ne pouvez consulter que votre propre dossier" in page
    assert format_percent(file["probability"], "fr") not in page
    assert not dash_br.find_elements(f"#{ids.CLIENT_FILE_GAUGE_GRAPH}")
    open_page(dash_br, live_server, "/clients")
    dash_br.wait_for_element("#access-refused-alert", timeout=20)
    assert not dash_br.find_elements(f"#{clients_ids.CLIENTS_SEARCH_INPUT}")
    assert dash_br.get_logs() == []


def test_a_client_opening_another_clients_page_is_audited(live_server: LiveServer) -> None:
    other = live_server.client_ids[1]
    page = page_layout(
        live_server,
        session_cookie(live_server, "carl"),
        "/clients/<client_id>",
        client_id=str(other),
    )
    assert getattr(page, "id", None) == "access-refused-alert"
    state = get_state(live_server.app)
    state.audit.flush()
    reference = pseudonymise(other, state.settings.pseudonym_key)
    with state.database.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.client_ref == reference))
        assert ("clients.read", "denied") in [(row.action, row.outcome) for row in rows]


def test_an_advisor_requests_a_human_review_from_the_file_and_opens_it(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[2]
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}")
    dash_br.wait_for_element(f"#{review_ids.REVIEW_REQUEST_TEXTAREA}", timeout=30)
    dash_br.find_element(f"#{review_ids.REVIEW_REQUEST_TEXTAREA}").send_keys(
        "Nouveau justificatif."
    )
    click(dash_br, f"#{review_ids.REVIEW_REQUEST_BUTTON}")
    result = f"#{review_ids.REVIEW_REQUEST_RESULT_DIV}"
    dash_br.wait_for_contains_text(result, "Demande enregistrée", timeout=30)
    number = dash_br.find_element(result).text.split("n° ")[1].rstrip(").")
    link = f"#{review_ids.REVIEW_REQUEST_LIST_DIV} a[href='/reviews/{number}']"
    dash_br.wait_for_element(link, timeout=30)
    assert "Ouvert" in dash_br.find_element(link).text
    assert (
        dash_br.find_element(f"#{review_ids.REVIEW_REQUEST_TEXTAREA}").get_attribute("value") == ""
    )
    click(dash_br, link)
    dash_br.wait_for_contains_text(f"#{review_ids.REVIEW_HISTORY_DIV}", "Nouveau justificatif.")
    assert dash_br.find_element("h1").text == f"Réexamen n° {number}"
    assert dash_br.get_logs() == []


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
    click(dash_br, f"#{what_if_ids.WHAT_IF_SIMULATE_BUTTON}")
    dash_br.wait_for_element(f"#{what_if_ids.WHAT_IF_GRAPH} .main-svg", timeout=30)
    decision = text_of(dash_br, f"#{what_if_ids.WHAT_IF_TABLE}-decision-simulated")
    assert decision == "Accordé"
    assert dash_br.get_logs() == []
