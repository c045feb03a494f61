"""Benchmark the API under gunicorn: requests/s and p50/p99, against a bare Flask route.

Usage: python bench/api.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
Both servers run with 2 workers on 127.0.0.1 (free ports); the load comes from a second
process (threads with keep-alive connections), bounded in time. Targets (2 cores): score
>= 1,000 requests/s with p99 < 20 ms; explanation >= 300 requests/s; no error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


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
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad, i = [], 0, k
        while time.monotonic() < deadline:
            t = time.perf_counter()
            conn.request(method, paths[i % len(paths)], body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - t) * 1000)
            bad += response.status >= 400
            i += threads
        with lock:
            latencies.extend(mine)
            errors[0] += bad

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
        "errors": errors[0],
    }


def main() -> None:
    """Start both servers, load each route in turn, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data/demo")
    parser.add_argument("--artifacts-dir", default="data/artifacts")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp(prefix="bench-api-")) / "accounts.sqlite3"
    env = {
        **os.environ,
        "APP_ENV": "demo",
        "DATABASE_URL": f"sqlite:///{database}",
        "DATA_DIR": args.data_dir,
        "ARTIFACTS_DIR": args.artifacts_dir,
        "RATELIMIT_DEFAULT": "100000000 per minute",
        "LOG_LEVEL": "warning",
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
                "advisor",
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
    servers = [
        subprocess.Popen([*gunicorn, "app:server"], env={**env, "PORT": str(api_port)}, cwd=ROOT),
        subprocess.Popen(
            [*gunicorn, "--chdir", "bench", "ceiling_app:server"],
            env={**env, "PORT": str(ceiling_port)},
            cwd=ROOT,
        ),
    ]
    try:
        _wait_ready(api_port, "/api/v1/health/ready")
        _wait_ready(ceiling_port, "/ping")
        ids = pd.read_parquet(
            Path(args.artifacts_dir)
            / Path(args.artifacts_dir, "CURRENT").read_text().strip()
            / "scores.parquet"
        )["SK_ID_CURR"].head(500)
        record = [{"SK_ID_CURR": int(i), "AMT_CREDIT": 300000.0} for i in ids[:100]]
        auth = {"X-API-Key": key, "Content-Type": "application/json"}
        cases = {
            "ceiling GET /ping": (ceiling_port, "GET", ["/ping"], None),
            "GET clients/<id>/score": (
                api_port,
                "GET",
                [f"/api/v1/clients/{i}/score" for i in ids],
                None,
            ),
            "GET clients/<id>/explanation": (
                api_port,
                "GET",
                [f"/api/v1/clients/{i}/explanation" for i in ids],
                None,
            ),
            "POST score, 1 record": (
                api_port,
                "POST",
                ["/api/v1/score"],
                json.dumps({"applications": record[:1]}),
            ),
            "POST score, 100 records": (
                api_port,
                "POST",
                ["/api/v1/score"],
                json.dumps({"applications": record}),
            ),
        }
        results = {}
        with ProcessPoolExecutor(max_workers=1) as loader:
            for name, (port, method, paths, body) in cases.items():
                results[name] = loader.submit(
                    _load, port, method, paths, body, auth, args.seconds, args.threads
                ).result()
        ceiling = results["ceiling GET /ping"]["per_second"]
        for name, r in results.items():
            print(
                f"{name:<30} {r['per_second']:8.0f} req/s  p50 {r['p50']:6.1f} ms  "
                f"p99 {r['p99']:6.1f} ms  errors {r['errors']}  "
                f"ratio {r['per_second'] / ceiling:.2f}"
            )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
