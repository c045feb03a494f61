"""Other users' latency under slow clients and a flood of explained batches, against a baseline.

Usage: python bench/hostile.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
       [--seconds 20] [--clients 4] [--trickle-seconds 5] [--flood-loops 8] [--unprotected]

One gunicorn server (gunicorn.conf.py: 2 workers x 4 threads, a copy of the bundles, its own
SQLite file) and, in turn on it, ``--clients`` keep-alive client threads sending the mixed load
of tests/reliability (stored score, explanation, a three-record what-if: the "others"):

- baseline: the load alone;
- 10 and 50 slow clients: connections sending a request's header lines one every
  ``--trickle-seconds`` and never finishing (each reconnects when the server closes it);
- batch flood: ``--flood-loops`` threads, each with its own advisor key, sending 1,000
  explained what-ifs per request in a loop (``MAX_BATCH``), as the hostile test did.

Each run prints the others' p50/p99 and their ratio to the baseline, plus what the attackers
got. ``--unprotected`` runs the same on gunicorn's plain gthread worker without the scoring
budget (the code before issue 15), for a before/after in the same conditions.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model_training.bundle import SCORES, open_bundle  # noqa: E402
from scoring_api.config import Settings  # noqa: E402
from tests.processes import create_key  # noqa: E402
from tests.reliability.load import LoadResult, mixed_calls, run_load  # noqa: E402
from tests.reliability.server import Server, serve  # noqa: E402

N_IDS = 20
FLOOD_ROWS = 1000
TARGET_RATIO = 3.0
# The test server raises every budget; the protected runs put the scoring budget back to its
# default, so the flood meets what production meets (the others' load keeps a high request rate).
PROTECTED_ENV = {"RATELIMIT_SCORE_COST": Settings.ratelimit_score_cost}
UNPROTECTED_ENV = {
    "GUNICORN_CMD_ARGS": "--worker-class gthread",
    "RATELIMIT_SCORE_COST": "1000000000 per minute",
}


def percentiles(result: LoadResult) -> tuple[float, float]:
    """Return the p50 and p99 latency (ms) of the answers."""
    latencies = sorted(a.latency_ms for a in result.answers) or [float("nan")]
    return statistics.median(latencies), latencies[int(0.99 * (len(latencies) - 1))]


def slow_clients(server: Server, n_clients: int, every: float, stop: threading.Event) -> Counter:
    """Keep ``n_clients`` connections sending header lines every ``every`` s; count outcomes."""
    outcomes: Counter[str] = Counter()
    sockets: list[socket.socket | None] = [None] * n_clients
    line = 0
    while not stop.is_set():
        for k in range(n_clients):
            try:
                if sockets[k] is None:
                    sockets[k] = socket.create_connection(("127.0.0.1", server.port), timeout=5)
                    sockets[k].sendall(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n")
                    outcomes["connections"] += 1
                sockets[k].sendall(b"X-Slow-%d: 1\r\n" % line)
            except OSError:
                outcomes["closed by the server"] += 1
                if sockets[k] is not None:
                    sockets[k].close()
                sockets[k] = None
        line += 1
        stop.wait(every)
    for sock in sockets:
        if sock is not None:
            sock.close()
    return outcomes


def flood(server: Server, key: str, ids: list[int], stop: threading.Event) -> Counter:
    """Send 1,000 explained what-ifs per request until ``stop``; count the statuses."""
    batch = [{"SK_ID_CURR": ids[k % len(ids)], "AMT_CREDIT": 250000.0 + k} for k in range(1000)]
    body = {"applications": batch, "explain": True}
    statuses: Counter[str] = Counter()
    with requests.Session() as http:
        http.headers["X-API-Key"] = key
        while not stop.is_set():
            try:
                status = http.post(server.url("score"), json=body, timeout=60).status_code
            except requests.RequestException:
                status = -1
            statuses[str(status)] += 1
            if status == 429:
                stop.wait(1.0)  # a client honouring the refusal a little, not Retry-After
    return statuses


def with_attack(server: Server, args: argparse.Namespace, attack, n: int) -> tuple:
    """Run the others' load while ``n`` attackers run ``attack``; return load and outcomes."""
    stop = threading.Event()
    outcomes: list[Counter] = []
    if attack is slow_clients:
        targets = [lambda: outcomes.append(slow_clients(server, n, args.trickle_seconds, stop))]
    else:
        url = f"sqlite:///{server.database_path}"
        keys = [create_key(url, name=f"flood-{time.monotonic_ns()}-{k}") for k in range(n)]
        targets = [lambda k=k: outcomes.append(flood(server, k, args.ids, stop)) for k in keys]
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    time.sleep(min(args.trickle_seconds, 2.0) + 1.0)  # the attack is under way
    try:
        result = run_load(server, mixed_calls(args.ids), args.clients, args.seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join(90)
    return result, sum(outcomes, Counter())


def main() -> None:
    """Measure the others' latency alone and under each attack, on one server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data/demo"))
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--trickle-seconds", type=float, default=5.0)
    parser.add_argument("--flood-loops", type=int, default=8)
    parser.add_argument("--unprotected", action="store_true")
    args = parser.parse_args()
    scores = open_bundle(args.artifacts_dir).table(SCORES, ["SK_ID_CURR"])
    args.ids = [int(i) for i in scores["SK_ID_CURR"].iloc[:: max(len(scores) // N_IDS, 1)]][:N_IDS]
    env = UNPROTECTED_ENV if args.unprotected else PROTECTED_ENV
    workdir = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    runs = [
        ("baseline", None, 0),
        ("10 slow clients", slow_clients, 10),
        ("50 slow clients", slow_clients, 50),
        (f"batch flood ({args.flood_loops} loops)", flood, args.flood_loops),
    ]
    print(f"{'unprotected (gthread, no budget)' if args.unprotected else 'protected'} server")
    with serve(args.data_dir, workdir, env, artifacts_dir=args.artifacts_dir) as server:
        baseline_p99 = None
        for name, attack, n in runs:
            if attack is None:
                result = run_load(server, mixed_calls(args.ids), args.clients, args.seconds)
                outcomes: Counter = Counter()
            else:
                result, outcomes = with_attack(server, args, attack, n)
            p50, p99 = percentiles(result)
            baseline_p99 = baseline_p99 or p99
            ratio = p99 / baseline_p99
            verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
            print(result.figures(f"{name}: others"))
            print(
                f"  others p50 {p50:.1f} ms, p99 {p99:.1f} ms, p99 ratio to baseline "
                f"{ratio:.2f} (target {TARGET_RATIO:.0f}x: {verdict}); attackers: "
                f"{dict(outcomes) or '-'}"
            )
        print(f"  server log: {server.log_path}")


if __name__ == "__main__":
    main()
