"""Hostile requests get a JSON 4xx, never a 500 or an HTML page, and leave the database intact."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from scoring_api.security.models import Account, ApiKey, AuditEvent
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import add_account, make_app, sign_in
from tests.scoring_api.settings import make_settings

POSTS = ["/api/v1/score", "/api/v1/invocations", "/api/v1/auth/login"]
NOT_JSON = {
    "error": {"code": "bad_request", "message": "The body is not valid JSON.", "details": None}
}
DEEP = "[" * 10_000 + "]" * 10_000
TOO_MANY = {"code": "batch_too_large", "details": {"max_batch": 50, "received": 51}}
FINITE = {"msg": "Input should be a finite number", "type": "finite_number"}


def send(as_role: Callable[..., Any], url: str, **kwargs: Any) -> Any:
    """POST as an advisor (sign-in is anonymous)."""
    return as_role(None if url.endswith("login") else "advisor", "POST", url, **kwargs)


@pytest.mark.parametrize("url", POSTS)
def test_a_body_above_max_body_bytes_is_a_json_413(as_role, url: str) -> None:
    response = send(as_role, url, data="[" + "1," * 100_001 + "1]", content_type="application/json")
    assert (response.status_code, response.mimetype) == (413, "application/json")
    assert response.json["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize("body", [DEEP, '{"applications": ' + DEEP + "}", '{"a": ' * 10_000])
def test_json_nested_ten_thousand_deep_is_a_400_not_a_500(as_role, url: str, body: str) -> None:
    response = send(as_role, url, data=body, content_type="application/json")
    assert (response.status_code, response.json) == (400, NOT_JSON)


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_a_body_not_sent_as_json_is_a_415(as_role, url: str, content_type: str | None) -> None:
    body = '{"applications": [{"AMT_CREDIT": 1}], "username": "a", "password": "b"}'
    response = send(as_role, url, data=body, content_type=content_type)
    assert (response.status_code, response.json["error"]["code"]) == (415, "unsupported_media_type")
    assert response.json["error"]["message"] == (
        "Send the body as JSON (Content-Type: application/json) or CSV (text/csv)."
        if url.endswith("invocations")
        else "Send the body as JSON with the header Content-Type: application/json."
    )
    assert response.json["error"]["details"] == {
        "content_type": (content_type or "").split(";")[0] or None
    }


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize(
    "body", [b'{"applications": [{"NAME_CONTRACT_TYPE": "\xff\xfe"}]}', b"\xff\xfe{\x00"]
)
def test_bytes_that_are_not_utf8_are_a_400(as_role, url: str, body: bytes) -> None:
    response = send(as_role, url, data=body, content_type="application/json")
    assert (response.status_code, response.json) == (400, NOT_JSON)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/score", {"applications": [{}] * 51}),
        ("/api/v1/invocations", {"dataframe_records": [{}] * 51}),
        (
            "/api/v1/invocations",
            {"dataframe_split": {"columns": ["AMT_CREDIT"], "data": [[1]] * 51}},
        ),
    ],
)
def test_a_batch_past_max_batch_is_a_422(as_role, url: str, body: dict) -> None:
    response = send(as_role, url, json=body)
    assert response.status_code == 422
    assert {k: response.json["error"][k] for k in TOO_MANY} == TOO_MANY


def test_twenty_thousand_records_are_refused_by_count(as_role) -> None:
    response = send(as_role, "/api/v1/score", json={"applications": [{}] * 20_000})
    assert response.status_code == 422
    assert response.json["error"]["details"] == {"max_batch": 50, "received": 20_000}


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
@pytest.mark.parametrize(
    ("url", "template", "loc"),
    [
        (
            "/api/v1/score",
            '{"applications": [{"AMT_CREDIT": %s}]}',
            ["applications", 0, "AMT_CREDIT"],
        ),
        ("/api/v1/invocations", '{"dataframe_records": [{"AMT_CREDIT": %s}]}', ["AMT_CREDIT"]),
        (
            "/api/v1/invocations",
            '{"dataframe_split": {"columns": ["AMT_CREDIT"], "data": [[%s]]}}',
            ["AMT_CREDIT"],
        ),
    ],
)
def test_nan_and_infinity_are_a_422(as_role, number: str, url: str, template: str, loc) -> None:
    response = send(as_role, url, data=template % number, content_type="application/json")
    assert (response.status_code, response.json["error"]["code"]) == (422, "validation_error")
    detail = response.json["error"]["details"][0]
    assert (detail["loc"], detail["msg"], detail["type"]) == (loc, FINITE["msg"], FINITE["type"])


def refuse_constant(name: str) -> None:
    """Refuse NaN and Infinity when parsing a response: they are not JSON."""
    raise AssertionError(f"{name} in a response body")


@pytest.mark.parametrize("explain", [False, True])
def test_extreme_finite_amounts_are_scored_with_strict_json(as_role, client_ids, explain) -> None:
    extreme = {"AMT_CREDIT": 1e308, "AMT_ANNUITY": 1e-308, "AMT_INCOME_TOTAL": 1e-308}
    new = {"NAME_CONTRACT_TYPE": "Cash loans", "DAYS_BIRTH": -12000, **extreme}
    body = {"applications": [new, {"SK_ID_CURR": client_ids[0], **extreme}], "explain": explain}
    response = send(as_role, "/api/v1/score", json=body)
    assert response.status_code == 200
    results = json.loads(response.get_data(as_text=True), parse_constant=refuse_constant)["results"]
    assert [0 < r["probability"] < 1 for r in results] == [True, True]


WERKZEUG_NOT_FOUND = (
    "The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again."
)
CLIENT_PATHS = [
    ("..%2F..%2Fetc%2Fpasswd", "API route not found."),
    ("../../etc/passwd", "API route not found."),
    ("1%00", "API route not found."),
    ("-1", "API route not found."),
    ("1.5", "API route not found."),
    ("0x10", "API route not found."),
    ("%20100002", "API route not found."),
    ("100002%0D%0ASet-Cookie:%20x=1", WERKZEUG_NOT_FOUND),  # no route matches a line break
    (str(10**30), "Client not found."),
    ("١٢٣", "API route not found."),  # Arabic-Indic digits: ids in URLs are ASCII digits
    ("²", "API route not found."),  # str.isdigit() says yes, int() says no
    ("100002²", "API route not found."),
    ("１００００２", "API route not found."),  # full-width digits
]


@pytest.mark.parametrize(("segment", "message"), CLIENT_PATHS)
@pytest.mark.parametrize("suffix", ["", "/score", "/explanation", "/peers", "/export"])
def test_odd_client_ids_are_a_json_404(as_role, segment: str, message: str, suffix: str) -> None:
    response = as_role("advisor", "GET", f"/api/v1/clients/{segment}{suffix}")
    assert (response.status_code, response.mimetype) == (404, "application/json")
    assert response.json["error"]["message"] == message
    assert "Set-Cookie" not in response.headers


def database_counts(app: Flask) -> tuple[int, int, int]:
    """Return the number of accounts, API keys and audit rows (queued rows written first)."""
    state = get_state(app)
    state.audit.flush()
    with state.database.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(t))
            for t in (Account, ApiKey, AuditEvent)
        )


@pytest.mark.parametrize("name", ["query", "cursor"])
@pytest.mark.parametrize("value", ["²", "100002²", "١٢٣"])
def test_non_ascii_digits_in_the_client_list_query_are_a_422(
    as_role, name: str, value: str
) -> None:
    response = as_role("advisor", "GET", f"/api/v1/clients?{name}={value}")
    assert (response.status_code, response.json["error"]["code"]) == (422, f"invalid_{name}")


SQL_LIKE = ["1' OR '1'='1", "; DROP TABLE audit_events;--", "1%", "_", "1 UNION SELECT 1"]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/api/v1/clients?query={}", "invalid_query"),
        ("/api/v1/clients?cursor={}", "invalid_cursor"),
        ("/api/v1/population/sample?x={}&y=AMT_ANNUITY", "invalid_features"),
        ("/api/v1/clients/{id}/peers?features={}", "invalid_features"),
        ("/api/v1/clients/{id}/export?format={}", "validation_error"),
    ],
)
def test_sql_like_strings_in_queries_are_a_422_and_the_database_is_intact(
    app: Flask, as_role, keys, client_ids, url: str, code: str
) -> None:
    accounts, api_keys, audit_rows = database_counts(app)
    for text in SQL_LIKE:
        response = as_role(
            "advisor", "GET", url.replace("{id}", str(client_ids[0])).format(text[:20])
        )
        assert (response.status_code, response.json["error"]["code"]) == (422, code), text
    after = database_counts(app)
    assert after[:2] == (accounts, api_keys)
    assert after[2] >= audit_rows
    assert as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/score").status_code == 200


def test_sql_like_usernames_are_refused_and_the_database_is_intact(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_login="1000 per minute"))
    add_account(app, "alice", "advisor")
    before = database_counts(app)
    for username in [*SQL_LIKE, "alice' --", "alice'; DROP TABLE accounts;--", "\x00"]:
        response = sign_in(app.test_client(), username, "x' OR '1'='1")
        assert (response.status_code, response.json["error"]["code"]) == (401, "unauthorized")
    after = database_counts(app)
    assert after == (before[0], before[1], before[2] + 8)  # each refusal is audited
    assert sign_in(app.test_client(), "alice").status_code == 200


@pytest.mark.parametrize(
    "sent", ["x" * 65, "<script>alert(1)</script>", "id%0D%0ASet-Cookie:%20x=1", "id;x=1", "é"]
)
def test_an_unsafe_request_id_is_replaced_not_echoed(http, sent: str) -> None:
    response = http.get("/api/v1/health/live", headers={"X-Request-ID": sent})
    assert response.status_code == 200
    assert re.fullmatch(r"[0-9a-f]{16}", response.headers["X-Request-ID"])
    assert "Set-Cookie" not in response.headers
