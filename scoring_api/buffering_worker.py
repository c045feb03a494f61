"""gunicorn's gthread worker that gives a thread only to a request it has read whole.

gthread hands a connection to a thread as soon as its first bytes arrive, and the thread then
blocks until the head and body are in: ten clients sending a header line every 5 s held every
thread of a 2 x 4 server. This worker reads each request in its main loop (non-blocking, with
the poller gunicorn already runs) until ``request_end`` finds its last byte, then hands the
bytes to a thread through the parser's own buffer. A request that is not whole
``REQUEST_READ_SECONDS`` after its first byte gets a 408 and is closed; the bytes held per
worker are capped by ``REQUEST_BUFFER_BYTES`` (past it, a 503). Idle kept-alive connections
keep gunicorn's ``keepalive`` timeout. TLS and HTTP/2 connections (not used here: Heroku's
router and a local proxy speak HTTP/1.1) fall back to gthread's own handling.

``gunicorn.conf.py`` sets ``worker_class`` to ``BufferingThreadWorker``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import selectors
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

from scoring_api.config import Settings
from scoring_api.errors import RETRY_AFTER_SECONDS, ApiError
from scoring_api.request_buffer import expects_continue, request_end

RECV_BYTES = 65_536
UNBOUNDED_HEAD_BYTES = 1_048_576  # head cap when gunicorn's limits are off (0)
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


def error_answer(status: str, code: str, message: str, extra: str = "") -> bytes:
    """Return a whole HTTP answer with the API's JSON error body, closing the connection."""
    body = json.dumps(ApiError(int(status.split(maxsplit=1)[0]), code, message).to_dict()).encode()
    head = (
        f"HTTP/1.1 {status}\r\nConnection: close\r\n{extra}Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


TIMED_OUT = error_answer("408 Request Timeout", "request_timeout", "The request came too slowly.")
OVERLOADED = error_answer(
    "503 Service Unavailable",
    "service_unavailable",
    "Too many requests in transit. Retry shortly.",
    f"Retry-After: {RETRY_AFTER_SECONDS}\r\n",
)


@dataclass
class PendingRequest:
    """The bytes of a request read so far and when it must be whole."""

    deadline: float
    data: bytearray = field(default_factory=bytearray)
    has_sent_continue: bool = False


def head_cap(cfg: Any) -> int:
    """Return the longest head gunicorn accepts (request line and header fields)."""
    line, fields, field_size = (
        cfg.limit_request_line,
        cfg.limit_request_fields,
        cfg.limit_request_field_size,
    )
    if not (line and fields and field_size):
        return UNBOUNDED_HEAD_BYTES
    return line + 2 + fields * (field_size + 2)


class BufferingThreadWorker(ThreadWorker):
    """A gthread worker whose threads only ever see requests already read in full."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = Settings.from_env()
        self.read_seconds = settings.request_read_seconds
        self.buffer_bytes = settings.request_buffer_bytes
        self.body_cap = settings.max_body_bytes
        self.head_cap = head_cap(self.cfg)
        self.pending: dict[Any, PendingRequest] = {}
        self.buffered = 0
        self.is_buffering = not self.cfg.is_ssl and getattr(self.cfg, "protocol", "http") == (
            "http"
        )
        if getattr(self.cfg, "http2_cleartext", "off") != "off":
            self.is_buffering = False

    def enqueue_req(self, conn: Any) -> None:
        """Read the connection's next request in the main loop before a thread takes it."""
        if not self.is_buffering:
            super().enqueue_req(conn)
            return
        leftover = conn.parser.unreader.take_buffered() if conn.parser is not None else b""
        pending = PendingRequest(time.monotonic() + self.cfg.keepalive, bytearray(leftover))
        if leftover:
            pending.deadline = time.monotonic() + self.read_seconds
        self.pending[conn] = pending
        self.buffered += len(leftover)
        if not self._dispatch_if_whole(conn, pending):
            conn.sock.setblocking(False)
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn: Any, _sock: Any) -> None:
        """Read what arrived; an error here closes this connection, never the worker's loop."""
        try:
            self._read_more(conn)
        except Exception:
            self.log.exception("Error reading a request; closing its connection")
            if conn in self.pending:
                self._drop(conn)

    def _read_more(self, conn: Any) -> None:
        """Add what arrived to the connection's request; hand it over once it is whole."""
        pending = self.pending[conn]
        try:
            data = conn.sock.recv(RECV_BYTES)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                return
            data = b""
        if not data:  # the client went away
            self._drop(conn)
            return
        if not pending.data:
            pending.deadline = time.monotonic() + self.read_seconds
        pending.data += data
        self.buffered += len(data)
        if self.buffered > self.buffer_bytes:
            self._drop(conn, OVERLOADED)
            return
        if self._dispatch_if_whole(conn, pending):
            self.poller.unregister(conn.sock)
            return
        if not pending.has_sent_continue and expects_continue(pending.data):
            pending.has_sent_continue = True
            self._send_quietly(conn, CONTINUE)

    def _dispatch_if_whole(self, conn: Any, pending: PendingRequest) -> bool:
        """Give the connection to a thread when its request is whole (or cannot be read here)."""
        if not pending.data or request_end(pending.data, self.head_cap, self.body_cap) is None:
            return False
        del self.pending[conn]
        self.buffered -= len(pending.data)
        future = self.tpool.submit(self._handle_buffered, conn, bytes(pending.data))
        future.add_done_callback(
            lambda done: self.method_queue.defer(self.finish_request, conn, done)
        )
        return True

    def _handle_buffered(self, conn: Any, data: bytes) -> Any:
        """Serve a request read in full: its bytes go first into the parser's buffer."""
        conn.sock.setblocking(True)
        conn.data_ready = True
        conn.init()
        conn.parser.unreader.unread(data)
        return self.handle(conn)

    def handle_request(self, req: Any, conn: Any) -> bool:
        """Serve one request; a client that stops reading its answer is bounded the same way."""
        conn.sock.settimeout(self.read_seconds)
        return super().handle_request(req, conn)

    def murder_pending(self) -> None:
        """Close connections whose request is late (408), and idle ones past keep-alive."""
        super().murder_pending()
        now = time.monotonic()
        for conn, pending in list(self.pending.items()):
            if pending.deadline <= now or (not self.alive and not pending.data):
                self._drop(conn, TIMED_OUT if pending.data else b"")

    def _drop(self, conn: Any, answer: bytes = b"") -> None:
        """Forget a connection still being read, answer it if asked, and close it."""
        pending = self.pending.pop(conn)
        self.buffered -= len(pending.data)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        if answer:
            self._send_quietly(conn, answer)
        self.nr_conns -= 1
        conn.close()

    @staticmethod
    def _send_quietly(conn: Any, answer: bytes) -> None:
        """Send a short answer without blocking; a client that cannot take it gets nothing."""
        with contextlib.suppress(OSError):
            conn.sock.send(answer)
