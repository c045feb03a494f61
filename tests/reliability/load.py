"""A bounded load generator: client threads with keep-alive sessions against a ``Server``.

``run_load`` sends requests from client threads (one ``requests.Session`` each) for a bounded
time and records, per answer, the status, the model versions and thresholds the body carries,
and the latency.
"""

from __future__ import annotations

import sqlite3
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.reliability.server import Server

CONNECTION_ERROR = -1  # status recorded when no HTTP answer came back


@dataclass(frozen=True)
class Call:
    """One kind of request of the load: method, API path, JSON body and its audit action."""

    method: str
    path: str
    body: Any = None
    action: str | None = None  # audit action an answered call adds (None: not audited)
    rows: int = 1  # audit rows an answered call adds


@dataclass(frozen=True)
class Answer:
    """What one request got: status (CONNECTION_ERROR: none), versions, thresholds, timing."""

    client: int
    call: Call
    status: int
    versions: tuple[str, ...]
    thresholds: tuple[float, ...]
    started: float  # time.monotonic() when sent
    latency_ms: float
    error: str = ""


@dataclass
class LoadResult:
    """Every answer of a load run and its duration."""

    answers: list[Answer] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def statuses(self) -> Counter[int]:
        """Return how many answers got each status (-1: connection error)."""
        return Counter(a.status for a in self.answers)

    @property
    def failures(self) -> list[Answer]:
        """Return the answers that are not 200."""
        return [a for a in self.answers if a.status != 200]

    def by_client(self) -> dict[int, list[Answer]]:
        """Return each client thread's answers in the order it sent them."""
        out: dict[int, list[Answer]] = {}
        for answer in sorted(self.answers, key=lambda a: (a.client, a.started)):
            out.setdefault(answer.client, []).append(answer)
        return out

    def figures(self, label: str = "load") -> str:
        """Return one line: requests, requests/s, p50/p99/max latency, statuses."""
        latencies = sorted(a.latency_ms for a in self.answers)
        if not latencies:
            return f"{label}: no request"
        p99 = latencies[int(0.99 * (len(latencies) - 1))]
        return (
            f"{label}: {len(latencies)} requests in {self.seconds:.1f} s, "
            f"{len(latencies) / self.seconds:.0f} req/s, p50 {statistics.median(latencies):.1f} "
            f"ms, p99 {p99:.1f} ms, max {latencies[-1]:.0f} ms, failures {len(self.failures)}, "
            f"statuses {dict(sorted(self.statuses.items()))}"
        )


def _collect(body: Any, versions: list[str], thresholds: list[float]) -> None:
    """Gather every ``model_version`` and ``threshold`` found in a JSON body."""
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "model_version":
                versions.append(str(value))
            elif key == "threshold" and isinstance(value, float):
                thresholds.append(value)
            else:
                _collect(value, versions, thresholds)
    elif isinstance(body, list):
        for item in body:
            _collect(item, versions, thresholds)


def _send(http: requests.Session, base: str, call: Call, client: int) -> Answer:
    """Send one call and describe its answer (a body cut short counts as no answer)."""
    started = time.monotonic()
    try:
        response = http.request(call.method, base + call.path, json=call.body, timeout=30)
        response.content  # noqa: B018 (read the whole body now)
        length = response.headers.get("Content-Length")  # of the bytes sent (compressed)
        if length is not None and int(length) != response.raw.tell():  # urllib3 1.26 lets
            raise requests.ConnectionError("body cut short")  # a truncated body through
    except requests.RequestException as exc:
        latency = (time.monotonic() - started) * 1000
        return Answer(client, call, CONNECTION_ERROR, (), (), started, latency, str(exc)[:200])
    latency = (time.monotonic() - started) * 1000
    versions: list[str] = []
    thresholds: list[float] = []
    if response.headers.get("Content-Type", "").startswith("application/json"):
        _collect(response.json(), versions, thresholds)
    return Answer(
        client, call, response.status_code, tuple(versions), tuple(thresholds), started, latency
    )


def run_load(
    server: Server,
    calls: list[Call],
    clients: int,
    seconds: float,
    stop: threading.Event | None = None,
) -> LoadResult:
    """Send ``calls`` in turn from ``clients`` threads for ``seconds`` (or until ``stop``)."""
    base = f"http://127.0.0.1:{server.port}/api/v1/"
    headers = {"X-API-Key": server.api_key}
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    stop = stop or threading.Event()

    def client_loop(client: int) -> None:
        mine: list[Answer] = []
        with requests.Session() as http:
            http.headers.update(headers)
            k = client
            while time.monotonic() < deadline and not stop.is_set():
                mine.append(_send(http, base, calls[k % len(calls)], client))
                k += 1
        with lock:
            result.answers.extend(mine)

    threads = [threading.Thread(target=client_loop, args=(k,)) for k in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    result.seconds = time.monotonic() - began
    return result


def load_while(
    server: Server,
    calls: list[Call],
    clients: int,
    seconds: float,
    action: Callable[[], object],
    after_seconds: float,
) -> LoadResult:
    """Run the load in the background and call ``action()`` after ``after_seconds``."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(run_load, server, calls, clients, seconds)
        time.sleep(after_seconds)
        action()
        return running.result()


def audit_counts(database_path: Path) -> Counter[str]:
    """Return the audit rows per action of a server's database."""
    with closing(sqlite3.connect(database_path, timeout=10)) as connection:
        rows = connection.execute("SELECT action, COUNT(*) FROM audit_events GROUP BY action")
        return Counter(dict(rows.fetchall()))


def mixed_calls(client_ids: list[int]) -> list[Call]:
    """Return the load's mix: stored score, explanation, a what-if of three records."""
    calls = []
    for client_id in client_ids:
        calls.append(Call("GET", f"clients/{client_id}/score", action="clients.score"))
        calls.append(
            Call("GET", f"clients/{client_id}/explanation?top=5", action="clients.explanation")
        )
    batch = [{"SK_ID_CURR": i, "AMT_CREDIT": 300000.0} for i in client_ids[:3]]
    calls.append(
        Call("POST", "score", {"applications": batch}, action="score.what_if", rows=len(batch))
    )
    return calls
