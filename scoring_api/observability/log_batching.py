"""A log handler that writes its records in batches, off the request's thread.

Under load the access log is one line per request: formatted and written (a ``write`` system
call, under the handler's lock that every request thread wants) inside each request, it took
about an eighth of a gunicorn worker's time. This handler only queues the record; a background
thread formats and writes the queued lines in one ``write`` at most every ``interval`` seconds
(0.5 s by default), sooner when ``capacity`` lines wait, and ``flush``/``close`` (logging's own
``atexit`` shutdown, gunicorn's ``worker_exit``) write what is left. A killed process loses at
most the last interval's lines; the audit trail, not this log, is the record of accesses.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from typing import TextIO

DEFAULT_INTERVAL = 0.5
DEFAULT_CAPACITY = 512

_handlers: weakref.WeakSet[BatchingStreamHandler] = weakref.WeakSet()


class BatchingStreamHandler(logging.StreamHandler):
    """Queue records; write them formatted, many lines per write, from a background thread."""

    def __init__(
        self,
        stream: TextIO | None = None,
        interval: float = DEFAULT_INTERVAL,
        capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        super().__init__(stream)
        self.interval = interval
        self.capacity = capacity
        self._reset()
        _handlers.add(self)

    def _reset(self) -> None:
        """Start with no queued record and no thread (at creation and in a forked child)."""
        self._records: list[logging.LogRecord] = []
        self._write_lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Queue the record (the handler's lock is held by ``handle``)."""
        self._records.append(record)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="log-writer", daemon=True)
            self._thread.start()
        if len(self._records) >= self.capacity:
            self._wake.set()

    def flush(self) -> None:
        """Format and write every queued record in one write, then flush the stream."""
        self._write_queued()

    def close(self) -> None:
        """Write the queued records, then close as a stream handler does."""
        self._write_queued()
        super().close()

    def _write_queued(self) -> int:
        """Write the queued records (formatted outside the handler's lock); return their count."""
        with self._write_lock:  # one batch at a time, in order
            with self.lock:  # type: ignore[union-attr]  # created by Handler.__init__
                records, self._records = self._records, []
            if records:
                lines = []
                for record in records:
                    try:
                        lines.append(self.format(record) + self.terminator)
                    except Exception:  # as logging does: report it, keep the other lines
                        self.handleError(record)
                try:
                    self.stream.write("".join(lines))
                except Exception:
                    self.handleError(records[-1])
            super().flush()
            return len(records)

    def _run(self) -> None:
        """Write every ``interval`` (sooner when full); stop after an idle interval."""
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._write_queued() == 0:
                with self.lock:  # type: ignore[union-attr]
                    if not self._records:  # emit() starts a new thread for the next record
                        self._thread = None
                        return


def flush_log_batches() -> None:
    """Write the queued records of every batching handler of this process."""
    for handler in list(_handlers):
        handler.flush()


def _before_fork() -> None:
    """Write queued records before a fork, so the child inherits none to write again."""
    flush_log_batches()


def _after_fork_in_child() -> None:
    """Give each handler an empty queue and no thread in the new process."""
    for handler in list(_handlers):
        handler._reset()


os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
