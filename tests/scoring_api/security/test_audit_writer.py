"""Buffered audit rows: every row lands, in order, on flush, at exit and after a failure."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from scoring_api.security.audit_writer import AuditWriter, flush_audit_writers
from scoring_api.security.database import Database
from scoring_api.security.models import AuditEvent, utc_now
from scoring_api.security.state import get_state
from tests.processes import ROOT
from tests.scoring_api.security.helpers import CLIENT_ID, HOUR, add_key, make_app
from tests.scoring_api.settings import make_settings


def audit_actions(database: Database) -> list[str]:
    """Return the actions of the audit table, oldest first."""
    with database.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def make_row(action: str) -> dict:
    """Return one audit row."""
    return {
        "at": utc_now(),
        "account_id": None,
        "api_key_id": None,
        "action": action,
        "route": "/api/v1/test",
        "client_ref": None,
        "outcome": "ok",
    }


def score_requests(app: Flask, count: int) -> None:
    """Send ``count`` audited score requests with a service key."""
    headers = {"X-API-Key": add_key(app, "crm")}
    client = app.test_client()
    for _ in range(count):
        assert client.get(f"/api/v1/clients/{CLIENT_ID}/score", headers=headers).status_code == 200


def test_rows_wait_in_the_buffer_until_flushed(database: Database) -> None:
    writer = AuditWriter(database, flush_seconds=HOUR)
    for action in ("a", "b", "c"):
        writer.add(make_row(action))
    assert (writer.pending, audit_actions(database)) == (3, [])
    assert writer.flush() == 3
    assert (writer.pending, audit_actions(database)) == (0, ["a", "b", "c"])
    assert writer.flush() == 0


def test_zero_flush_seconds_writes_each_row_at_once(database: Database) -> None:
    writer = AuditWriter(database, flush_seconds=0)
    writer.add(make_row("a"))
    assert (writer.pending, audit_actions(database)) == (0, ["a"])


def test_a_full_batch_is_written_by_the_background_thread(database: Database) -> None:
    writer = AuditWriter(database, flush_seconds=HOUR, batch_rows=5)
    for k in range(5):
        writer.add(make_row(f"r{k}"))
    deadline = time.monotonic() + 30  # a liveness bound, not a speed check
    while writer.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert audit_actions(database) == [f"r{k}" for k in range(5)]


def test_every_audited_request_has_its_row_after_flush(buffered_app: Flask) -> None:
    score_requests(buffered_app, 50)
    state = get_state(buffered_app)
    assert state.audit.pending == 50
    assert state.audit.flush() == 50
    assert audit_actions(state.database) == ["client.score"] * 50


def test_exit_flush_writes_the_rows_of_every_app(tmp_path: Path) -> None:
    apps = [make_app(make_settings(tmp_path / name, audit_flush_seconds=HOUR)) for name in "ab"]
    for count, app in enumerate(apps, start=2):
        score_requests(app, count)
    assert flush_audit_writers() >= 5
    assert [len(audit_actions(get_state(app).database)) for app in apps] == [2, 3]


def test_gunicorn_worker_exit_hook_flushes_the_buffer(buffered_app: Flask) -> None:
    score_requests(buffered_app, 3)
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["worker_exit"](None, None)
    assert audit_actions(get_state(buffered_app).database) == ["client.score"] * 3


def test_no_row_is_lost_when_the_process_ends(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from tests.scoring_api.security.helpers import CLIENT_ID, add_key, make_app
        from tests.scoring_api.settings import make_settings
        app = make_app(make_settings(Path({str(tmp_path)!r}), audit_flush_seconds={HOUR}))
        headers = {{"X-API-Key": add_key(app, "crm")}}
        client = app.test_client()
        for _ in range(40):
            response = client.get(f"/api/v1/clients/{{CLIENT_ID}}/score", headers=headers)
            assert response.status_code == 200
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
    database = Database(make_settings(tmp_path).database_url)
    assert audit_actions(database) == ["client.score"] * 40
    database.dispose()


def test_rows_survive_a_failed_flush_and_later_requests_get_503(
    buffered_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_requests(buffered_app, 2)
    writer = get_state(buffered_app).audit

    def database_down(rows: list[dict]) -> None:
        raise OperationalError("INSERT INTO audit_events", {}, Exception("disk I/O error"))

    monkeypatch.setattr(writer, "_insert", database_down)
    with pytest.raises(OperationalError):
        writer.flush()
    assert writer.pending == 2
    response = buffered_app.test_client().get(
        f"/api/v1/clients/{CLIENT_ID}/score", headers={"X-API-Key": add_key(buffered_app, "erp")}
    )
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "service_unavailable"
    assert writer.pending == 2  # the refused request added no row
    monkeypatch.undo()
    assert writer.flush() == 2
    assert audit_actions(get_state(buffered_app).database) == ["client.score"] * 2


def test_a_forked_process_starts_with_an_empty_buffer(database: Database) -> None:
    writer = AuditWriter(database, flush_seconds=HOUR)
    writer.add(make_row("parent"))
    pid = os.fork()
    if pid == 0:  # the child: nothing inherited to write twice
        os._exit(0 if writer.pending == 0 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert writer.flush() == 1
    assert audit_actions(database) == ["parent"]
