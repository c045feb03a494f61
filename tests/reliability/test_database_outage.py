"""Database locked or unreachable under gunicorn: 503 JSON where it is needed, ready says why."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from scoring_api.security.accounts import create_account
from scoring_api.security.database import Database
from tests.processes import create_key
from tests.reliability.load import Call, LoadResult, audit_counts, run_load
from tests.reliability.server import (
    Server,
    copy_artifacts,
    serve,
    start_server,
    wait_until,
)

PASSWORD = "a long reliability password"
OUTAGE_CLIENTS = 4
POLL_SECONDS = 20


@pytest.fixture(scope="module")
def buffered_server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Return a gunicorn server (2 workers, audit rows buffered 0.5 s) with an advisor account."""
    with serve(data_dir, tmp_path_factory.mktemp("reliability_db")) as running:
        database = Database(f"sqlite:///{running.database_path}")
        with database.session() as session:
            create_account(session, "rita", PASSWORD, "advisor")
        database.dispose()
        yield running


class Poller:
    """Send one request until it gets a status (bounded); keep every answer."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.answers: list[tuple[str, requests.Response]] = []

    def until(self, status: int, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Repeat the request on new connections until it answers ``status``; return it."""
        last: list[requests.Response] = []

        def answered() -> bool:
            response = requests.request(method, self.server.url(path), timeout=30, **kwargs)
            self.answers.append((path, response))
            last[:] = [response]
            return response.status_code == status

        wait_until(answered, POLL_SECONDS)
        return last[0]


def assert_503_json(response: requests.Response) -> None:
    """Check a 503 is JSON with Retry-After and the error envelope."""
    assert response.status_code == 503, response.text[:300]
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Retry-After"] == "5"
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_locked_database_answers_503_then_recovers_without_losing_audit_rows(
    buffered_server: Server, stored_ids: list[int]
) -> None:
    server = buffered_server
    calls = [Call("GET", f"clients/{i}/score", action="clients.score") for i in stored_ids]
    key = {"X-API-Key": server.api_key}
    credentials = {"json": {"username": "rita", "password": PASSWORD}}
    before = audit_counts(server.database_path)
    poll = Poller(server)
    lock = sqlite3.connect(server.database_path, isolation_level=None, timeout=10)
    lock.execute("BEGIN EXCLUSIVE")  # what a long migration or a stuck writer does
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        outage = pool.submit(run_load, server, calls, OUTAGE_CLIENTS, 60.0, stop)
        try:
            ready = poll.until(503, "GET", "health/ready")
            scored = poll.until(503, "GET", f"clients/{stored_ids[0]}/score", headers=key)
            signed_in = poll.until(503, "POST", "auth/login", **credentials)
            live = requests.get(server.url("health/live"), timeout=10)
            model = requests.get(server.url("model"), headers=key, timeout=10)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        recovered = poll.until(200, "GET", "health/ready")
        stop.set()
        during = outage.result()
    bursts: list[LoadResult] = []

    def answers_again() -> bool:  # each worker writes its waiting rows, then answers 200
        bursts.append(run_load(server, calls, OUTAGE_CLIENTS, 0.5))
        return bursts[-1].failures == []

    is_recovered = wait_until(answers_again, POLL_SECONDS)
    figures = during.figures("during and after the lock")
    print(figures)
    assert_503_json(ready)
    assert ready.json()["error"]["details"] == {"checks": {"model": "ok", "database": "failing"}}
    assert "not ready: database: locked: another connection holds the write lock" in (
        server.log_text()
    )
    assert_503_json(scored)
    assert scored.json()["error"]["code"] == "service_unavailable"
    assert_503_json(signed_in)
    assert (live.status_code, model.status_code) == (200, 200)  # reads need no write lock
    assert set(during.statuses) == {200, 503}, figures
    assert recovered.status_code == 200
    assert recovered.json()["checks"] == {"model": "ok", "database": "ok"}
    assert is_recovered, bursts[-1].figures("after the lock")
    after = [a for burst in bursts for a in burst.answers]
    assert {a.status for a in after} <= {200, 503}  # never a 500 or a dropped connection
    answered = sum(a.status == 200 for a in [*during.answers, *after])
    answered += sum(r.status_code == 200 for path, r in poll.answers if path.startswith("clients/"))
    expected = before["clients.score"] + answered

    def is_written() -> bool:
        return audit_counts(server.database_path)["clients.score"] >= expected

    wait_until(is_written, 10)  # rows queued during the outage are written after it
    assert audit_counts(server.database_path)["clients.score"] == expected, figures


def test_unreachable_database_answers_503_and_recovers(
    data_dir: Path, stored_ids: list[int], tmp_path: Path
) -> None:
    blocker = tmp_path / "db"
    blocker.write_text("a file where the database folder should be")
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    database_path = blocker / "reliability.sqlite3"
    server = start_server(data_dir, artifacts, tmp_path, database_path=database_path)
    score = f"clients/{stored_ids[0]}/score"
    try:
        live = requests.get(server.url("health/live"), timeout=10)
        ready = requests.get(server.url("health/ready"), timeout=10)
        scored = requests.get(server.url(score), headers={"X-API-Key": "pad_0_x"}, timeout=10)
        signed_in = requests.post(
            server.url("auth/login"), json={"username": "rita", "password": PASSWORD}, timeout=10
        )
        blocker.unlink()  # the database comes back
        blocker.mkdir()
        key = {"X-API-Key": create_key(f"sqlite:///{database_path}")}
        recovered = Poller(server).until(200, "GET", "health/ready")
        scored_again = requests.get(server.url(score), headers=key, timeout=10)
        wait_until(lambda: audit_counts(database_path)["clients.score"] == 1, 10)
    finally:
        server.stop()
    assert live.status_code == 200
    assert_503_json(ready)
    assert ready.json()["error"]["details"] == {"checks": {"model": "ok", "database": "failing"}}
    assert "not ready: database: unreachable (OperationalError)" in server.log_text()
    assert_503_json(scored)
    assert_503_json(signed_in)
    assert recovered.status_code == 200
    assert scored_again.status_code == 200
    assert audit_counts(database_path)["clients.score"] == 1
