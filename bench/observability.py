"""Per-request cost of request ids, metrics and JSON log lines, in-process, against without them.

Usage: python bench/observability.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
One server (API only, advisor key, rate limit raised, access log on as in production but sent
to a null stream) serves ``GET clients/<id>/score`` through Flask's test client in three
variants built in the same process: without the request-id and metrics hooks, with request ids
only, with both. Rounds are interleaved (each variant in each position in turn); the figures
are the minimum and the median over rounds of the CPU time per request. A child process
repeats it in prometheus_client's multiprocess mode (mmap files, as under gunicorn). Last,
the cost of formatting one access line, JSON against text.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring_api.security.roles import Role  # noqa: E402
from scoring_api.urls import API_PREFIX  # noqa: E402

VARIANTS = ("without", "request id", "request id + metrics")
STRIPPED = {
    "without": {"_assign_request_id", "_send_request_id", "record_request"},
    "request id": {"record_request"},
    "request id + metrics": set(),
}


def _build(variant: str, data_dir: Path, artifacts_dir: Path, db: Path) -> tuple[object, str]:
    """Return a test client of one variant and an advisor key."""
    from scoring_api.factory import create_app  # noqa: PLC0415 (after the multiprocess variable)
    from scoring_api.observability.metrics import METRICS_KEY  # noqa: PLC0415
    from scoring_api.security.keys import create_api_key  # noqa: PLC0415
    from scoring_api.security.state import get_state  # noqa: PLC0415

    app = create_app(
        {
            "app_env": "test",
            "dashboard": False,
            "data_dir": data_dir,
            "artifacts_dir": artifacts_dir,
            "database_url": f"sqlite:///{db}",
            "ratelimit_default": "100000000 per minute",
        }
    )
    for hooks in (app.before_request_funcs, app.after_request_funcs):
        hooks[None] = [f for f in hooks[None] if f.__name__ not in STRIPPED[variant]]
    if "record_request" in STRIPPED[variant]:
        app.extensions.pop(METRICS_KEY)
    state = get_state(app)
    with state.database.session() as session:
        key = create_api_key(session, state.api_key_secret(session), "bench", Role.ADVISOR).token
    return app.test_client(), key


def measure(data_dir: Path, artifacts_dir: Path, n_requests: int, rounds: int) -> dict:
    """Return the CPU microseconds per request of each variant (min, median over rounds)."""
    from scoring_api.context import STORE_KEY  # noqa: PLC0415

    handler = logging.StreamHandler(io.StringIO())  # the access log is on, written nowhere
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    tmp = Path(tempfile.mkdtemp(prefix="bench-obs-"))
    clients = {}
    for k, variant in enumerate(VARIANTS):
        client, key = _build(variant, data_dir, artifacts_dir, tmp / f"{k}.sqlite3")
        ids = client.application.extensions[STORE_KEY].live().client_ids
        urls = [f"{API_PREFIX}/clients/{int(i)}/score" for i in ids[:50]]
        clients[variant] = (client, {"X-API-Key": key}, urls)
    samples: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    order = list(VARIANTS)
    for _ in range(rounds):
        order = order[1:] + order[:1]  # each variant in each position in turn
        for variant in order:
            client, headers, urls = clients[variant]
            handler.stream.seek(0)
            handler.stream.truncate()
            started = time.process_time()
            for k in range(n_requests):
                client.get(urls[k % len(urls)], headers=headers)
            samples[variant].append((time.process_time() - started) / n_requests * 1e6)
    figures = {
        variant: {"min": min(values), "median": statistics.median(values)}
        for variant, values in samples.items()
    }
    client, headers, urls = clients["request id + metrics"]
    figures["hooks"] = hook_costs(client.application, urls[0], headers)
    return figures


def hook_costs(app: object, url: str, headers: dict) -> dict:
    """Return the microseconds of each hook alone, in a request context (min of repeats)."""
    from flask import Response  # noqa: PLC0415

    from scoring_api.observability.metrics import observe_served_scores  # noqa: PLC0415

    hooks = {
        f.__name__: f for funcs in (app.before_request_funcs, app.after_request_funcs)
        for f in funcs[None]
    }  # fmt: skip
    response = Response("{}", mimetype="application/json")
    served = [{"probability": 0.08, "score": 640.0}]
    calls = {
        "request id (both hooks)": lambda: (
            hooks["_assign_request_id"](),
            hooks["_send_request_id"](response),
        ),
        "metrics: request counted": lambda: hooks["record_request"](response),
        "metrics: one score observed": lambda: observe_served_scores(served),
    }
    number = 5000
    with app.test_request_context(url, headers=headers):
        hooks["_assign_request_id"]()
        return {
            name: min(timeit.repeat(call, number=number, repeat=7)) / number * 1e6
            for name, call in calls.items()
        }


def format_cost(n_records: int = 20000) -> dict:
    """Return the microseconds to format one access line, JSON and text."""
    from scoring_api.observability.log_format import JsonFormatter, TextFormatter  # noqa: PLC0415

    record = logging.LogRecord(
        "scoring_api.access", logging.INFO, __file__, 1, "%s %s %s %.1fms client=%s", None, None
    )
    record.args = ("GET", f"{API_PREFIX}/clients/<int:client_id>/score", 200, 1.2, "ref:0123abcd")
    record.__dict__.update(
        method="GET", route=f"{API_PREFIX}/clients/<int:client_id>/score", status=200,
        duration_ms=1.2, client_ref="ref:0123abcd", request_id="0123456789abcdef",
    )  # fmt: skip
    out = {}
    for name, formatter in (("json", JsonFormatter()), ("text", TextFormatter())):
        started = time.perf_counter()
        for _ in range(n_records):
            formatter.format(record)
        out[name] = (time.perf_counter() - started) / n_records * 1e6
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the per-request cost of each variant, single-process and multiprocess."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data/demo"))
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--requests", type=int, default=200, help="per round and variant")
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # multiprocess mode: print the figures as JSON for the parent
        print(json.dumps(measure(args.data_dir, args.artifacts_dir, args.requests, args.rounds)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-metrics-") as folder:
        env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": folder}
        child = [sys.executable, __file__, "--child", *(argv or sys.argv[1:])]
        done = subprocess.run(child, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    multi = json.loads(done.stdout.strip().splitlines()[-1])
    single = measure(args.data_dir, args.artifacts_dir, args.requests, args.rounds)
    print(f"GET clients/<id>/score, {args.requests} requests x {args.rounds} rounds, CPU time")
    print(f"{'variant':<22} {'mode':<13} {'min us':>7} {'ratio':>6} {'median us':>10} {'ratio':>6}")
    for mode, figures in (("single", single), ("multiprocess", multi)):
        base = figures["without"]
        for variant in VARIANTS:
            low, mid = figures[variant]["min"], figures[variant]["median"]
            print(
                f"{variant:<22} {mode:<13} {low:>7.0f} {low / base['min']:>6.3f}"
                f" {mid:>10.0f} {mid / base['median']:>6.3f}"
            )
    for mode, figures in (("single", single), ("multiprocess", multi)):
        hooks = ", ".join(f"{name} {us:.1f} us" for name, us in figures["hooks"].items())
        print(f"hooks alone, {mode}: {hooks}")
    costs = format_cost()
    print(f"one access line formatted: JSON {costs['json']:.1f} us, text {costs['text']:.1f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
