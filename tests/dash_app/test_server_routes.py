"""The dashboard's plain routes: the language switch goes back to a local page, never elsewhere."""

from __future__ import annotations

import pytest

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
