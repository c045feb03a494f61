"""Sign-in, sign-out, session cookie and API keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import itsdangerous
import pytest
from flask import Flask
from flask.testing import FlaskClient

from scoring_api.config import Settings
from scoring_api.security import state
from scoring_api.security.accounts import disable_account
from scoring_api.security.keys import revoke_api_key
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import (
    CLIENT_ID,
    PASSWORD,
    add_account,
    add_key,
    make_app,
    sign_in,
)
from tests.scoring_api.settings import make_settings

BAD_CREDENTIALS = {
    "error": {"code": "unauthorized", "message": "Wrong username or password.", "details": None}
}


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("alice", {"username": "alice", "role": "advisor", "client_id": None}),
        ("carl", {"username": "carl", "role": "client", "client_id": CLIENT_ID}),
        ("ada", {"username": "ada", "role": "admin", "client_id": None}),
    ],
)
def test_login_returns_the_account(tiny_client: FlaskClient, username: str, expected: dict) -> None:
    response = sign_in(tiny_client, username)
    assert response.status_code == 200
    assert response.get_json() == expected


@pytest.mark.parametrize(
    ("username", "password"), [("alice", "wrong password!"), ("nobody", PASSWORD)]
)
def test_bad_credentials_give_the_same_401(
    tiny_client: FlaskClient, username: str, password: str
) -> None:
    response = sign_in(tiny_client, username, password)
    assert response.status_code == 401
    assert response.get_json() == BAD_CREDENTIALS


def wait_for_identity_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Move the identity cache's clock past its lifetime."""
    later = state.monotonic() + state.IDENTITY_CACHE_SECONDS + 0.1
    monkeypatch.setattr(state, "monotonic", lambda: later)


def test_disabled_account_is_refused_and_its_session_ends(
    tiny_app: Flask, tiny_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sign_in(tiny_client, "alice").status_code == 200
    assert tiny_client.get("/api/v1/model").status_code == 200
    with get_state(tiny_app).database.session() as session:
        assert disable_account(session, "alice")
    wait_for_identity_cache(monkeypatch)
    assert tiny_client.get("/api/v1/model").status_code == 401
    response = sign_in(tiny_client, "alice")
    assert (response.status_code, response.get_json()) == (401, BAD_CREDENTIALS)


def test_logout_ends_the_session(tiny_client: FlaskClient) -> None:
    sign_in(tiny_client, "alice")
    response = tiny_client.post("/api/v1/auth/logout")
    assert (response.status_code, response.get_json()) == (200, {"signed_out": True})
    assert tiny_client.get("/api/v1/model").status_code == 401


def test_me_names_the_signed_in_account(tiny_client: FlaskClient) -> None:
    sign_in(tiny_client, "alice")
    response = tiny_client.get("/api/v1/auth/me")
    assert response.status_code == 200
    assert response.get_json() == {"username": "alice", "role": "advisor", "client_id": None}


def test_me_without_session_is_401(tiny_client: FlaskClient) -> None:
    assert tiny_client.get("/api/v1/auth/me").status_code == 401


def test_a_signed_out_cookie_replayed_is_refused(tiny_app: Flask) -> None:
    browser = tiny_app.test_client()
    sign_in(browser, "alice")
    stolen = browser.get_cookie("session").value
    assert browser.post("/api/v1/auth/logout").status_code == 200
    replay = tiny_app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/api/v1/model")
    assert (response.status_code, response.get_json()["error"]["code"]) == (401, "unauthorized")


def test_signing_out_leaves_other_sessions_open(tiny_app: Flask) -> None:
    laptop, phone = tiny_app.test_client(), tiny_app.test_client()
    sign_in(laptop, "alice")
    sign_in(phone, "alice")
    laptop.post("/api/v1/auth/logout")
    assert laptop.get("/api/v1/model").status_code == 401
    assert phone.get("/api/v1/model").status_code == 200


def test_logout_without_session_is_401(tiny_client: FlaskClient) -> None:
    assert tiny_client.post("/api/v1/auth/logout").status_code == 401


def test_session_cookie_flags_in_test_mode(tiny_client: FlaskClient) -> None:
    cookie = sign_in(tiny_client, "alice").headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Expires=" in cookie


def test_session_cookie_is_secure_in_production(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, app_env="production", secret_key="s" * 40)
    app = make_app(settings)
    add_account(app, "alice", "advisor")
    cookie = sign_in(app.test_client(), "alice").headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie


def test_session_expires_after_the_configured_minutes(
    tiny_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(tiny_client, "alice")
    assert tiny_client.get("/api/v1/model").status_code == 200
    later = int((timedelta(minutes=31)).total_seconds())
    real = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(
        itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: real(self) - later
    )
    sign_in(tiny_client, "ada")  # a cookie signed 31 minutes ago
    monkeypatch.undo()
    assert tiny_client.get("/api/v1/model").status_code == 401


def test_api_key_authenticates_a_service(tiny_app: Flask, tiny_client: FlaskClient) -> None:
    token = add_key(tiny_app, "crm")
    response = tiny_client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": token})
    assert (response.status_code, response.get_json()) == (200, {"client_id": CLIENT_ID})
    assert tiny_client.get("/api/v1/model", headers={"X-API-Key": token}).status_code == 403


def test_api_key_is_stored_hashed(tiny_app: Flask, tiny_settings: Settings) -> None:
    token = add_key(tiny_app, "crm")
    database_file = Path(tiny_settings.database_url.removeprefix("sqlite:///"))
    get_state(tiny_app).database.dispose()
    files = [database_file, database_file.with_name(database_file.name + "-wal")]
    content = b"".join(path.read_bytes() for path in files if path.exists())
    assert len(content) > 0
    assert token.encode() not in content
    assert token.split("_", 2)[2].encode() not in content  # the secret may hold "_" itself


@pytest.mark.parametrize("token", ["", "pad_x_short", "pad_00000000_" + "a" * 43, "nonsense"])
def test_unknown_or_malformed_key_is_401(tiny_client: FlaskClient, token: str) -> None:
    response = tiny_client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": token})
    assert response.status_code == 401


def test_revoked_key_is_refused_within_the_cache_delay(
    tiny_app: Flask, tiny_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = add_key(tiny_app, "crm")
    path = f"/api/v1/clients/{CLIENT_ID}/score"
    assert tiny_client.get(path, headers={"X-API-Key": token}).status_code == 200
    with get_state(tiny_app).database.session() as session:
        assert revoke_api_key(session, "crm")
    wait_for_identity_cache(monkeypatch)
    response = tiny_client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": token})
    assert response.status_code == 401
