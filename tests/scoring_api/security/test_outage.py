"""A locked database: the readiness probe sees it, audited requests get a prompt 503."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy.exc import OperationalError

from scoring_api.errors import ApiError
from scoring_api.security.audit_writer import AuditWriter
from scoring_api.security.database import Database
from tests.scoring_api.security.helpers import HOUR
from tests.scoring_api.security.test_audit_writer import audit_actions, make_row

JOIN_WINDOW = threading.Event()  # never set: a bounded pause inside a flush


def test_ping_passes_on_a_free_database(database: Database) -> None:
    database.ping()


def test_ping_fails_while_another_connection_holds_the_write_lock(
    database: Database, write_lock: sqlite3.Connection
) -> None:
    with pytest.raises(OperationalError, match="database is locked"):
        database.ping()


def test_a_failed_direct_write_marks_the_writer_failing(
    database: Database, write_lock: sqlite3.Connection
) -> None:
    writer = AuditWriter(database, flush_seconds=0)
    with pytest.raises(OperationalError):
        writer.add(make_row("during"))
    assert writer.is_failing
    write_lock.execute("ROLLBACK")
    writer.add(make_row("after"))
    assert not writer.is_failing
    assert audit_actions(database) == ["after"]


def test_a_request_joins_the_retry_under_way_and_gets_503_when_it_fails(
    database: Database, write_lock: sqlite3.Connection
) -> None:
    writer = AuditWriter(database, flush_seconds=HOUR)
    writer.add(make_row("queued"))
    with pytest.raises(OperationalError):
        writer.flush()
    assert writer.is_failing
    retrying = threading.Event()
    original_insert = writer._insert

    def slow_insert(rows: list[dict]) -> None:
        retrying.set()
        original_insert(rows)  # waits for the lock, then fails

    writer._insert = slow_insert  # type: ignore[method-assign]
    retry_errors: list[Exception] = []

    def retry_flush() -> None:
        try:
            writer.flush()
        except OperationalError as exc:
            retry_errors.append(exc)

    retry = threading.Thread(target=retry_flush)
    retry.start()
    assert retrying.wait(10)
    with pytest.raises(ApiError) as refused:  # its outcome, not a retry of its own
        writer.add(make_row("refused"))
    retry.join(10)
    assert len(retry_errors) == 1  # the retry itself still failed on the lock
    assert refused.value.status == 503
    assert refused.value.code == "service_unavailable"
    write_lock.execute("ROLLBACK")
    assert writer.flush() == 1
    assert audit_actions(database) == ["queued"]


def test_a_request_joining_a_retry_that_succeeds_goes_on(
    database: Database, write_lock: sqlite3.Connection
) -> None:
    writer = AuditWriter(database, flush_seconds=HOUR)
    writer.add(make_row("queued"))
    with pytest.raises(OperationalError):
        writer.flush()
    retrying = threading.Event()
    original_insert = writer._insert

    def insert_after_the_lock_is_released(rows: list[dict]) -> None:
        if not retrying.is_set():
            retrying.set()
            JOIN_WINDOW.wait(0.5)  # time for the request below to start waiting for this flush
        if write_lock.in_transaction:  # the database comes back during this retry
            write_lock.execute("ROLLBACK")
        original_insert(rows)

    writer._insert = insert_after_the_lock_is_released  # type: ignore[method-assign]
    retry = threading.Thread(target=writer.flush)
    retry.start()
    assert retrying.wait(10)
    writer.add(make_row("joined"))  # waits for the retry, which succeeds: no error
    retry.join(10)
    assert not writer.is_failing
    assert writer.flush() == 1
    assert audit_actions(database) == ["queued", "joined"]
