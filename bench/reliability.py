"""Reliability under heavier load: model switches, killed workers and a soak, against a baseline.

Usage: python bench/reliability.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
       [--seconds 60] [--clients 32] [--switch-every 5] [--kill-every 10] [--soak-seconds 300]

Each run starts its own gunicorn server (2 workers, 4 threads each, on a copy of the bundles
and its own SQLite file) and sends the mixed load of tests/reliability (stored score,
explanation, a three-record what-if) from ``--clients`` keep-alive client threads:

- baseline: the load alone;
- switches: a new bundle (a copy with its own version and threshold) made live every
  ``--switch-every`` seconds; counts failures, answers mixing versions or thresholds, and
  clients that saw an older version after a newer one;
- kills: one worker SIGKILLed every ``--kill-every`` seconds; counts failures (only in-flight
  requests of the killed worker may fail) and the time until a new worker runs;
- soak: the load for ``--soak-seconds`` with the workers' RSS sampled every 10 s.

Each run ends with a graceful stop, then compares the audit rows written with the answers.
Figures print as one line per run with the ratio of requests/s to the baseline.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model_training.bundle import SCORES, current_version, open_bundle, set_current  # noqa: E402
from tests.reliability.load import (  # noqa: E402
    CONNECTION_ERROR,
    LoadResult,
    audit_counts,
    mixed_calls,
    run_load,
)
from tests.reliability.server import (  # noqa: E402
    Server,
    bundle_threshold,
    clone_bundle,
    serve,
    wait_until,
)

MIB = 1024 * 1024
RSS_EVERY_SECONDS = 10.0
N_IDS = 20  # clients spread over the bundle: 41 calls, one in 41 a three-record what-if


def every(seconds: float, stop: threading.Event, action: Callable[[int], None]) -> None:
    """Call ``action(k)`` every ``seconds`` until ``stop`` is set."""
    k = 0
    while not stop.wait(seconds):
        action(k)
        k += 1


def with_background(
    server: Server, args: argparse.Namespace, seconds: float, period: float, action: Callable
) -> LoadResult:
    """Run the load for ``seconds`` while ``action(k)`` runs every ``period`` seconds."""
    stop = threading.Event()
    thread = threading.Thread(target=every, args=(period, stop, action))
    thread.start()
    try:
        return run_load(server, mixed_calls(args.ids), args.clients, seconds)
    finally:
        stop.set()
        thread.join()


def switch_checks(result: LoadResult, thresholds: dict[str, float], order: list[str]) -> str:
    """Return the counts of mixed answers and of clients that went back to an older version."""
    mixed = sum(
        1
        for a in result.answers
        if a.status == 200
        and (len(set(a.versions)) != 1 or set(a.thresholds) - {thresholds[a.versions[0]]})
    )
    backwards = 0
    for answers in result.by_client().values():
        ranks = [order.index(a.versions[0]) for a in answers if a.status == 200]
        backwards += any(later < earlier for earlier, later in pairwise(ranks))
    versions = len({a.versions[0] for a in result.answers if a.status == 200})
    return f"mixed answers {mixed}, clients gone back {backwards}, versions seen {versions}"


def run_switches(server: Server, args: argparse.Namespace) -> tuple[LoadResult, str]:
    """Load while a new bundle goes live every ``--switch-every`` seconds."""
    first = str(current_version(server.artifacts_dir))
    order, thresholds = [first], {first: bundle_threshold(server.artifacts_dir, first)}

    def switch(k: int) -> None:
        version = f"{first}-switch{k:03d}"
        clone_bundle(server.artifacts_dir, version, threshold_shift=0.001)
        thresholds[version] = bundle_threshold(server.artifacts_dir, version)
        order.append(version)
        set_current(server.artifacts_dir, version)

    result = with_background(server, args, args.seconds, args.switch_every, switch)
    return result, f"{len(order) - 1} switches, " + switch_checks(result, thresholds, order)


def run_kills(server: Server, args: argparse.Namespace) -> tuple[LoadResult, str]:
    """Load while one worker is SIGKILLed every ``--kill-every`` seconds."""
    respawns: list[float] = []

    def kill(_k: int) -> None:
        victim = server.workers()[0]
        killed_at = time.monotonic()
        victim.send_signal(signal.SIGKILL)

        def is_replaced() -> bool:
            pids = {w.pid for w in server.workers()}
            return len(pids) == 2 and victim.pid not in pids

        if wait_until(is_replaced, 60, server):
            respawns.append(time.monotonic() - killed_at)

    result = with_background(server, args, args.seconds, args.kill_every, kill)
    failed = Counter(a.status for a in result.failures)
    worst = max(respawns, default=float("nan"))
    note = (
        f"{len(respawns)} kills, failures by status {dict(failed)} "
        f"(connection errors allowed: {len(respawns) * args.clients} at most), "
        f"new worker running after {worst:.1f} s at worst"
    )
    return result, note


def run_soak(server: Server, args: argparse.Namespace) -> tuple[LoadResult, str]:
    """Load for ``--soak-seconds`` while sampling the workers' resident memory."""
    samples: list[tuple[float, float]] = []
    began = time.monotonic()

    def sample(_k: int) -> None:
        rss = sum(w.memory_info().rss for w in server.workers()) / MIB
        samples.append((time.monotonic() - began, rss))

    sample(0)
    result = with_background(server, args, args.soak_seconds, RSS_EVERY_SECONDS, sample)
    series = ", ".join(f"{t:.0f}s {rss:.0f}" for t, rss in samples[:: max(len(samples) // 6, 1)])
    growth = samples[-1][1] - samples[1][1] if len(samples) > 2 else float("nan")
    note = f"workers' RSS MiB: {series}; last - first under load {growth:+.0f} MiB"
    return result, note


def audit_verdict(result: LoadResult, database: Path) -> str:
    """Compare audit rows written with the answered calls (in-flight ones may add theirs)."""
    answered: Counter[str] = Counter()
    in_flight: Counter[str] = Counter()
    for a in result.answers:
        if a.call.action is not None and a.status == 200:
            answered[a.call.action] += a.call.rows
        elif a.call.action is not None and a.status == CONNECTION_ERROR:
            in_flight[a.call.action] += a.call.rows
    written = audit_counts(database)
    parts = []
    for action in sorted(answered):
        low, high = answered[action], answered[action] + in_flight[action]
        verdict = "ok" if low <= written[action] <= high else "MISMATCH"
        parts.append(f"{action} {written[action]} for {low} answered ({verdict})")
    return "audit rows: " + ", ".join(parts)


RUNS: dict[str, tuple[Callable | None, dict[str, str]]] = {
    "baseline": (None, {}),
    "switches": (run_switches, {}),
    "kills": (run_kills, {"AUDIT_FLUSH_SECONDS": "0"}),
    "soak": (run_soak, {}),
}


def main() -> None:
    """Run each reliability scenario on its own server and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data/demo"))
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--switch-every", type=float, default=5.0)
    parser.add_argument("--kill-every", type=float, default=10.0)
    parser.add_argument("--soak-seconds", type=float, default=300.0)
    parser.add_argument(
        "--runs", default=",".join(RUNS), help="comma-separated: " + ", ".join(RUNS)
    )
    args = parser.parse_args()
    scores = open_bundle(args.artifacts_dir).table(SCORES, ["SK_ID_CURR"])
    args.ids = [int(i) for i in scores["SK_ID_CURR"].iloc[:: max(len(scores) // N_IDS, 1)]][:N_IDS]
    baseline = None
    for name in args.runs.split(","):
        scenario, env = RUNS[name]
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-reliability-{name}-"))
        with serve(args.data_dir, workdir, env, artifacts_dir=args.artifacts_dir) as server:
            if scenario is None:
                result = run_load(server, mixed_calls(args.ids), args.clients, args.seconds)
                note = ""
            else:
                result, note = scenario(server, args)
        per_second = len(result.answers) / result.seconds
        baseline = baseline or per_second
        print(result.figures(f"{name} ({args.clients} clients)"))
        print(f"  ratio to baseline {per_second / baseline:.2f}; {note}".rstrip("; "))
        print("  " + audit_verdict(result, server.database_path))
        print(f"  server log: {server.log_path}")


if __name__ == "__main__":
    main()
