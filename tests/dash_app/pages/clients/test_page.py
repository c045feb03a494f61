"""The client search in a real browser: type-ahead by number, paging, recent clients."""

from __future__ import annotations

from dash.testing.browser import Browser
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from dash_app.pages.client_file import ids as file_ids
from dash_app.pages.clients import ids
from dash_app.pages.clients.sections import ANY
from tests.dash_app.browser import accessibility_violations, click, open_page, sign_in
from tests.dash_app.conftest import LiveServer

RESULT_LINKS = f"#{ids.CLIENTS_RESULTS_DIV} tbody th a"


def test_an_advisor_finds_a_client_by_the_first_digits_opens_it_and_finds_it_again(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[2]
    prefix = str(client_id)[:-1]
    sign_in(dash_br, live_server, "alice", next_path="/clients")
    dash_br.wait_for_element(RESULT_LINKS, timeout=30)  # every client, first page
    dash_br.find_element(f"#{ids.CLIENTS_SEARCH_INPUT}").send_keys(prefix)
    dash_br.wait_for_contains_text(f"#{ids.CLIENTS_STATUS_P}", f"commence par {prefix}", timeout=20)
    links = dash_br.find_elements(RESULT_LINKS)
    assert links
    assert all(link.text.startswith(prefix) for link in links)
    target = next(link for link in links if link.text == str(client_id))
    assert dash_br.find_element(f"#{ids.CLIENTS_RESULTS_DIV} tbody tr .decision-badge").text
    assert accessibility_violations(dash_br) == []

    dash_br.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", target
    )
    target.click()
    dash_br.wait_for_text_to_equal("h1", f"Client n° {client_id}", timeout=20)
    dash_br.wait_for_element(f"#{file_ids.CLIENT_FILE_GAUGE_GRAPH}", timeout=30)
    assert dash_br.driver.current_url == f"{live_server.url}/clients/{client_id}"

    open_page(dash_br, live_server, "/clients")
    recent = f"#{ids.CLIENTS_RECENT_DIV} a[href='/clients/{client_id}']"
    dash_br.wait_for_element(recent, timeout=20)
    dash_br.find_element(f"#{ids.CLIENTS_SEARCH_INPUT}").send_keys("99999999")
    dash_br.wait_for_contains_text(
        f"#{ids.CLIENTS_RESULTS_DIV}",
        "Aucun numéro de client ne commence par 99999999.",
        timeout=20,
    )
    assert dash_br.get_logs() == []


def test_the_search_pages_forward_and_back_with_the_apis_cursor(
    dash_br: Browser, live_server: LiveServer
) -> None:
    sign_in(dash_br, live_server, "alice", next_path="/clients")
    dash_br.wait_for_element(RESULT_LINKS, timeout=30)
    first_page = [link.text for link in dash_br.find_elements(RESULT_LINKS)]
    assert len(first_page) == 10
    assert dash_br.find_element(f"#{ids.CLIENTS_PREVIOUS_BUTTON}").get_attribute("disabled")
    click(dash_br, f"#{ids.CLIENTS_NEXT_BUTTON}")
    dash_br.wait_for_contains_text(f"#{ids.CLIENTS_STATUS_P}", "page 2", timeout=20)
    second_page = [link.text for link in dash_br.find_elements(RESULT_LINKS)]
    assert int(second_page[0]) > int(first_page[-1])
    click(dash_br, f"#{ids.CLIENTS_PREVIOUS_BUTTON}")
    dash_br.wait_for_contains_text(f"#{ids.CLIENTS_STATUS_P}", "page 1", timeout=20)
    assert [link.text for link in dash_br.find_elements(RESULT_LINKS)] == first_page
    assert dash_br.get_logs() == []


def test_filters_count_and_enter_on_a_single_match_opens_the_file(
    dash_br: Browser, live_server: LiveServer
) -> None:
    sign_in(dash_br, live_server, "alice", next_path="/clients")
    dash_br.wait_for_element(RESULT_LINKS, timeout=30)
    dash_br.wait_for_contains_text(f"#{ids.CLIENTS_STATUS_P}", " clients, page 1", timeout=20)
    select_value(dash_br, f"#{ids.CLIENTS_DECISION_SELECT}", "refused")
    until(lambda: set(texts(dash_br, "tbody .decision-badge")) == {"Refusé"}, timeout=20)
    assert set(texts(dash_br, "tbody .risk-band")) <= {"D", "E"}
    select_value(dash_br, f"#{ids.CLIENTS_DECISION_SELECT}", ANY)

    client_id = live_server.client_ids[2]
    box = dash_br.find_element(f"#{ids.CLIENTS_SEARCH_INPUT}")
    box.send_keys(str(client_id))
    dash_br.wait_for_contains_text(
        f"#{ids.CLIENTS_STATUS_P}", f"1 client dont le numéro commence par {client_id}", timeout=20
    )
    box.send_keys(Keys.ENTER)
    dash_br.wait_for_text_to_equal("h1", f"Client n° {client_id}", timeout=20)
    assert dash_br.driver.current_url == f"{live_server.url}/clients/{client_id}"
    assert dash_br.get_logs() == []


def texts(browser: Browser, selector: str) -> list[str]:
    """Return the texts of the results' elements matching ``selector`` (read in one script, so
    a table the callback replaces meanwhile leaves no stale element)."""
    return browser.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent.trim())",
        f"#{ids.CLIENTS_RESULTS_DIV} {selector}",
    )


def select_value(browser: Browser, selector: str, value: str) -> None:
    """Choose an option of a native select by its value."""
    Select(browser.find_element(selector)).select_by_value(value)
