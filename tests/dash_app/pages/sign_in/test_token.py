"""The sign-in form's CSRF token: signed, bound to the browser's session, good for one sign-in."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from dash_app.pages.sign_in import ids
from dash_app.pages.sign_in.token import FORM_NONCE_KEY, FORM_SALT
from tests.dash_app.conftest import LiveServer
from tests.dash_app.sign_in_form import form_token, message_text, submit

EXPIRED = "Le formulaire a expiré : rechargez la page puis réessayez."


def session_cookie(browser: FlaskClient) -> str | None:
    """Return the session cookie the server set, if any."""
    cookie = browser.get_cookie("session")
    return None if cookie is None else cookie.value


def assert_refused(outputs: Any) -> None:
    """Check the form was refused as expired, with no redirect."""
    assert message_text(outputs) == EXPIRED
    assert ids.SIGN_IN_REDIRECT_LOCATION not in outputs


@pytest.mark.parametrize(
    "token",
    [None, "", "forged", URLSafeTimedSerializer("not-the-key", salt=FORM_SALT).dumps("sign-in")],
    ids=["none", "empty", "forged", "another-key"],  # stable ids: pytest-xdist workers compare
)
def test_a_post_without_the_servers_token_signs_no_one_in(
    live_server: LiveServer, token: Any
) -> None:
    browser = live_server.app.test_client()
    form_token(browser)  # the browser has a session nonce, but not this token
    assert_refused(submit(browser, token, live_server.password))
    assert browser.get("/api/v1/auth/me").status_code == 401


def test_the_servers_token_signs_in(live_server: LiveServer) -> None:
    browser = live_server.app.test_client()
    outputs = submit(browser, form_token(browser), live_server.password)
    assert outputs[ids.SIGN_IN_REDIRECT_LOCATION]["href"] == "/clients"
    assert session_cookie(browser)


def test_a_token_from_another_browser_is_refused(live_server: LiveServer) -> None:
    attacker, victim = live_server.app.test_client(), live_server.app.test_client()
    token = form_token(attacker)
    form_token(victim)
    assert_refused(submit(victim, token, live_server.password))
    assert_refused(submit(live_server.app.test_client(), token, live_server.password))


def test_a_token_signs_in_once(live_server: LiveServer) -> None:
    browser = live_server.app.test_client()
    token = form_token(browser)
    assert message_text(submit(browser, token, "wrong password!")) is not None  # retry allowed
    assert submit(browser, token, live_server.password)[ids.SIGN_IN_REDIRECT_LOCATION]
    assert_refused(submit(browser, token, live_server.password))


def test_every_page_load_masks_the_token_afresh(live_server: LiveServer) -> None:
    """BREACH: two compressed answers never carry the same secret bytes (Django's masking)."""
    browser = live_server.app.test_client()
    first, second = form_token(browser), form_token(browser)
    payloads = [token.split(".")[0] for token in (first, second)]  # before time and signature
    assert not any(payloads[0][i : i + 8] in payloads[1] for i in range(len(payloads[0]) - 7))
    assert submit(browser, second, live_server.password)[ids.SIGN_IN_REDIRECT_LOCATION]


def test_a_signed_but_unmasked_nonce_is_refused(live_server: LiveServer) -> None:
    browser = live_server.app.test_client()
    form_token(browser)
    with browser.session_transaction() as session:
        nonce = session[FORM_NONCE_KEY]
    signer = URLSafeTimedSerializer(live_server.app.secret_key, salt=FORM_SALT)
    assert_refused(submit(browser, signer.dumps(nonce), live_server.password))
