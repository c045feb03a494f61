"""Back-off per account: guesses from many addresses slow down, the right password waits too."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from scoring_api.config import Settings
from scoring_api.factory import create_app
from scoring_api.observability.metrics import METRICS_KEY
from scoring_api.security import routes as auth
from scoring_api.security import throttle
from scoring_api.security.audit import pseudonymise_account
from scoring_api.security.models import AuditEvent
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import FREE_ATTEMPTS, PASSWORD, add_account, make_app
from tests.scoring_api.settings import make_settings

BAD_CREDENTIALS = {
    "error": {"code": "unauthorized", "message": "Wrong username or password.", "details": None}
}


class Clock:
    """The throttle's clock, moved by hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = time.time()
        monkeypatch.setattr(throttle.time, "time", lambda: self.now)


def attempt(app: Flask, username: str, password: str, address: str = "192.0.2.1") -> Any:
    """Post a sign-in from ``address``; return the response."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def audit_rows(app: Flask) -> list[AuditEvent]:
    """Return the audit rows written so far."""
    get_state(app).audit.flush()
    with get_state(app).database.session() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


@pytest.mark.parametrize(
    ("attempts", "expected"),
    [(0, 0), (5, 0), (6, 1), (7, 2), (8, 4), (13, 128), (14, 256), (15, 300), (10_000, 300)],
)
def test_the_delay_doubles_after_the_free_attempts_up_to_the_cap(
    attempts: int, expected: float
) -> None:
    settings = Settings(login_free_failures=5, login_max_delay_seconds=300)
    assert throttle.delay_seconds(attempts, settings) == expected


def test_guesses_from_many_addresses_leave_the_right_password_waiting(
    guarded: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    for n in range(12):  # twelve guesses, one address each
        response = attempt(guarded, "alice", f"guess {n}!", f"192.0.2.{n + 10}")
        assert (response.status_code, response.json) == (401, BAD_CREDENTIALS)
    refused = attempt(guarded, "alice", PASSWORD, "198.51.100.1")
    assert (refused.status_code, refused.json) == (401, BAD_CREDENTIALS)  # not told why
    clock.now += 1.1  # the fourth attempt set a 1 s wait; the rest were refused unchecked
    assert attempt(guarded, "alice", PASSWORD, "198.51.100.1").status_code == 200
    rows = audit_rows(guarded)
    outcomes = [row.outcome for row in rows]
    assert outcomes == ["refused"] * 4 + ["throttled"] * 9 + ["ok"]
    assert {row.account_ref for row in rows} == {pseudonymise_account("alice", "p" * 40)}
    assert "alice" not in " ".join(str(value) for row in rows for value in vars(row).values())


def test_the_wait_is_capped_and_a_success_starts_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(
        tmp_path,
        ratelimit_login="10000 per minute",
        login_free_failures=1,
        login_max_delay_seconds=5,
    )
    app = make_app(settings)
    add_account(app, "alice", "advisor")
    clock = Clock(monkeypatch)
    for _ in range(8):  # each admitted guess doubles the wait: 1, 2, 4, then 5 s (the cap)
        assert attempt(app, "alice", "wrong password!").status_code == 401
        clock.now += 5.01
    assert attempt(app, "alice", PASSWORD).status_code == 200  # after the cap, never longer
    assert attempt(app, "alice", "wrong password!").status_code == 401
    assert attempt(app, "alice", PASSWORD).status_code == 200  # one failure: no wait


def test_unknown_accounts_back_off_like_known_ones(
    guarded: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    Clock(monkeypatch)
    known = [attempt(guarded, "alice", "wrong password!").json for _ in range(FREE_ATTEMPTS + 2)]
    unknown = [attempt(guarded, "nobody", "wrong password!").json for _ in range(FREE_ATTEMPTS + 2)]
    assert known == unknown == [BAD_CREDENTIALS] * (FREE_ATTEMPTS + 2)
    assert [row.outcome for row in audit_rows(guarded)] == (
        ["refused"] * (FREE_ATTEMPTS + 1) + ["throttled"]
    ) * 2


def test_a_refusal_inside_the_wait_still_runs_a_password_check(
    guarded: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the wait the password is not checked, but a dummy hash is verified instead, so a
    refusal takes a password check's time (its duration belongs to bench/, not to a test)."""
    Clock(monkeypatch)
    checked: list[str | None] = []
    real_verify = auth.verify_password

    def counting_verify(password_hash: str | None, password: str) -> bool:
        checked.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting_verify)
    for _ in range(FREE_ATTEMPTS + 1):  # the fourth attempt sets a wait
        attempt(guarded, "someone", "wrong password!")
    checked.clear()
    for _ in range(3):  # refused inside the wait
        assert attempt(guarded, "someone", "wrong password!").status_code == 401
    assert checked == [None, None, None]  # the dummy hash, once per refusal


def test_workers_share_the_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(tmp_path, ratelimit_login="10000 per minute", login_free_failures=2)
    first, second = make_app(settings), make_app(settings)  # two workers, one database
    add_account(first, "alice", "advisor")
    Clock(monkeypatch)
    for app in (first, second, first):
        assert attempt(app, "alice", "wrong password!").status_code == 401
    assert attempt(second, "alice", PASSWORD).status_code == 401  # inside the 1 s wait


def test_refused_sign_ins_are_counted_by_reason(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(
        tmp_path, data_dir, dashboard=False, login_free_failures=1, ratelimit_login="3 per minute"
    )
    app = create_app(settings)
    Clock(monkeypatch)
    statuses = [attempt(app, "nobody", "wrong password!").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    exposition = app.extensions[METRICS_KEY].exposition().decode()
    assert 'scoring_sign_in_refusals_total{reason="refused"} 2.0' in exposition
    assert 'scoring_sign_in_refusals_total{reason="throttled"} 1.0' in exposition
    assert 'scoring_sign_in_refusals_total{reason="rate_limited"} 1.0' in exposition
