"""A real gunicorn server on 127.0.0.1 and a bounded load generator (tests and bench/reliability).

``start_server`` runs ``python -m gunicorn app:server -c gunicorn.conf.py`` on a free port with
its own copy of a bundle folder and its own SQLite file; ``run_load`` sends requests from
client threads (one keep-alive ``requests.Session`` each) for a bounded time and records, per
answer, the status, the model versions and thresholds the body carries, and the latency.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import requests

from scoring_api.config import Settings
from scoring_api.security.database import Database
from scoring_api.security.keys import create_api_key, digest_secret

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60
CONNECTION_ERROR = -1  # status recorded when no HTTP answer came back


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running gunicorn master with its port, log file, database and artifacts folder."""

    process: subprocess.Popen
    port: int
    log_path: Path
    database_path: Path
    artifacts_dir: Path
    api_key: str

    def url(self, path: str) -> str:
        """Return the absolute URL of an API path (``health/ready``)."""
        return f"http://127.0.0.1:{self.port}/api/v1/{path}"

    def workers(self) -> list[psutil.Process]:
        """Return the live worker processes (children of the master)."""
        return [p for p in psutil.Process(self.process.pid).children() if p.is_running()]

    def log_text(self) -> str:
        """Return what the server wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop gracefully (SIGTERM: workers flush their audit rows), kill after 20 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def copy_artifacts(source: Path, target: Path) -> Path:
    """Copy a bundle folder (with CURRENT) so a server may switch bundles in its own copy."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".tmp-*"))
    return target


def create_key(database_url: str, role: str = "advisor") -> str:
    """Create an API key in a database (test mode: digest secret stored there); return it."""
    settings = Settings.from_env({"app_env": "test", "database_url": database_url}, environ={})
    database = Database(database_url)
    with database.session() as session:
        token = create_api_key(session, digest_secret(settings, session), "reliability", role)
    database.dispose()
    return token.token


def start_server(
    data_dir: Path,
    artifacts_dir: Path,
    workdir: Path,
    env: Mapping[str, str] | None = None,
    workers: int = 2,
    database_path: Path | None = None,
) -> Server:
    """Start gunicorn on a free port and wait until every worker answers (or raise).

    With the default database (``workdir/reliability.sqlite3``) an advisor API key is created
    first and the wait is for health/ready 200; with another ``database_path`` (one that may be
    unreachable) no key is made and the wait is for health/live.
    """
    is_own_database = database_path is None
    database_path = database_path or workdir / "reliability.sqlite3"
    database_url = f"sqlite:///{database_path}"
    api_key = create_key(database_url) if is_own_database else ""
    port = free_port()
    full_env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "APP_ENV": "test",
        "PSEUDONYM_KEY": "r" * 40,
        "DATA_DIR": str(data_dir),
        "ARTIFACTS_DIR": str(artifacts_dir),
        "DATABASE_URL": database_url,
        "RATELIMIT_DEFAULT": "100000000 per minute",
        "BUNDLE_CHECK_SECONDS": "0.2",
        "LOG_LEVEL": "warning",
        **(env or {}),
    }
    log_path = workdir / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log, stderr=log)
    server = Server(process, port, log_path, database_path, artifacts_dir, api_key)
    probe = "health/ready" if is_own_database else "health/live"
    if not wait_until(lambda: _answers(server, probe, workers), START_SECONDS, server):
        server.stop()
        raise RuntimeError(f"gunicorn did not get ready:\n{server.log_text()[-3000:]}")
    return server


@contextmanager
def serve(
    data_dir: Path, workdir: Path, env: Mapping[str, str] | None = None, workers: int = 2
) -> Iterator[Server]:
    """Run a server on a copy of ``data_dir/artifacts`` (switch bundles freely), then stop it."""
    artifacts = copy_artifacts(data_dir / "artifacts", workdir / "artifacts")
    server = start_server(data_dir, artifacts, workdir, env, workers)
    try:
        yield server
    finally:
        server.stop()


def _answers(server: Server, path: str, workers: int) -> bool:
    """Tell whether ``path`` answers 200 and every worker runs."""
    try:
        is_ok = requests.get(server.url(path), timeout=2).status_code == 200
    except requests.RequestException:
        return False
    return is_ok and len(server.workers()) == workers


def wait_until(condition: Callable[[], bool], seconds: float, server: Server | None = None) -> bool:
    """Poll a condition every 0.1 s until it holds (True) or time is up or the server died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.process.poll() is not None:
            return False
        if condition():
            return True
        time.sleep(0.1)
    return False


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
        """Return one line: requests, requests/s, p50/p99 latency, statuses."""
        latencies = sorted(a.latency_ms for a in self.answers)
        if not latencies:
            return f"{label}: no request"
        p99 = latencies[int(0.99 * (len(latencies) - 1))]
        return (
            f"{label}: {len(latencies)} requests in {self.seconds:.1f} s, "
            f"{len(latencies) / self.seconds:.0f} req/s, p50 {statistics.median(latencies):.1f} "
            f"ms, p99 {p99:.1f} ms, failures {len(self.failures)}, "
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
    """Send one call and describe its answer."""
    started = time.monotonic()
    try:
        response = http.request(call.method, base + call.path, json=call.body, timeout=30)
    except requests.RequestException as exc:
        latency = (time.monotonic() - started) * 1000
        return Answer(client, call, CONNECTION_ERROR, (), (), started, latency, type(exc).__name__)
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
    with sqlite3.connect(database_path, timeout=10) as connection:
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


def clone_bundle(artifacts_dir: Path, version: str, threshold_shift: float = 0.01) -> Path:
    """Write a new bundle: a copy of the live one with its own version and threshold.

    The copy is made in a temporary folder and renamed into place (as ``write_bundle`` does);
    CURRENT is not switched. A different threshold lets a test see which bundle answered.
    """
    live = (artifacts_dir / "CURRENT").read_text(encoding="utf-8").strip()
    work = artifacts_dir / f".tmp-{version}"
    shutil.copytree(artifacts_dir / live, work)
    metadata = json.loads((work / "metadata.json").read_text(encoding="utf-8"))
    metadata["version"] = version
    metadata["threshold"] = round(float(metadata["threshold"]) + threshold_shift, 6)
    (work / "metadata.json").write_text(json.dumps(metadata, indent=1), encoding="utf-8")
    os.replace(work, artifacts_dir / version)
    return artifacts_dir / version


def bundle_threshold(artifacts_dir: Path, version: str) -> float:
    """Return the decision threshold a bundle's metadata holds."""
    metadata = json.loads((artifacts_dir / version / "metadata.json").read_text(encoding="utf-8"))
    return float(metadata["threshold"])
