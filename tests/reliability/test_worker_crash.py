"""A gunicorn worker killed under load: replaced, only its in-flight requests fail, no row lost."""

from __future__ import annotations

import signal
import sqlite3
from collections import Counter
from contextlib import closing

from tests.reliability.load import (
    CONNECTION_ERROR,
    LoadResult,
    audit_counts,
    load_while,
    mixed_calls,
    run_load,
)
from tests.reliability.server import Server, wait_until

N_CLIENTS = 8
LOAD_SECONDS = 4.0
KILL_AFTER_SECONDS = 1.5
RESPAWN_SECONDS = 30


def audit_rows(result: LoadResult, statuses: set[int]) -> Counter[str]:
    """Return the audit rows per action the answers with these statuses would add."""
    rows: Counter[str] = Counter()
    for answer in result.answers:
        if answer.call.action is not None and answer.status in statuses:
            rows[answer.call.action] += answer.call.rows
    return rows


def test_killed_worker_is_replaced_and_answered_requests_keep_their_audit_rows(
    server: Server, stored_ids: list[int]
) -> None:
    calls = mixed_calls(stored_ids)
    before = audit_counts(server.database_path)  # the server writes each row before answering
    victim = server.workers()[0]
    result = load_while(
        server,
        calls,
        N_CLIENTS,
        LOAD_SECONDS,
        lambda: victim.send_signal(signal.SIGKILL),
        KILL_AFTER_SECONDS,
    )

    def is_replaced() -> bool:
        pids = {worker.pid for worker in server.workers()}
        return len(pids) == 2 and victim.pid not in pids

    is_respawned = wait_until(is_replaced, RESPAWN_SECONDS, server)
    after = run_load(server, calls, N_CLIENTS, 1.0)
    written = audit_counts(server.database_path) - before
    with closing(sqlite3.connect(server.database_path)) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        n_keys = connection.execute("SELECT COUNT(*) FROM api_keys").fetchone()[0]
    figures = result.figures("worker killed under load")
    print(figures)
    assert not victim.is_running()
    assert is_respawned, server.log_text()[-2000:]
    assert after.failures == [], after.figures("after the respawn")
    assert {a.status for a in result.failures} <= {CONNECTION_ERROR}, figures  # never a 5xx
    failed_clients = Counter(a.client for a in result.failures)
    assert all(count == 1 for count in failed_clients.values()), failed_clients  # in flight
    answered = audit_rows(result, {200}) + audit_rows(after, {200})
    in_flight = audit_rows(result, {CONNECTION_ERROR})
    for action in ("clients.score", "clients.explanation", "score.what_if"):
        assert answered[action] <= written[action] <= answered[action] + in_flight[action], (
            action,
            written,
            answered,
        )
    assert (integrity, n_keys) == ("ok", 2)  # the advisor's and the admin's keys
