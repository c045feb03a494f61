"""Who may open a page: the roles each page declares, applied by one guard to every page."""

from __future__ import annotations

from typing import Any

import dash
import pytest
from dash import html

from dash_app import ids
from dash_app.access import ADVISOR_ROLES, ANYONE, PEOPLE_ROLES, GuardedLayout, guarded, may_open
from tests.dash_app.conftest import LiveServer
from tests.dash_app.router import routed_page

CLIENT_PAGES = ["/clients/{}", "/clients/{}/compare", "/clients/{}/what-if"]
ROLES = {  # the page of each address and the roles it admits
    "/": PEOPLE_ROLES,
    "/sign-in": ANYONE,
    "/clients": ADVISOR_ROLES,
    "/new-application": ADVISOR_ROLES,
    "/my-data": PEOPLE_ROLES,
    "/model": PEOPLE_ROLES,
    "/clients/<client_id>": PEOPLE_ROLES,
    "/clients/<client_id>/compare": PEOPLE_ROLES,
    "/clients/<client_id>/what-if": PEOPLE_ROLES,
    "/reviews": ADVISOR_ROLES,
    "/monitoring": ADVISOR_ROLES,
    "/reviews/<review_id>": ADVISOR_ROLES,
}


def signed_in(server: LiveServer, username: str) -> Any:
    """Return a test browser signed in as ``username``, the dashboard opened once."""
    browser = server.app.test_client()
    login = {"username": username, "password": server.password}
    assert browser.post("/api/v1/auth/login", json=login).status_code == 200
    browser.get("/")
    return browser


def test_each_page_declares_the_roles_it_admits_and_is_guarded(live_server: LiveServer) -> None:
    declared = {
        page.get("path_template") or page["path"]: page["roles"]
        for page in dash.page_registry.values()
        if not page["module"].endswith("not_found_404")
    }
    assert declared == ROLES
    assert all(isinstance(page["layout"], GuardedLayout) for page in dash.page_registry.values())


def test_a_page_without_declared_roles_is_refused() -> None:
    page = {"module": "dash_app.pages.nowhere.page", "path": "/nowhere", "layout": html.Div}
    with pytest.raises(ValueError, match=r"dash_app.pages.nowhere.page declares no roles"):
        guarded(page)


@pytest.mark.parametrize(
    ("role", "roles", "expected"),
    [
        ("advisor", ADVISOR_ROLES, True),
        ("client", ADVISOR_ROLES, False),
        ("client", PEOPLE_ROLES, True),
        ("admin", frozenset({"client"}), True),
        ("service", PEOPLE_ROLES, False),
    ],
)
def test_an_admin_opens_every_page_the_others_their_roles(
    role: str, roles: frozenset[str], expected: bool
) -> None:
    assert may_open(role, roles) is expected


@pytest.mark.parametrize(
    ("path", "next_path"),
    [("/model", "/model"), ("/clients/12ab/compare", "/clients/12ab/compare"), ("/", "/")],
)
def test_an_anonymous_browser_is_sent_to_sign_in_then_back(
    live_server: LiveServer, path: str, next_path: str
) -> None:
    page = routed_page(live_server.app.test_client(), path)
    assert page["props"]["id"] == ids.ACCESS_SIGN_IN_LOCATION
    assert page["props"]["href"] == f"/sign-in?next={next_path}"


@pytest.mark.parametrize("path", ["/new-application", "/monitoring"])
def test_a_client_account_is_refused_an_advisors_page(live_server: LiveServer, path: str) -> None:
    page = routed_page(signed_in(live_server, "carl"), path)
    assert page["props"]["id"] == ids.ACCESS_REFUSED_ALERT
    assert "votre compte ne peut pas voir cette page" in str(page)


@pytest.mark.parametrize("page", CLIENT_PAGES)
def test_the_page_of_an_odd_client_number_says_it_is_no_number(
    live_server: LiveServer, page: str
) -> None:
    content = str(routed_page(signed_in(live_server, "alice"), page.format("²")))
    assert "« ² » n'est pas un numéro de client." in content
