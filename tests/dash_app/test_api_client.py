"""The API client: it carries the browser's address, keeps field labels a few minutes, names
the monitoring query's parameters as the API does."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask
from limits import parse

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.pages.sign_in import ids
from scoring_api.security.limits import LIMITS_KEY
from tests.dash_app.conftest import LiveServer
from tests.dash_app.sign_in_form import form_token, message_text, submit
from tests.scoring_api.security.helpers import PASSWORD

TOO_MANY = "Trop de tentatives : patientez une minute avant de réessayer."


def browser_at(server: LiveServer, address: str) -> object:
    """Return a test browser whose requests come from ``address``."""
    browser = server.app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


def test_dashboard_sign_ins_are_limited_per_browser_address(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_server.app.extensions[LIMITS_KEY], "login", parse("3 per minute"))
    attacker = browser_at(live_server, "198.51.100.21")
    token = form_token(attacker)
    messages = [message_text(submit(attacker, token, "wrong!", "nobody")) for _ in range(4)]
    assert messages[-1] == TOO_MANY
    other = browser_at(live_server, "198.51.100.22")
    outputs = submit(other, form_token(other), live_server.password)
    assert message_text(outputs) is None
    assert outputs[ids.SIGN_IN_REDIRECT_LOCATION]["href"] == "/clients"


def sign_in_over_http(remote_api: Flask, address: str, password: str) -> int:
    """Sign in as a remote dashboard serving a browser at ``address``; return the status."""
    dashboard = Flask(__name__)
    dashboard.secret_key = remote_api.secret_key  # the two processes share SECRET_KEY
    dashboard.config[api_client.CONFIG_KEY] = remote_api.config["test_url"]
    with dashboard.test_request_context(environ_base={"REMOTE_ADDR": address}):
        try:
            return api_client.sign_in("alice", password).status
        except ApiClientError as error:
            return error.status


def test_a_remote_dashboard_forwards_each_browsers_address(remote_api: Flask) -> None:
    statuses = [sign_in_over_http(remote_api, "198.51.100.31", "wrong!") for _ in range(3)]
    assert statuses == [401, 401, 429]
    assert sign_in_over_http(remote_api, "198.51.100.32", PASSWORD) == 200


def test_field_labels_are_fetched_once_a_language_for_a_few_minutes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Labels are code facts, yet a remote API may be upgraded: a TTL cache keyed by language."""
    calls: list[str] = []

    def fake_get(path: str, **params: Any) -> dict[str, Any]:
        calls.append(params["lang"])
        return {"fields": [{"name": "DAYS_BIRTH", "label": f"age ({params['lang']})"}]}

    monkeypatch.setattr(api_client, "get", fake_get)
    api_client.field_catalogue_cache.clear()
    try:
        assert api_client.field_catalogue("fr") == {"DAYS_BIRTH": "age (fr)"}
        assert api_client.field_catalogue("en") == {"DAYS_BIRTH": "age (en)"}
        assert api_client.field_catalogue("fr") == {"DAYS_BIRTH": "age (fr)"}
        assert calls == ["fr", "en"]
        later = time.monotonic() + api_client.FIELD_CATALOGUE_SECONDS + 1
        api_client.field_catalogue_cache.expire(later)
        api_client.field_catalogue("fr")
        assert calls == ["fr", "en", "fr"]
    finally:
        api_client.field_catalogue_cache.clear()


@pytest.mark.parametrize(
    ("args", "query"),
    [
        (
            ("day", "2026-11-01", "2026-11-30"),
            {"window": "day", "from": "2026-11-01", "to": "2026-11-30"},
        ),
        ((), {}),
    ],
)
def test_monitoring_asks_the_window_and_days_as_the_contract_names_them(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], query: dict[str, str]
) -> None:
    """``from`` and ``to`` are Python keywords: the call names them start and end."""
    sent: list[tuple[str, Any, dict[str, Any]]] = []

    def fake_call(method: str, path: str, *, params: Any = None, body: Any = None) -> Any:
        sent.append((method, path, params))
        return api_client.ApiResponse(200, {"windows": []})

    monkeypatch.setattr(api_client, "call", fake_call)
    assert api_client.monitoring(*args) == {"windows": []}
    assert sent == [("GET", "/monitoring", query)]
