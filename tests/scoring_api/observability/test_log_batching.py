"""Batched log lines: all written, in order, on flush, by the thread, at close and exit."""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Iterator

import pytest

from scoring_api.observability.log_batching import BatchingStreamHandler, flush_log_batches

HOUR = 3600.0


class CountingStream(io.StringIO):
    """A text stream that counts its writes."""

    def __init__(self) -> None:
        super().__init__()
        self.n_writes = 0

    def write(self, text: str) -> int:
        """Count and keep the text."""
        self.n_writes += 1
        return super().write(text)


@pytest.fixture(name="stream")
def stream_fixture() -> CountingStream:
    """Return an empty counting stream."""
    return CountingStream()


@pytest.fixture(name="logger")
def logger_fixture(request: pytest.FixtureRequest) -> Iterator[logging.Logger]:
    """Return a logger of this test only, at INFO, without propagation."""
    logger = logging.getLogger(f"test_log_batching.{request.node.name}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def attach(
    logger: logging.Logger, stream: CountingStream, **options: float
) -> BatchingStreamHandler:
    """Attach a batching handler writing bare messages to the stream."""
    handler = BatchingStreamHandler(stream, **options)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    return handler


def test_lines_wait_until_flushed_then_come_in_one_write(
    logger: logging.Logger, stream: CountingStream
) -> None:
    handler = attach(logger, stream, interval=HOUR)
    for k in range(5):
        logger.info("line %d", k)
    assert stream.getvalue() == ""
    handler.flush()
    assert stream.getvalue() == "".join(f"line {k}\n" for k in range(5))
    assert stream.n_writes == 1


def test_a_full_batch_is_written_by_the_background_thread(
    logger: logging.Logger, stream: CountingStream
) -> None:
    attach(logger, stream, interval=HOUR, capacity=3)
    for k in range(3):
        logger.info("line %d", k)
    deadline = time.monotonic() + 30  # a liveness bound, not a speed check
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stream.getvalue() == "line 0\nline 1\nline 2\n"


def test_closing_the_handler_writes_what_is_left(
    logger: logging.Logger, stream: CountingStream
) -> None:
    handler = attach(logger, stream, interval=HOUR)
    logger.info("last words")
    logger.removeHandler(handler)
    handler.close()  # what logging.shutdown does at exit
    assert stream.getvalue() == "last words\n"


def test_flush_log_batches_writes_every_handler(logger: logging.Logger) -> None:
    streams = [CountingStream(), CountingStream()]
    for stream in streams:
        attach(logger, stream, interval=HOUR)
    logger.info("twice")
    flush_log_batches()  # gunicorn's worker_exit hook
    assert [s.getvalue() for s in streams] == ["twice\n", "twice\n"]


def test_a_forked_child_does_not_write_the_parents_lines_again(
    logger: logging.Logger, stream: CountingStream
) -> None:
    handler = attach(logger, stream, interval=HOUR)
    logger.info("before fork")
    pid = os.fork()  # the parent writes its queue before forking
    if pid == 0:
        os._exit(0 if not handler._records else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert stream.getvalue() == "before fork\n"
