"""A repeat visit fetches only data: fingerprinted files are kept a year, pages never."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from dash_app.asset_caching import IMMUTABLE, is_fingerprinted_asset
from dash_app.icons import icon_font
from dash_app.vendor import PLOTLY_URL
from tests.dash_app.conftest import LiveServer
from tests.scoring_api.security.helpers import PASSWORD

FILE_ADDRESS = re.compile(r'(?:src|href)="(/[^"]+)"')


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/_dash-component-suites/dash/dcc/dash_core_components.v4_4_1m1796467374.js", "", True),
        ("/_dash-component-suites/dash/dcc/async-graph.v4_4_1m1784647828.js", "", True),
        ("/_dash-component-suites/dash/dcc/async-graph.js", "", False),
        ("/assets/style.css", "m=1796468911.39", True),
        ("/assets/style.css", "", False),
        ("/_favicon.ico", "v=4.4.1", True),
        ("/_favicon.ico", "", False),
        ("/vendor/plotly-finance-4.1.0.min.js", "", True),
        ("/clients", "m=1", False),
        ("/api/v1/model", "", False),
        ("/_dash-layout", "", False),
    ],
)
def test_fingerprinted_files_are_told_by_their_address(
    path: str, query: str, expected: bool
) -> None:
    assert is_fingerprinted_asset(path, query) is expected


def signed_in(server: LiveServer) -> FlaskClient:
    """Return a test browser signed in as the advisor alice (its session cookie set)."""
    browser = server.app.test_client()
    response = browser.post("/api/v1/auth/login", json={"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    return browser


def page_files(browser: FlaskClient, path: str) -> list[str]:
    """Return the addresses of the scripts, styles and icon an index page loads."""
    page = browser.get(path).get_data(as_text=True)
    return FILE_ADDRESS.findall(page)


@pytest.mark.parametrize("path", ["/clients", "/sign-in", "/model"])
def test_every_file_a_page_loads_is_kept_a_year(live_server: LiveServer, path: str) -> None:
    browser = signed_in(live_server)
    files = page_files(browser, path)
    assert len(files) >= 10
    for address in [*files, PLOTLY_URL]:
        response = browser.get(address, headers={"Accept-Encoding": "br"})
        response.close()
        assert response.status_code == 200, address
        assert response.headers["Cache-Control"] == IMMUTABLE, address
        assert response.headers["Vary"] == "Accept-Encoding", address  # not the cookie
        assert "Set-Cookie" not in response.headers, address  # a shared cache may keep it
    assert "Set-Cookie" in browser.get("/api/v1/auth/me").headers  # pages refresh the session


def test_the_icon_font_its_stylesheet_names_is_kept_a_year(live_server: LiveServer) -> None:
    browser = live_server.app.test_client()
    stylesheet = browser.get(icon_font().css_url).get_data(as_text=True)
    assert re.findall(r'url\("?([^")]+)"?\)', stylesheet) == [icon_font().font_url]
    response = browser.get(icon_font().font_url)
    assert (response.status_code, response.headers["Cache-Control"]) == (200, IMMUTABLE)
    assert response.get_data() == icon_font().font


@pytest.mark.parametrize("path", ["/clients", "/_dash-layout", "/_dash-dependencies"])
def test_pages_and_their_data_are_never_stored(live_server: LiveServer, path: str) -> None:
    response = signed_in(live_server).get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "path", ["/vendor/plotly-finance-0.0.0.min.js", "/vendor/bootstrap-flask-0/x.css"]
)
def test_an_unknown_vendor_address_is_not_kept(live_server: LiveServer, path: str) -> None:
    """Dash answers it with its page (which says the page does not exist): never stored."""
    response = live_server.app.test_client().get(path)
    response.close()
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
