"""Rate limits per identity and route: window headers, 429s, sign-in and unrouted paths."""

from __future__ import annotations

from pathlib import Path

from tests.scoring_api.security.helpers import CLIENT_ID, add_key, make_app, sign_in
from tests.scoring_api.settings import make_settings

SCORE = f"/api/v1/clients/{CLIENT_ID}/score"


def test_limited_responses_say_where_the_caller_stands(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="5 per minute"))
    headers = {"X-API-Key": add_key(app, "crm")}
    client = app.test_client()
    responses = [client.get(SCORE, headers=headers) for _ in range(2)]
    assert [r.headers["X-RateLimit-Limit"] for r in responses] == ["5", "5"]
    assert [r.headers["X-RateLimit-Remaining"] for r in responses] == ["4", "3"]
    assert responses[0].headers["X-RateLimit-Reset"] == responses[1].headers["X-RateLimit-Reset"]
    assert "Retry-After" not in responses[0].headers


def test_the_refusal_keeps_the_window_headers(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="1 per minute"))
    headers = {"X-API-Key": add_key(app, "crm")}
    client = app.test_client()
    client.get(SCORE, headers=headers)
    refused = client.get(SCORE, headers=headers)
    assert refused.status_code == 429
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert refused.get_json()["error"]["details"]["retry_after"] == int(
        refused.headers["Retry-After"]
    )


def test_each_route_has_its_own_window(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="1 per minute"))
    headers = {"X-API-Key": add_key(app, "crm", role="advisor")}
    client = app.test_client()
    assert client.get(SCORE, headers=headers).status_code == 200
    assert client.get("/api/v1/model", headers=headers).status_code == 200
    assert client.get(SCORE, headers=headers).status_code == 429


def test_anonymous_callers_are_limited_by_address(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="1 per minute"))
    client = app.test_client()
    assert client.get(SCORE).status_code == 401
    assert client.get(SCORE).status_code == 429
    other = client.get(SCORE, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 401


def test_unrouted_paths_are_not_counted(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_default="1 per minute"))
    client = app.test_client()
    statuses = [client.get("/nowhere").status_code for _ in range(3)]
    assert statuses == [404, 404, 404]
    assert "X-RateLimit-Limit" not in client.get("/nowhere").headers


def test_a_refused_sign_in_names_the_sign_in_limit(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_login="1 per minute"))
    client = app.test_client()
    assert sign_in(client, "nobody", "wrong password!").status_code == 401
    refused = sign_in(client, "nobody", "wrong password!")
    assert refused.status_code == 429
    assert refused.get_json()["error"]["details"]["limit"] == "1 per 1 minute"
