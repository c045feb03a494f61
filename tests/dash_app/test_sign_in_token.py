"""The sign-in form's CSRF token: a post without the server's signed token signs no one in."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from dash_app import ids
from tests.dash_app.conftest import LiveServer

FORM_SALT = "dashboard-sign-in-form"  # dash_app/pages/sign_in.py (a page imports only with its app)
OUTPUT = f"..{ids.SIGN_IN_MESSAGE_DIV}.children...{ids.SIGN_IN_REDIRECT_LOCATION}.href.."


def sign_in_body(token: Any, password: str) -> dict[str, Any]:
    """Return the callback request the sign-in button posts, with a chosen form token."""
    state = [
        (ids.SIGN_IN_USERNAME_INPUT, "value", "alice"),
        (ids.SIGN_IN_PASSWORD_INPUT, "value", password),
        (ids.SIGN_IN_TOKEN_STORE, "data", token),
        (ids.SIGN_IN_NEXT_STORE, "data", "/clients"),
    ]
    return {
        "output": OUTPUT,
        "outputs": [
            {"id": ids.SIGN_IN_MESSAGE_DIV, "property": "children"},
            {"id": ids.SIGN_IN_REDIRECT_LOCATION, "property": "href"},
        ],
        "inputs": [
            {"id": ids.SIGN_IN_SUBMIT_BUTTON, "property": "n_clicks", "value": 1},
            {"id": ids.SIGN_IN_PASSWORD_INPUT, "property": "n_submit", "value": None},
        ],
        "changedPropIds": [f"{ids.SIGN_IN_SUBMIT_BUTTON}.n_clicks"],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
    }


def post(browser: FlaskClient, body: dict[str, Any]) -> Any:
    """Post a callback request as the page's own origin does."""
    return browser.post("/_dash-update-component", json=body)


def session_cookie(browser: FlaskClient) -> str | None:
    """Return the session cookie the server set, if any."""
    cookie = browser.get_cookie("session")
    return None if cookie is None else cookie.value


@pytest.mark.parametrize(
    "token",
    [None, "", "forged", URLSafeTimedSerializer("not-the-key", salt=FORM_SALT).dumps("sign-in")],
    ids=["none", "empty", "forged", "another-key"],  # stable ids: pytest-xdist workers compare
)
def test_a_post_without_the_servers_token_signs_no_one_in(
    live_server: LiveServer, token: Any
) -> None:
    browser = live_server.app.test_client()
    response = post(browser, sign_in_body(token, live_server.password))
    assert response.status_code == 200
    message = response.json["response"][ids.SIGN_IN_MESSAGE_DIV]["children"]
    assert (
        message["props"]["children"] == "Le formulaire a expiré : rechargez la page puis réessayez."
    )
    assert ids.SIGN_IN_REDIRECT_LOCATION not in response.json["response"]
    assert session_cookie(browser) is None


def test_the_servers_token_signs_in(live_server: LiveServer) -> None:
    browser = live_server.app.test_client()
    with live_server.app.app_context():
        token = URLSafeTimedSerializer(live_server.app.secret_key, salt=FORM_SALT).dumps("sign-in")
    response = post(browser, sign_in_body(token, live_server.password))
    assert response.status_code == 200
    assert response.json["response"][ids.SIGN_IN_REDIRECT_LOCATION]["href"] == "/clients"
    assert session_cookie(browser)
