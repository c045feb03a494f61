"""No secret and no personal field reaches a log record (DEBUG) over a realistic visit."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from scoring_api.context import api_settings
from tests.scoring_api.security.helpers import PASSWORD, add_account, sign_in

PERSONAL_FIELDS = ("AMT_INCOME_TOTAL", "AMT_CREDIT", "DAYS_BIRTH", "DAYS_EMPLOYED")


def test_no_password_secret_key_id_or_personal_value_is_logged(
    app: Flask,
    keys: dict[str, str],
    client_ids: list[int],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_account(app, "logs-advisor", "advisor")
    browser, client_id = app.test_client(), client_ids[1]
    caplog.set_level(logging.DEBUG)

    assert sign_in(browser, "logs-advisor", "a wrong password!").status_code == 401
    assert sign_in(browser, "logs-advisor", PASSWORD).status_code == 200
    base = f"/api/v1/clients/{client_id}"
    assert browser.get(f"{base}/score").status_code == 200
    assert browser.get(f"{base}/explanation?top=5").status_code == 200
    export = browser.get(f"{base}/export?format=json").json
    what_if = {"applications": [{"SK_ID_CURR": client_id, "AMT_CREDIT": 123456.5}]}
    assert browser.post("/api/v1/score", json=what_if).status_code == 200
    headers = {"X-API-Key": keys["service"]}
    assert browser.get(f"{base}/score", headers=headers).status_code == 200
    assert browser.get("/api/v1/clients/999999/score").status_code == 404
    monkeypatch.setattr("scoring_api.routes.clients.export_client", _broken)
    assert browser.get(f"{base}/export").status_code == 500

    with app.test_request_context():
        settings = api_settings()
    application = export["application"]
    secrets = {
        "password": PASSWORD,
        "wrong password": "a wrong password!",
        "SECRET_KEY": settings.secret_key,
        "PSEUDONYM_KEY": settings.pseudonym_key,
        "API key": keys["service"],
        "SK_ID_CURR": str(client_id),
        "what-if amount": "123456.5",
        **{name: str(application[name]) for name in PERSONAL_FIELDS if application.get(name)},
    }
    texts = [f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records]
    assert any("unexpected error" in text for text in texts)  # the 500 was logged
    leaks = {name for name, value in secrets.items() for text in texts if value in text}
    assert leaks == set()


def _broken(*_args: object, **_kwargs: object) -> None:
    """Fail like a bug would."""
    raise RuntimeError("export failed")
