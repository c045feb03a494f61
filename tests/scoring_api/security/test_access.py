"""Roles, the client binding, pseudonymised references and the audit trail."""

from __future__ import annotations

import io
import logging

import hypothesis.strategies as st
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from sqlalchemy import select

from scoring_api.security.audit import (
    MAY_HOLD_ID,
    RedactClientIds,
    install_log_redaction,
    pseudonymise,
    redact,
)
from scoring_api.security.models import AuditEvent
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import CLIENT_ID, OTHER_CLIENT_ID, add_key, sign_in

UNAUTHORIZED = {
    "error": {
        "code": "unauthorized",
        "message": "Sign in or send an API key (X-API-Key).",
        "details": None,
    }
}
OWN_FILE_ONLY = {
    "error": {"code": "forbidden", "message": "You may only access your own file.", "details": None}
}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"/api/v1/clients/{CLIENT_ID}/score"),
        ("get", "/api/v1/model"),
        ("post", "/api/v1/score"),
        ("post", "/api/v1/auth/logout"),
    ],
)
def test_anonymous_caller_gets_401(tiny_client: FlaskClient, method: str, path: str) -> None:
    response = getattr(tiny_client, method)(path)
    assert (response.status_code, response.get_json()) == (401, UNAUTHORIZED)


def test_health_is_anonymous(tiny_client: FlaskClient) -> None:
    assert tiny_client.get("/api/v1/health/live").status_code == 200


@pytest.mark.parametrize(
    ("username", "client_id", "status"),
    [
        ("alice", CLIENT_ID, 200),
        ("alice", OTHER_CLIENT_ID, 200),
        ("ada", OTHER_CLIENT_ID, 200),
        ("carl", CLIENT_ID, 200),
        ("carl", OTHER_CLIENT_ID, 403),
    ],
)
def test_client_role_sees_only_its_own_id(
    tiny_client: FlaskClient, username: str, client_id: int, status: int
) -> None:
    sign_in(tiny_client, username)
    response = tiny_client.get(f"/api/v1/clients/{client_id}/score")
    assert response.status_code == status
    if status == 403:
        assert response.get_json() == OWN_FILE_ONLY


def test_wrong_role_gets_403(tiny_app: Flask, tiny_client: FlaskClient) -> None:
    token = add_key(tiny_app, "crm")
    response = tiny_client.get("/api/v1/model", headers={"X-API-Key": token})
    assert response.status_code == 403
    assert response.get_json() == {
        "error": {
            "code": "forbidden",
            "message": "The service role may not use this route.",
            "details": None,
        }
    }


def test_client_key_is_bound_like_a_client_account(
    tiny_app: Flask, tiny_client: FlaskClient
) -> None:
    token = add_key(tiny_app, "kiosk", role="client", client_id=CLIENT_ID)
    headers = {"X-API-Key": token}
    assert tiny_client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers=headers).status_code == 200
    other = tiny_client.get(f"/api/v1/clients/{OTHER_CLIENT_ID}/score", headers=headers)
    assert other.status_code == 403


def test_pseudonymise_is_stable_keyed_and_short(tiny_app: Flask) -> None:
    with tiny_app.app_context():
        reference = pseudonymise(CLIENT_ID)
        assert reference == pseudonymise(CLIENT_ID)
        assert reference != pseudonymise(OTHER_CLIENT_ID)
    assert reference == pseudonymise(CLIENT_ID, key="p" * 40)
    assert reference != pseudonymise(CLIENT_ID, key="q" * 40)
    assert len(reference) == 16
    assert int(reference, 16) >= 0
    assert str(CLIENT_ID) not in reference


