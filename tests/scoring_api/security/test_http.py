"""Rate limits, security headers, the Origin check, production rules, database outage."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scoring_api.config import Settings
from scoring_api.errors import ConfigurationError
from scoring_api.security.accounts import list_accounts
from scoring_api.security.database import Database
from scoring_api.security.demo import ensure_demo_accounts
from scoring_api.security.headers import add_csp_script_hashes, inline_script_hashes
from tests.scoring_api.security.helpers import (
    CLIENT_ID,
    PASSWORD,
    add_account,
    add_key,
    make_app,
    sign_in,
)
from tests.scoring_api.settings import make_settings


def test_rate_limit_answers_json_429_with_retry_after(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="3 per minute"))
    token = add_key(app, "crm")
    client = app.test_client()
    statuses = [
        client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": token}).status_code
        for _ in range(3)
    ]
    response = client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": token})
    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    body = response.get_json()
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["details"]["limit"] == "3 per 1 minute"
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_rate_limit_is_per_identity(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="2 per minute"))
    first, second = add_key(app, "crm"), add_key(app, "billing")
    client = app.test_client()
    path = f"/api/v1/clients/{CLIENT_ID}/score"
    for _ in range(2):
        client.get(path, headers={"X-API-Key": first})
    assert client.get(path, headers={"X-API-Key": first}).status_code == 429
    assert client.get(path, headers={"X-API-Key": second}).status_code == 200


def test_sign_in_attempts_are_limited_per_address(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_login="2 per minute"))
    client = app.test_client()
    statuses = [sign_in(client, "nobody", "wrong password!").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ],
)
def test_security_headers_on_every_response(
    tiny_client: FlaskClient, header: str, expected: str
) -> None:
    for path in ("/api/v1/health/live", "/api/v1/model", "/api/v1/nowhere"):
        assert tiny_client.get(path).headers.get(header, expected) == expected
    assert tiny_client.get("/api/v1/health/live").headers[header] == expected


def test_content_security_policy_allows_own_origin_and_inline_styles(
    tiny_client: FlaskClient,
) -> None:
    policy = tiny_client.get("/api/v1/health/live").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy


def test_hsts_only_in_production(tiny_client: FlaskClient, tmp_path: Path) -> None:
    assert "Strict-Transport-Security" not in tiny_client.get("/api/v1/health/live").headers
    production = make_settings(tmp_path, app_env="production", secret_key="s" * 40)
    response = make_app(production).test_client().get("/api/v1/health/live")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_cross_site_post_is_refused(tiny_client: FlaskClient) -> None:
    sign_in(tiny_client, "alice")
    response = tiny_client.post("/api/v1/score", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert "Origin" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("origin", [None, "http://localhost"])
def test_same_site_post_passes(tiny_client: FlaskClient, origin: str | None) -> None:
    sign_in(tiny_client, "alice")
    headers = {"Origin": origin} if origin else {}
    assert tiny_client.post("/api/v1/score", headers=headers).status_code == 200


def test_api_key_post_is_exempt_from_origin_check(
    tiny_app: Flask, tiny_client: FlaskClient
) -> None:
    token = add_key(tiny_app, "crm")
    headers = {"Origin": "https://other.example", "X-API-Key": token}
    assert tiny_client.post("/api/v1/score", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "origin",
    [
        "https://localhost",  # another scheme
        "http://localhost:8080",  # another port
        "http://localhost.evil.example",
        "http://localhost:abc",
        "null",
    ],
)
def test_an_origin_differing_in_scheme_host_or_port_is_refused(
    tiny_client: FlaskClient, origin: str
) -> None:
    sign_in(tiny_client, "alice")
    response = tiny_client.post("/api/v1/score", headers={"Origin": origin})
    assert (response.status_code, response.get_json()["error"]["code"]) == (403, "forbidden")


@pytest.mark.parametrize("origin", ["http://localhost:80", "HTTP://LocalHost"])
def test_the_same_origin_written_otherwise_passes(tiny_client: FlaskClient, origin: str) -> None:
    sign_in(tiny_client, "alice")
    assert tiny_client.post("/api/v1/score", headers={"Origin": origin}).status_code == 200


def test_on_https_an_http_origin_is_refused(tiny_client: FlaskClient) -> None:
    sign_in(tiny_client, "alice")
    https = "https://localhost"  # the scheme the server sees (ProxyFix sets it behind a router)
    passed = tiny_client.post("/api/v1/score", base_url=https, headers={"Origin": https})
    refused = tiny_client.post(
        "/api/v1/score", base_url=https, headers={"Origin": "http://localhost"}
    )
    assert (passed.status_code, refused.status_code) == (200, 403)


@pytest.mark.parametrize("key", ["", "pad_00000000_not-a-key", "x"])
def test_an_invalid_api_key_does_not_exempt_from_the_origin_check(
    tiny_client: FlaskClient, key: str
) -> None:
    sign_in(tiny_client, "alice")
    headers = {"Origin": "https://evil.example", "X-API-Key": key}
    response = tiny_client.post("/api/v1/score", headers=headers)
    assert (response.status_code, response.get_json()["error"]["code"]) == (403, "forbidden")


def test_a_session_cookie_beside_a_valid_key_is_origin_checked(
    tiny_app: Flask, tiny_client: FlaskClient
) -> None:
    token = add_key(tiny_app, "crm")
    sign_in(tiny_client, "alice")
    headers = {"Origin": "https://evil.example", "X-API-Key": token}
    assert tiny_client.post("/api/v1/score", headers=headers).status_code == 403


@pytest.mark.parametrize("name", ["SECRET_KEY", "PSEUDONYM_KEY"])
@pytest.mark.parametrize("value", ["", "short"])
def test_production_refuses_weak_secrets(name: str, value: str) -> None:
    environ = {"APP_ENV": "production", "SECRET_KEY": "s" * 40, "PSEUDONYM_KEY": "p" * 40}
    environ[name] = value
    with pytest.raises(ConfigurationError, match=name):
        Settings.from_env(environ=environ)


def test_production_creates_no_default_account(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, app_env="production", secret_key="s" * 40)
    make_app(settings)
    assert ensure_demo_accounts(settings, CLIENT_ID) == {}
    database = Database(settings.database_url)
    with database.session() as session:
        assert list_accounts(session) == []
    database.dispose()


def test_demo_accounts_sign_in_with_their_printed_passwords(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, app_env="demo")
    app = make_app(settings)
    passwords = ensure_demo_accounts(settings, CLIENT_ID)
    assert sorted(passwords) == ["demo-admin", "demo-advisor", "demo-client"]
    client = app.test_client()
    response = sign_in(client, "demo-client", passwords["demo-client"])
    assert response.get_json() == {
        "username": "demo-client",
        "role": "client",
        "client_id": CLIENT_ID,
    }
    again = ensure_demo_accounts(settings, CLIENT_ID)
    assert again["demo-client"] != passwords["demo-client"]


def test_unreachable_database_gives_503(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    app = make_app(make_settings(tmp_path, database_url=f"sqlite:///{blocker}/db.sqlite3"))
    client = app.test_client()
    assert client.get("/api/v1/health/live").status_code == 200
    response = client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": "pad_x_y"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.get_json()["error"]["code"] == "service_unavailable"
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 503


def test_accounts_survive_a_new_app_on_the_same_database(tiny_settings: Settings) -> None:
    add_account(make_app(tiny_settings), "alice", "advisor")
    assert sign_in(make_app(tiny_settings).test_client(), "alice").status_code == 200


def test_docs_page_inline_script_is_allowed_by_hash(tiny_client: FlaskClient) -> None:
    response = tiny_client.get("/openapi/swagger")
    assert response.status_code == 200
    hashes = inline_script_hashes(response.get_data(as_text=True))
    assert len(hashes) == 1
    policy = response.headers["Content-Security-Policy"]
    assert f"script-src 'self' {hashes[0]};" in policy
    assert "unsafe-inline'; " not in policy.split("script-src")[1].split(";")[0]


def test_added_script_hashes_appear_in_the_policy(
    tiny_app: Flask, tiny_client: FlaskClient
) -> None:
    add_csp_script_hashes(tiny_app, ["'sha256-abc='"])
    policy = tiny_client.get("/api/v1/health/live").headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-abc='" in policy


def test_a_forked_worker_opens_its_own_engine(
    tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database(tiny_settings.database_url)
    parent_engine = database.engine
    monkeypatch.setattr("scoring_api.security.database.os.getpid", lambda: -1)
    assert database.engine is not parent_engine
    with database.session() as session:
        assert list_accounts(session) == []
    database.dispose()
