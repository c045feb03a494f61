"""The model page in a real browser: an advisor sees everything, a client sees the card."""

from __future__ import annotations

from typing import Any

from dash.testing.browser import Browser
from selenium.webdriver.support.ui import WebDriverWait

from dash_app import ids as shell_ids
from dash_app.components.formatting import format_number, format_percent
from dash_app.pages.model import ids
from tests.dash_app.browser import accessibility_violations, click, sign_in
from tests.dash_app.conftest import LiveServer

BAR_LABELS = f"#{ids.MODEL_IMPORTANCE_GRAPH} .yaxislayer-above text"


def api_model_card(server: LiveServer, lang: str) -> dict[str, Any]:
    """Return the model card as the API gives it to alice."""
    client = server.app.test_client()
    login = {"username": "alice", "password": server.password}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    return client.get(f"/api/v1/model?lang={lang}").get_json()


def threshold_text(browser: Browser) -> str:
    """Return the threshold as the page writes it (no-break spaces kept)."""
    return browser.find_element(f"#{ids.MODEL_THRESHOLD_SPAN}").get_attribute("textContent")


def bar_labels(browser: Browser) -> list[str]:
    """Return the importance chart's input labels as drawn, top bar first."""
    return [element.text for element in browser.find_elements(BAR_LABELS)][::-1]


def test_an_advisor_reads_the_model_in_french_and_english_and_opens_the_report(
    dash_br: Browser, live_server: LiveServer
) -> None:
    card_fr, card_en = api_model_card(live_server, "fr"), api_model_card(live_server, "en")
    top_fr = max(card_fr["features"], key=lambda row: row["importance"])["label"]
    top_en = max(card_en["features"], key=lambda row: row["importance"])["label"]
    sign_in(dash_br, live_server, "alice", next_path="/model")
    dash_br.wait_for_element(f"#{ids.MODEL_COST_GRAPH} .main-svg", timeout=30)
    dash_br.wait_for_element(f"#{ids.MODEL_IMPORTANCE_GRAPH} .main-svg", timeout=30)
    assert threshold_text(dash_br) == format_percent(card_fr["threshold"], "fr")
    assert dash_br.driver.title == "Le modèle"
    assert len(bar_labels(dash_br)) == 15
    assert bar_labels(dash_br)[0] == top_fr
    summary = dash_br.find_element(f"#{ids.MODEL_IMPORTANCE_SUMMARY}").text
    assert summary.startswith(f"Les trois informations qui pèsent le plus : « {top_fr} »")
    assert "Au seuil retenu (" in dash_br.find_element(f"#{ids.MODEL_COST_SUMMARY}").text
    assert dash_br.find_elements(f"#{ids.MODEL_ROC_GRAPH} .main-svg")
    assert "femmes" in dash_br.find_element(f"#{ids.MODEL_FAIRNESS_DIV}").text
    refusal = card_fr["metrics"]["refusal_rate_oof"]  # one rate: the card and the fairness total
    metrics = dash_br.find_element(f"#{ids.MODEL_METRICS_TABLE}").get_attribute("textContent")
    assert format_percent(refusal, "fr") in metrics
    assert f"Accord : {format_percent(1 - refusal, 'fr')}" in metrics
    fairness = dash_br.find_element(f"#{ids.MODEL_FAIRNESS_DIV}").get_attribute("textContent")
    assert f"tous les clients{format_number(card_fr['n_clients']['train'], 'fr')}" in fairness
    assert format_percent(1 - refusal, "fr") in fairness
    dash_br.wait_for_element(f"#{ids.MODEL_DIRECTION_GRAPH} .main-svg", timeout=30)
    direction = dash_br.find_element(f"#{ids.MODEL_DIRECTION_SUMMARY}").text
    assert direction.startswith("Quand la valeur est plus haute : ")
    assert accessibility_violations(dash_br) == []
    assert dash_br.get_logs() == []

    click(dash_br, f"#{shell_ids.SHELL_LANGUAGE_LINK}")
    dash_br.wait_for_text_to_equal("h1", "The model", timeout=20)
    dash_br.wait_for_element(f"#{ids.MODEL_IMPORTANCE_GRAPH} .main-svg", timeout=30)
    assert bar_labels(dash_br)[0] == top_en
    summary = dash_br.find_element(f"#{ids.MODEL_IMPORTANCE_SUMMARY}").text
    assert summary.startswith(f"The three inputs that weigh most: “{top_en}”")
    assert threshold_text(dash_br) == format_percent(card_en["threshold"], "en")
    link = dash_br.find_element(f"#{ids.MODEL_REPORT_LINK}")
    assert link.text == "Full model report (new tab)"
    assert link.get_attribute("target") == "_blank"
    assert dash_br.get_logs() == []

    page = dash_br.driver.current_window_handle
    click(dash_br, f"#{ids.MODEL_REPORT_LINK}")
    WebDriverWait(dash_br.driver, 20).until(lambda driver: len(driver.window_handles) == 2)
    dash_br.driver.switch_to.window(next(h for h in dash_br.driver.window_handles if h != page))
    dash_br.wait_for_element(".js-plotly-plot .main-svg", timeout=30)  # its scripts ran
    assert dash_br.driver.current_url == f"{live_server.url}/api/v1/model/report"
    assert dash_br.driver.execute_script("return window.origin") == "null"  # sandboxed, opaque
    figures = dash_br.find_elements("figure")
    assert len(figures) >= 5
    assert len(dash_br.find_elements("figure .js-plotly-plot")) == len(figures)  # all drew
    assert dash_br.get_logs() == []  # no CSP violation
    outcome = dash_br.driver.execute_async_script(  # what a tampered report would try
        "const done = arguments[0];"
        "fetch('/api/v1/model', {credentials: 'include'})"
        ".then(r => r.text()).then(() => done('read'), () => done('refused'));"
    )
    assert outcome == "refused"
    dash_br.get_logs()  # the refusal's CSP message, expected
    dash_br.driver.close()
    dash_br.driver.switch_to.window(page)


def test_a_client_sees_the_card_and_importance_but_not_the_advisor_curves(
    dash_br: Browser, live_server: LiveServer
) -> None:
    # straight to the page: after a plain sign-in, home's redirect to /my-data could still
    # land after the test opened /model (seen once under load)
    sign_in(dash_br, live_server, "carl", next_path="/model")
    dash_br.wait_for_element(f"#{ids.MODEL_IMPORTANCE_GRAPH} .main-svg", timeout=30)
    dash_br.wait_for_element(f"#{ids.MODEL_RESTRICTED_ALERT}", timeout=20)
    assert dash_br.find_element(f"#{ids.MODEL_METRICS_TABLE}").text
    assert not dash_br.find_elements(f"#{ids.MODEL_COST_GRAPH}")
    assert not dash_br.find_elements(f"#{ids.MODEL_REPORT_LINK}")
    assert not dash_br.find_elements(".alert-danger, .alert-warning, #access-refused-alert")
    assert dash_br.get_logs() == []