def test_audit_rows_hold_pseudonyms_not_ids(tiny_app: Flask, tiny_client: FlaskClient) -> None:
    sign_in(tiny_client, "carl")
    tiny_client.get(f"/api/v1/clients/{CLIENT_ID}/score")
    tiny_client.get(f"/api/v1/clients/{OTHER_CLIENT_ID}/score")
    get_state(tiny_app).audit.flush()  # rows are buffered up to AUDIT_FLUSH_SECONDS
    with get_state(tiny_app).database.session() as session:
        rows = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    assert [(row.action, row.route, row.outcome) for row in rows] == [
        ("auth.login", "/api/v1/auth/login", "ok"),
        ("client.score", "/api/v1/clients/<int:client_id>/score", "ok"),
    ]
    assert rows[1].client_ref == pseudonymise(CLIENT_ID, key="p" * 40)
    assert rows[1].account_id == rows[0].account_id is not None
    assert rows[1].at.tzinfo is not None or rows[1].at is not None
    for row in rows:
        values = " ".join(str(value) for value in vars(row).values())
        assert str(CLIENT_ID) not in values
        assert "carl" not in values


def test_failed_sign_in_is_audited_without_username(
    tiny_app: Flask, tiny_client: FlaskClient
) -> None:
    sign_in(tiny_client, "carl", "wrong password!")
    get_state(tiny_app).audit.flush()
    with get_state(tiny_app).database.session() as session:
        row = session.scalars(select(AuditEvent)).one()
    assert (row.action, row.outcome, row.account_id) == ("auth.login", "refused", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GET /api/v1/clients/100002/score HTTP/1.1", "GET /api/v1/clients/<id>/score HTTP/1.1"),
        ("scored client 100002 in 3 ms", "scored client <redacted> in 3 ms"),
        ("probability 0.1234567 at 12:00", "probability 0.1234567 at 12:00"),
        ("int() with base 10: '100002²'", "int() with base 10: '<redacted>²'"),
        ("client é100002 or ١٠٠٠٠٢", "client é<redacted> or <redacted>"),
        ("GET /clients/100002²/compare?x=1", "GET /clients/<id>/compare?x=1"),
        ("GET /clients/x1000/what-if", "GET /clients/<id>/what-if"),
        ("GET /clients/%31%30%30%30%30%32", "GET /clients/<id>"),
        ("GET /api/v1/clients/<int:client_id>/score", "GET /api/v1/clients/<int:client_id>/score"),
        ("digest 5f0c6e8e3b1a27d4 v1.2.100002", "digest 5f0c6e8e3b1a27d4 v1.2.100002"),
    ],
)
def test_redact_removes_client_ids(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_log_filter_rewrites_records() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactClientIds("k" * 40))
    # A record built directly: the redacting record factory (no app here) is not involved.
    record = logging.LogRecord(
        "tests.redaction",
        logging.WARNING,
        __file__,
        0,
        "client %s at %s",
        (100002, "/api/v1/clients/100002/peers"),
        None,
    )
    handler.handle(record)
    reference = pseudonymise(100002, key="k" * 40)
    assert stream.getvalue() == f"client ref:{reference} at /api/v1/clients/<id>/peers\n"


def test_logs_written_by_the_app_hold_no_raw_id(
    tiny_client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    install_log_redaction()
    caplog.handler.addFilter(RedactClientIds())
    sign_in(tiny_client, "alice")
    with caplog.at_level(logging.INFO):
        tiny_client.get(f"/api/v1/clients/{CLIENT_ID}/score")
        logging.getLogger("scoring_api.test").info("served client %s", CLIENT_ID)
    assert caplog.records
    assert str(CLIENT_ID) not in caplog.text


@given(
    st.lists(
        st.sampled_from(
            ["/clients/", "1", "23", "456789", "100002", ".", "/", " ", "a", "ms", "²", "٢"]
        ),
        max_size=12,
    ).map("".join)
)
def test_texts_skipped_by_the_fast_check_have_nothing_to_redact(text: str) -> None:
    if MAY_HOLD_ID.search(text) is None:
        assert redact(text) == text
        assert redact(text, key="p" * 40) == text


def test_the_filter_still_redacts_ids_after_the_fast_check() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, "", 0, "client %s at /clients/%s", (100002, 7), None
    )
    RedactClientIds().filter(record)
    assert record.getMessage() == "client <redacted> at /clients/<id>"
