"""Benchmark the API under gunicorn: requests/s and p50/p99, against a bare Flask route.

Usage: python bench/api.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
Both servers run with 2 workers on 127.0.0.1 (free ports); the load comes from a second
process (threads with keep-alive connections), bounded in time. Targets (2 cores): score
>= 1,000 requests/s with p99 < 20 ms; explanation >= 300 requests/s; no error.
Besides throughput and latency it prints the workers' CPU time per request (from /proc: it
holds on a busy shared machine where requests/s do not), and checks after a graceful stop
that every audited answer has its audit row.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model_training.bundle import SCORES, open_bundle  # noqa: E402
from scoring_api.security.roles import Role  # noqa: E402
from scoring_api.urls import API_PREFIX  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server on port {port} not ready after {seconds} s")


def _load(
    port: int,
    method: str,
    paths: list[str],
    body: str | None,
    headers: dict,
    seconds: float,
    threads: int,
) -> dict:
    """Send requests from ``threads`` keep-alive connections for ``seconds``."""
    latencies: list[float] = []
    errors: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad, i = [], Counter(), k
        while time.monotonic() < deadline:
            t = time.perf_counter()
            conn.request(method, paths[i % len(paths)], body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - t) * 1000)
            if response.status >= 400:
                bad[response.status] += 1
            i += threads
        with lock:
            latencies.extend(mine)
            errors.update(bad)

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p99": latencies[int(0.99 * (len(latencies) - 1))],
        "errors": sum(errors.values()),
        "statuses": dict(errors),
    }


def _cpu_seconds(master_pid: int) -> float:
    """Return the CPU time (user + system) used so far by a gunicorn master's workers."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master_pid:  # fields[1] is the parent pid
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _audit_counts(database: Path) -> dict[str, int]:
    """Return the audit rows per action written to the benchmark's database."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT action, COUNT(*) FROM audit_events GROUP BY action")
        return dict(rows.fetchall())


def _cases(api_port: int, ceiling_port: int, ids: list[int]) -> dict[str, tuple]:
    """Return each case: port, method, paths, body and the audit rows one success adds."""
    record = [{"SK_ID_CURR": i, "AMT_CREDIT": 300000.0} for i in ids[:100]]
    return {
        "ceiling GET /ping": (ceiling_port, "GET", ["/ping"], None, None, 0),
        "GET clients/<id>/score": (
            api_port,
            "GET",
            [f"{API_PREFIX}/clients/{i}/score" for i in ids],
            None,
            "clients.score",
            1,
        ),
        "GET clients/<id>/explanation": (
            api_port,
            "GET",
            [f"{API_PREFIX}/clients/{i}/explanation" for i in ids],
            None,
            "clients.explanation",
            1,
        ),
        "POST score, 1 record": (
            api_port,
            "POST",
            [f"{API_PREFIX}/score"],
            json.dumps({"applications": record[:1]}),
            "score.what_if",
            1,
        ),
        "POST score, 100 records": (
            api_port,
            "POST",
            [f"{API_PREFIX}/score"],
            json.dumps({"applications": record}),
            "score.what_if",
            len(record),
        ),
    }


def main() -> None:
    """Start both servers, load each route in turn, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/demo")
    parser.add_argument("--artifacts-dir", default="data/artifacts")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds of load before each measured case"
    )
    parser.add_argument(
        "--cases",
        default="",
        help="run only the cases whose name holds this text (and the ceiling)",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        help="servers' LOG_LEVEL (info: the API writes its access log, as in production)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-api-"))
    database = workdir / "accounts.sqlite3"
    env = {
        **os.environ,
        "APP_ENV": "demo",
        "DATABASE_URL": f"sqlite:///{database}",
        "DATA_DIR": args.data_dir,
        "ARTIFACTS_DIR": args.artifacts_dir,
        "RATELIMIT_DEFAULT": "100000000 per minute",
        "RATELIMIT_SCORE_COST": "1000000000 per minute",  # rows scored: no budget in the way
        "LOG_LEVEL": args.log_level,
        "WEB_CONCURRENCY": "2",
    }
    key = (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "scoring_api",
                "keys",
                "create",
                "--name",
                "bench",
                "--role",
                Role.ADVISOR,
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    api_port, ceiling_port = _free_port(), _free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    logs = {name: (workdir / f"{name}.log").open("w") for name in ("api", "ceiling")}
    servers = [
        subprocess.Popen(
            [*gunicorn, "app:server"],
            env={**env, "PORT": str(api_port)},
            cwd=ROOT,
            stderr=logs["api"],
        ),
        subprocess.Popen(
            [*gunicorn, "--chdir", "bench", "ceiling_app:server"],
            env={**env, "PORT": str(ceiling_port)},
            cwd=ROOT,
            stderr=logs["ceiling"],
        ),
    ]
    results = {}
    expected: Counter[str] = Counter()
    try:
        _wait_ready(api_port, f"{API_PREFIX}/health/ready")
        _wait_ready(ceiling_port, "/ping")
        scores = open_bundle(Path(args.artifacts_dir)).table(SCORES, ["SK_ID_CURR"])
        ids = scores["SK_ID_CURR"].head(500)
        auth = {"X-API-Key": key, "Content-Type": "application/json"}
        cases = _cases(api_port, ceiling_port, [int(i) for i in ids])
        with ProcessPoolExecutor(max_workers=1) as loader:
            for name, (port, method, paths, body, action, rows) in cases.items():
                if port == api_port and args.cases not in name:
                    continue
                if args.warmup > 0:  # every worker past its first requests (bundle load)
                    warm = loader.submit(
                        _load, port, method, paths, body, auth, args.warmup, args.threads
                    ).result()
                    if action is not None:
                        expected[action] += rows * (warm["requests"] - warm["errors"])
                master = servers[0 if port == api_port else 1].pid
                cpu_before = _cpu_seconds(master)
                results[name] = r = loader.submit(
                    _load, port, method, paths, body, auth, args.seconds, args.threads
                ).result()
                r["cpu_ms"] = (_cpu_seconds(master) - cpu_before) * 1000 / max(r["requests"], 1)
                if action is not None:
                    expected[action] += rows * (r["requests"] - r["errors"])
    finally:
        for server in servers:
            server.terminate()  # SIGTERM: a graceful stop, as on a deploy
        for server in servers:
            server.wait(timeout=30)
        for log in logs.values():
            log.close()
    ceiling = results["ceiling GET /ping"]["per_second"]
    for name, r in results.items():
        print(
            f"{name:<30} {r['per_second']:8.0f} req/s  p50 {r['p50']:6.1f} ms  "
            f"p99 {r['p99']:6.1f} ms  errors {r['errors']} {r['statuses'] or ''}  "
            f"ratio {r['per_second'] / ceiling:.2f}  server CPU {r['cpu_ms']:.2f} ms/request"
        )
    written = _audit_counts(database)
    for action, count in sorted(expected.items()):
        verdict = "ok" if written.get(action, 0) == count else "MISMATCH"
        print(f"audit {action}: {written.get(action, 0)} rows for {count} answers ({verdict})")
    print(f"server logs: {workdir}")


if __name__ == "__main__":
    main()
