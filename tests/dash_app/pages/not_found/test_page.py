"""The page of an unknown address in a real browser: a 404 that says so and leads home."""

from __future__ import annotations

from dash.testing.browser import Browser

from tests.dash_app.browser import accessibility_violations, open_page
from tests.dash_app.conftest import LiveServer


def test_an_unknown_address_says_the_page_does_not_exist_with_a_404(
    dash_br: Browser, live_server: LiveServer
) -> None:
    open_page(dash_br, live_server, "/nowhere")
    dash_br.wait_for_text_to_equal("h1", "Page introuvable", timeout=20)
    assert dash_br.driver.title == "Page introuvable"
    assert dash_br.find_element("#main a.btn").get_attribute("href") == f"{live_server.url}/"
    assert accessibility_violations(dash_br) == []
    not_found = "the server responded with a status of 404 (NOT FOUND)"  # the page's own status
    logs = [entry["message"] for entry in dash_br.get_logs()]
    assert logs == [f"{live_server.url}/nowhere - Failed to load resource: {not_found}"]
