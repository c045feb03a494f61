"""Client numbers in dashboard addresses: ASCII digits, anything else a 404 that says why."""

from __future__ import annotations

import logging

import pytest

from dash_app.access import is_malformed_client_path, parse_client_id
from tests.dash_app.conftest import LiveServer
from tests.dash_app.test_callback_guard import router_body

ODD_NUMBERS = ["²", "100002²", "١٢٣", "１２３", " 100002", "abc", "-1", "1" * 13]
PAGES = ["/clients/{}", "/clients/{}/compare", "/clients/{}/what-if"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("100002", 100002), ("007", 7), ("1" * 12, int("1" * 12)), (None, None)]
    + [(odd, None) for odd in ODD_NUMBERS],
)
def test_only_ascii_digits_are_a_client_number(raw: str | None, expected: int | None) -> None:
    assert parse_client_id(raw) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/clients/100002", False),
        ("/clients/100002/compare", False),
        ("/clients/²", True),
        ("/clients/100002²/what-if", True),
        ("/clients/١٢٣/compare", True),
        ("/clients", False),
        ("/model", False),
    ],
)
def test_a_client_page_with_an_odd_number_is_malformed(
    live_server: LiveServer, path: str, expected: bool
) -> None:
    assert is_malformed_client_path(path) is expected


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("number", ["²", "100002²", "١٢٣"])
def test_an_odd_client_number_is_a_404_page_and_logs_nothing(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture, page: str, number: str
) -> None:
    browser = live_server.app.test_client()
    with caplog.at_level(logging.INFO):
        response = browser.get(page.format(number))
    assert (response.status_code, response.mimetype) == (404, "text/html")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "100002" not in caplog.text


@pytest.mark.parametrize("page", PAGES)
def test_the_page_of_an_odd_client_number_says_it_is_no_number(
    live_server: LiveServer, page: str
) -> None:
    browser = live_server.app.test_client()
    browser.post("/api/v1/auth/login", json={"username": "alice", "password": live_server.password})
    browser.get("/")
    response = browser.post("/_dash-update-component", json=router_body(page.format("²")))
    assert response.status_code == 200
    content = str(response.json["response"]["_pages_content"]["children"])
    assert "« ² » n'est pas un numéro de client." in content
