"""Logs hold no raw SK_ID_CURR: access log, app logs and errors, captured at DEBUG."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from scoring_api.security import pseudonymise

UNKNOWN_CLIENT = 999_999


def record_texts(records: list[logging.LogRecord]) -> list[str]:
    """Return what each record would print: message and any exception text."""
    return [f"{r.getMessage()} {r.exc_text or ''}" for r in records]


@pytest.fixture
def traffic(
    as_role: Callable[..., Any], client_ids: list[int], caplog: pytest.LogCaptureFixture
) -> list[logging.LogRecord]:
    """Send requests about several clients (found, unknown, forbidden); return the records."""
    caplog.set_level(logging.DEBUG)
    for client_id in [*client_ids, UNKNOWN_CLIENT]:
        base = f"/api/v1/clients/{client_id}"
        for url in (base, f"{base}/score", f"{base}/explanation?top=3", f"{base}/peers"):
            as_role("advisor", "GET", url)
        as_role("client", "GET", f"{base}/score")  # 403 but for their own id
        as_role(
            "advisor", "POST", "/api/v1/score", json={"applications": [{"SK_ID_CURR": client_id}]}
        )
        as_role(None, "GET", f"{base}/score")  # 401
    as_role("advisor", "GET", f"/api/v1/clients?query={client_ids[0]}")
    logging.getLogger("scoring_api.test").error("lookup failed for client %s", client_ids[1])
    try:
        raise KeyError(client_ids[2])
    except KeyError:
        logging.getLogger("scoring_api.test").exception("unexpected error")
    return list(caplog.records)


def test_no_log_record_holds_a_raw_client_id(
    traffic: list[logging.LogRecord], client_ids: list[int]
) -> None:
    """No message or traceback captured at DEBUG contains a raw SK_ID_CURR."""
    texts = record_texts(traffic)
    assert texts
    leaks = [t for t in texts for c in [*client_ids, UNKNOWN_CLIENT] if str(c) in t]
    assert leaks == []


def test_access_log_holds_the_route_pattern_and_the_reference(
    app: Flask, traffic: list[logging.LogRecord], client_ids: list[int]
) -> None:
    """Each request logs its route pattern, status and the client's pseudonymised reference."""
    with app.app_context():
        reference = pseudonymise(client_ids[0])
    access = [r.getMessage() for r in traffic if r.name == "scoring_api.access"]
    expected = "GET /api/v1/clients/<int:client_id>/score 200"
    assert any(m.startswith(expected) and m.endswith(f"client=ref:{reference}") for m in access)
    assert any(" 401 " in m for m in access)
    assert any(" 404 " in m for m in access)
    assert not any("?" in m for m in access)
