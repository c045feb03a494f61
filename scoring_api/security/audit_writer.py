"""Audit rows written in batches: a per-process buffer flushed by a background thread.

The same writer, given another table, writes the scoring events (``scoring_api.events``).

A request hands its row to the buffer (microseconds) instead of committing it (a database round
trip and, with SQLite, the write lock shared by every worker). Rows reach the table:

- within ``flush_seconds`` (``AUDIT_FLUSH_SECONDS``, 0.5 s by default), or as soon as
  ``batch_rows`` are waiting, in one transaction (order kept);
- at a clean stop: gunicorn's ``worker_exit`` hook and ``atexit`` call ``flush_audit_writers``;
- while the database is failing, rows stay buffered and are retried, and the next request that
  would add a row is refused with the database's error (503) until a flush succeeds: data is
  never served for long without its audit row.

Only a killed process (SIGKILL, power loss) loses rows: at most those of the last
``flush_seconds``. ``flush_seconds`` = 0 writes each row before the response, as before.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import weakref
from typing import Any, cast

from sqlalchemy import Table, insert

from scoring_api.errors import database_unavailable_error
from scoring_api.security.database import Database
from scoring_api.security.models import AuditEvent, Base

logger = logging.getLogger(__name__)

DEFAULT_BATCH_ROWS = 500
# Past this many waiting rows (the database is slow), a request flushes before adding its row.
MAX_PENDING_ROWS = 20_000
JOIN_FLUSH_SECONDS = 3.0  # longest wait for another thread's flush (SQLite gives up after 2 s)

_writers: weakref.WeakSet[AuditWriter] = weakref.WeakSet()


class AuditWriter:
    """Buffer audit rows of one process and insert them in batches (see the module's text)."""

    def __init__(
        self,
        database: Database,
        flush_seconds: float,
        batch_rows: int = DEFAULT_BATCH_ROWS,
        table: type[Base] = AuditEvent,
    ) -> None:
        self.database = database
        self.flush_seconds = flush_seconds
        self.batch_rows = batch_rows
        self.table = cast(Table, table.__table__)  # a declared class's table is a Table
        self._reset()
        _writers.add(self)

    def _reset(self) -> None:
        """Start empty, with fresh locks and no thread (at creation and in a forked child)."""
        self._rows: list[dict[str, Any]] = []
        self._rows_lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._is_failing = False

    @property
    def is_failing(self) -> bool:
        """Tell whether the last write failed (requests adding rows get 503 meanwhile)."""
        return self._is_failing

    @property
    def pending(self) -> int:
        """Return how many rows wait to be written."""
        return len(self._rows)

    def add(self, row: dict[str, Any]) -> None:
        """Queue one row (or write it now when ``flush_seconds`` is 0).

        Raises the database's error, without queueing the row, while the database is failing.
        """
        if self.flush_seconds <= 0:
            try:
                self._insert([row])
            except Exception:
                self._is_failing = True
                raise
            self._is_failing = False
            return
        if self._is_failing or len(self._rows) >= MAX_PENDING_ROWS:
            self._flush_or_join()  # raises while the database stays down: the request gets 503
        with self._rows_lock:
            self._rows.append(row)
            if self._thread is None:  # started on demand, gone after an idle interval
                self._thread = threading.Thread(
                    target=self._run, name=f"{self.table.name}-writer", daemon=True
                )
                self._thread.start()
            is_batch_full = len(self._rows) >= self.batch_rows
        if is_batch_full:
            self._wake.set()

    def flush(self) -> int:
        """Write every waiting row in one transaction; return how many were written.

        On a database error the rows go back to the front of the buffer and the error is raised.
        """
        with self._flush_lock:
            return self._flush_locked()

    def _flush_or_join(self) -> None:
        """Flush now, or, while another thread flushes, wait for it (bounded) and use its outcome.

        A request never queues behind several retries in turn: it waits for at most the one
        under way, then answers 503 (ApiError) if that one failed.
        """
        if self._flush_lock.acquire(blocking=False):
            try:
                self._flush_locked()
            finally:
                self._flush_lock.release()
            return
        if self._flush_lock.acquire(timeout=JOIN_FLUSH_SECONDS):
            self._flush_lock.release()
            if not self._is_failing:
                return
        raise database_unavailable_error()

    def _flush_locked(self) -> int:
        """Write every waiting row (the caller holds the flush lock)."""
        with self._rows_lock:
            rows, self._rows = self._rows, []
        if not rows:
            self._is_failing = False
            return 0
        try:
            self._insert(rows)
        except Exception:
            with self._rows_lock:
                self._rows[:0] = rows
            self._is_failing = True
            raise
        self._is_failing = False
        return len(rows)

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        """Insert rows with one Core statement in one transaction."""
        self.database.create_tables()
        with self.database.engine.begin() as connection:
            connection.execute(insert(self.table), rows)

    def _run(self) -> None:
        """Flush every ``flush_seconds`` (sooner when a batch is full); stop once idle."""
        while True:
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            try:
                written = self.flush()
            except Exception as exc:  # kept and retried; requests see the error meanwhile
                logger.error(
                    "Rows of %s not written yet (%d waiting), retrying: %s",
                    self.table.name,
                    self.pending,
                    type(exc).__name__,
                )
                continue
            if written == 0:
                with self._rows_lock:
                    if not self._rows:  # add() starts a new thread for the next row
                        self._thread = None
                        return


def flush_audit_writers() -> int:
    """Flush every writer of this process (audit, events) at exit; return the rows written."""
    written = 0
    for writer in list(_writers):
        try:
            written += writer.flush()
        except Exception:
            logger.exception(
                "%d rows of %s could not be written at exit", writer.pending, writer.table.name
            )
    return written


def _after_fork_in_child() -> None:
    """Give each writer an empty buffer and fresh locks in a child (rows stay with the parent)."""
    for writer in list(_writers):
        writer._reset()


atexit.register(flush_audit_writers)
os.register_at_fork(after_in_child=_after_fork_in_child)
