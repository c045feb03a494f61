"""A client's own page in a real browser: explanation, rights, and their data downloaded."""

from __future__ import annotations

import json
from pathlib import Path

from dash.testing.browser import Browser
from pypdf import PdfReader

from dash_app.pages.client_file import ids as file_ids
from dash_app.pages.clients import ids as clients_ids
from dash_app.pages.my_data import ids
from tests.dash_app.browser import accessibility_violations, open_page, sign_in, wait_for_file
from tests.dash_app.conftest import LiveServer


def test_a_client_reads_their_decision_and_downloads_their_data_as_json(
    dash_br: Browser, live_server: LiveServer
) -> None:
    own = live_server.own_client_id
    sign_in(dash_br, live_server, "carl", next_path="/my-data")
    dash_br.wait_for_element(f"#{ids.MY_DATA_EXPLANATION_DIV}", timeout=30)
    dash_br.wait_for_element(f"#{file_ids.CLIENT_FILE_WATERFALL_GRAPH} .main-svg", timeout=30)
    page = dash_br.find_element("#main").text
    assert f"Votre demande de crédit n° {own}" in page
    assert "RGPD, article 22" in page
    assert dash_br.driver.title == "Mon dossier"
    links = {a.get_attribute("pathname") for a in dash_br.find_elements("#main .nav-link")}
    assert {f"/clients/{own}/compare", f"/clients/{own}/what-if"} <= links  # their own pages
    assert accessibility_violations(dash_br) == []

    dash_br.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")  # after axe
    dash_br.find_element(f"#{ids.MY_DATA_JSON_BUTTON}").click()
    dash_br.wait_for_contains_text(f"#{ids.MY_DATA_DOWNLOAD_STATUS_DIV}", f"{own}.json", timeout=20)
    path = wait_for_file(Path(dash_br.download_path), f"pret-a-depenser-{own}.json")
    export = json.loads(path.read_text(encoding="utf-8"))
    assert export["client_id"] == own
    assert export["application"]["SK_ID_CURR"] == own
    assert set(export["history"]) >= {"bureau", "previous_application"}

    dash_br.find_element(f"#{ids.MY_DATA_LETTER_BUTTON}").click()
    letter_name = f"pret-a-depenser-{own}-letter-fr.pdf"
    dash_br.wait_for_contains_text(f"#{ids.MY_DATA_DOWNLOAD_STATUS_DIV}", letter_name, timeout=20)
    letter = PdfReader(wait_for_file(Path(dash_br.download_path), letter_name))
    assert "Décision sur votre demande de crédit" in letter.pages[0].extract_text()
    assert f"Demande n° {own}" in letter.pages[0].extract_text()
    assert dash_br.get_logs() == []


def test_an_advisor_asking_for_my_data_is_sent_to_the_client_search(
    dash_br: Browser, live_server: LiveServer
) -> None:
    sign_in(dash_br, live_server, "alice", next_path="/my-data")
    dash_br.wait_for_element(f"#{clients_ids.CLIENTS_SEARCH_INPUT}", timeout=30)
    assert dash_br.driver.current_url == f"{live_server.url}/clients"
    open_page(dash_br, live_server, "/my-data")
    dash_br.wait_for_element(f"#{clients_ids.CLIENTS_SEARCH_INPUT}", timeout=30)
    assert dash_br.get_logs() == []
