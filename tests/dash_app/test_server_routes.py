"""The dashboard's plain routes: where a browser is sent back to after sign-in or a language
switch: a known local page, never elsewhere."""

from __future__ import annotations

import pytest

from dash_app.server_routes import safe_next
from tests.dash_app.conftest import LiveServer


@pytest.mark.parametrize(
    ("next_path", "location"),
    [
        ("/model", "/model"),
        ("/%0d%0aX", "/"),  # a line break would split the Location header
        ("/clients/1%0aSet-Cookie:x=1", "/"),
        ("/%e2%80%a8", "/"),  # a Unicode line separator
        ("//elsewhere.example", "/"),
        ("https://elsewhere.example/", "/"),
    ],
)
def test_the_language_switch_redirects_to_a_local_page(
    live_server: LiveServer, next_path: str, location: str
) -> None:
    response = live_server.app.test_client().get(f"/language/en?next={next_path}")
    assert (response.status_code, response.headers["Location"]) == (303, location)
    assert response.headers["Set-Cookie"].startswith("lang=en;")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/clients", "/clients"),
        ("/clients/100002/compare", "/clients/100002/compare"),
        ("/clients?query=1000", "/clients?query=1000"),
        ("/model-report", "/model-report"),
        ("/", "/"),
        (None, "/"),
        ("", "/"),
        ("/\\host", "/"),
        ("/\\/host", "/"),
        ("//host", "/"),
        ("///host", "/"),
        ("https://host/clients", "/"),
        ("/\r\nSet-Cookie: x=1", "/"),
        ("/no-such-page", "/"),
        ("clients", "/"),
        ("/clients?next=//host#x", "/clients"),
    ],
)
def test_only_known_pages_are_gone_back_to(
    live_server: LiveServer, target: str | None, expected: str
) -> None:
    assert live_server.app  # the pages are registered
    assert safe_next(target) == expected


@pytest.mark.parametrize("sent", ["/%5Chost", "/%5C%5Chost", "//host", "/%0d%0aX"])
def test_the_language_switch_never_leaves_the_site(live_server: LiveServer, sent: str) -> None:
    response = live_server.app.test_client().get(f"/language/en?next={sent}")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
