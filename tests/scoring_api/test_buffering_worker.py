"""Slow clients against a real gunicorn (2 workers x 4 threads): threads serve whole requests."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.reliability.server import Server, serve

READ_SECONDS = 3.0  # REQUEST_READ_SECONDS of this server: a slow request's lifetime
N_SLOW_HEADS = 10  # the ten clients sending header lines
N_SLOW_BODIES = 6  # and a few sending their body slowly: 16 connections for 8 threads
TRICKLE_SECONDS = 0.4
N_OTHER_REQUESTS = 10
OTHER_TIMEOUT_SECONDS = 2.0


@pytest.fixture(scope="module")
def server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Return a gunicorn server whose requests must be whole within READ_SECONDS."""
    workdir = tmp_path_factory.mktemp("buffering_worker")
    with serve(data_dir, workdir, {"REQUEST_READ_SECONDS": str(READ_SECONDS)}) as running:
        yield running


def open_slow(server: Server, first: bytes) -> socket.socket:
    """Open a connection and send the first bytes of a request."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    sock.sendall(first)
    return sock


def is_open(sock: socket.socket) -> bool:
    """Tell whether the server has neither answered nor closed the connection."""
    sock.setblocking(False)
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.setblocking(True)


def test_other_requests_are_answered_while_slow_clients_stay_connected(server: Server) -> None:
    heads = [
        open_slow(server, b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n")
        for _ in range(N_SLOW_HEADS)
    ]
    body_head = (
        b"POST /api/v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n{"
    )
    bodies = [open_slow(server, body_head) for _ in range(N_SLOW_BODIES)]
    stop = threading.Event()

    def trickle() -> None:  # one more header line, one more body byte, every TRICKLE_SECONDS
        k = 0
        while not stop.wait(TRICKLE_SECONDS):
            for sock in heads:
                sock.sendall(b"X-Slow-%d: 1\r\n" % k)
            for sock in bodies:
                sock.sendall(b" ")
            k += 1

    trickler = threading.Thread(target=trickle)
    trickler.start()
    try:
        time.sleep(2 * TRICKLE_SECONDS)  # every slow request is under way
        began = time.monotonic()
        statuses = []
        for _ in range(N_OTHER_REQUESTS):  # a new connection each: both workers answer
            reply = requests.get(server.url("health/live"), timeout=OTHER_TIMEOUT_SECONDS)
            statuses.append(reply.status_code)
        elapsed = time.monotonic() - began
        still_open = sum(is_open(sock) for sock in heads + bodies)
    finally:
        stop.set()
        trickler.join()
        for sock in heads + bodies:
            sock.close()
    assert statuses == [200] * N_OTHER_REQUESTS
    assert elapsed < READ_SECONDS - 2 * TRICKLE_SECONDS  # all answered while they were open
    assert still_open == N_SLOW_HEADS + N_SLOW_BODIES


def test_a_request_not_whole_in_time_gets_408_and_is_closed(server: Server) -> None:
    began = time.monotonic()
    answer = b""
    with open_slow(server, b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n") as sock:
        sock.settimeout(READ_SECONDS + 3)
        while chunk := sock.recv(4096):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert json.loads(body)["error"]["code"] == "request_timeout"
    assert READ_SECONDS - 1 < time.monotonic() - began < READ_SECONDS + 2


def test_pipelined_and_chunked_requests_are_served_whole(server: Server) -> None:
    chunked = (
        b"POST /api/v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    )
    live = b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    answer = b""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(chunked + live)  # two requests in one send, the first with a chunked body
        while chunk := sock.recv(65536):
            answer += chunk
    statuses = re.findall(rb"HTTP/1\.1 (\d{3}) ", answer)
    assert statuses == [b"401", b"200"]  # the score needs a sign-in; then health/live
