"""Logs hold no raw SK_ID_CURR (access log, app logs, errors); JSON lines with request ids."""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient

from scoring_api.observability.log_format import (
    JsonFormatter,
    RequestIdFilter,
    TextFormatter,
    logging_config,
    make_formatter,
)
from scoring_api.security.audit import pseudonymise

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


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """Capture what the root logger writes as JSON lines (formatter and filter of production)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    """Return each written line parsed as JSON (every line must parse)."""
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_access_line_is_json_with_its_request_id_route_and_reference(
    app: Flask,
    http: FlaskClient,
    keys: dict[str, str],
    client_ids: list[int],
    json_lines: io.StringIO,
) -> None:
    """A request's access line parses as JSON and holds its request id, pattern and reference."""
    client_id = client_ids[0]
    headers = {"X-API-Key": keys["advisor"], "X-Request-ID": "req-42"}
    response = http.get(f"/api/v1/clients/{client_id}/score", headers=headers)
    assert response.headers["X-Request-ID"] == "req-42"
    with app.app_context():
        reference = pseudonymise(client_id)
    access = [line for line in parsed(json_lines) if line["logger"] == "scoring_api.access"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == "req-42"
    assert (line["method"], line["route"], line["status"]) == (
        "GET",
        "/api/v1/clients/<int:client_id>/score",
        200,
    )
    assert line["client_ref"] == f"ref:{reference}"
    assert line["level"] == "INFO"
    assert line["pid"] == os.getpid()
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] > 0
    assert datetime.fromisoformat(line["time"]).utcoffset() == timedelta(0)
    assert str(client_id) not in json_lines.getvalue()


def test_app_log_line_is_json_with_the_request_id_and_no_raw_client_id(
    app: Flask, client_ids: list[int], json_lines: io.StringIO
) -> None:
    """A line logged while serving a request carries its id; the client id is pseudonymised."""
    with app.test_request_context("/api/v1/model"):
        g.request_id = "req-7"  # as request_id's first hook sets it
        logging.getLogger("scoring_api.test").error("lookup failed for client %s", client_ids[1])
        try:
            raise KeyError(client_ids[2])
        except KeyError:
            logging.getLogger("scoring_api.test").exception("unexpected error")
    lines = parsed(json_lines)
    assert [line["request_id"] for line in lines] == ["req-7", "req-7"]
    assert [line["level"] for line in lines] == ["ERROR", "ERROR"]
    assert "lookup failed for client ref:" in lines[0]["message"]
    assert "KeyError" in lines[1]["exception"]
    assert not any(str(c) in json_lines.getvalue() for c in client_ids)


def test_line_outside_a_request_has_no_request_id(json_lines: io.StringIO) -> None:
    """A line logged by no request (startup, background threads) has request_id "-"."""
    logging.getLogger("scoring_api.test").warning("bundle check")
    assert parsed(json_lines)[0]["request_id"] == "-"


def test_json_formatter_redacts_an_id_that_escaped_the_record_filter() -> None:
    """The formatter itself redacts a client-id-like number (a record made by another factory)."""
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "client 123456 failed", None, None)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "client <redacted> failed"
    assert line["request_id"] == "-"


def test_text_format_shows_the_request_id() -> None:
    """LOG_FORMAT=text writes one human line with the request id in brackets."""
    record = logging.LogRecord("scoring_api.x", logging.INFO, __file__, 1, "hello", None, None)
    record.request_id = "req-9"
    assert TextFormatter().format(record).endswith("INFO scoring_api.x [req-9]: hello")
    assert make_formatter("text").format(record) == TextFormatter().format(record)


def test_server_logging_config_uses_the_json_formatter_and_batched_access_lines() -> None:
    """gunicorn's logconfig_dict: JSON formatter, request-id filter, batched access handler."""
    config = logging_config("json", "info")
    assert (
        config["formatters"]["line"]["()"] == "scoring_api.observability.log_format.JsonFormatter"
    )
    assert config["handlers"]["access"]["class"] == (
        "scoring_api.observability.log_batching.BatchingStreamHandler"
    )
    assert config["handlers"]["access"]["filters"] == ["request_id"]
    assert logging_config("text", "info")["formatters"]["line"]["()"].endswith("TextFormatter")
    with pytest.raises(ValueError, match="LOG_FORMAT must be json or text"):
        logging_config("xml", "info")
