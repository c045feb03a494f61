"""Benchmark the memory gunicorn workers hold for the live bundle: private tables vs mapped.

Usage: flock /tmp/heavy.lock python bench/shared_memory.py \\
    --artifacts-dir bench/out/artifacts [--workers 1 2 4] [--seconds 5]

For each number of workers, the server runs twice in one run: "before" reads the bundle's
tables from Parquet in every worker (BUNDLE_MAPPED_TABLES=false), "after" maps their Arrow
copies (written once by this script before the first server, as the first worker would,
under bench/out/mmap/mapped).
After warm-up requests that touch every table (score, explanation, what-if on clients spread
over the whole table, through every worker) it reads RSS and PSS of each worker from
/proc/<pid>/smaps_rollup, then measures the latency of score, explanation and what-if.
Target (issue 20): the PSS of 4 workers after at most half of before; latency within noise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api import _free_port, _load, _wait_ready  # noqa: E402
from model_training.bundle import SCORES, open_bundle  # noqa: E402
from scoring_api.mapped_tables import ensure_mapped  # noqa: E402
from scoring_api.security.roles import Role  # noqa: E402
from scoring_api.urls import API_PREFIX  # noqa: E402

MODES = {"before": "false", "after": "true"}


def _memory_mb(pid: int) -> dict[str, float]:
    """Return a process's RSS and PSS (and their anonymous and file parts) in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "anon": fields.get("Pss_Anon", fields["Anonymous"]),
        "file": fields.get("Pss_File", 0.0),
    }


def _workers(master: int) -> list[int]:
    """Return the pids of a gunicorn master's workers."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            out.append(int(stat.parent.name))
    return sorted(out)


def _cases(ids: list[int]) -> dict[str, tuple[str, list[str], str | None]]:
    """Return the measured routes: method, paths and body."""
    what_if = [{"SK_ID_CURR": i, "AMT_CREDIT": 300000.0} for i in ids[:1]]
    return {
        "score": ("GET", [f"{API_PREFIX}/clients/{i}/score" for i in ids], None),
        "explanation": ("GET", [f"{API_PREFIX}/clients/{i}/explanation" for i in ids], None),
        "what-if": ("POST", [f"{API_PREFIX}/score"], json.dumps({"applications": what_if})),
    }


def _serve(env: dict[str, str], workers: int, mode: str, log: Path) -> subprocess.Popen:
    """Start gunicorn with ``workers`` workers, its tables mapped or not."""
    env = {**env, "WEB_CONCURRENCY": str(workers), "BUNDLE_MAPPED_TABLES": MODES[mode]}
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"]
    return subprocess.Popen(command, env=env, cwd=ROOT, stderr=log.open("w"))


def _warm(port: int, ids: list[int], auth: dict, threads: int) -> None:
    """Touch every table through every worker: scores, explanations, what-ifs of many clients."""
    for method, paths, _ in _cases(ids).values():
        _load(port, method, paths, None, auth, 2.0, threads)
    body = json.dumps({"applications": [{"SK_ID_CURR": i, "AMT_CREDIT": 3e5} for i in ids[:50]]})
    _load(port, "POST", [f"{API_PREFIX}/score"], body, auth, 2.0, threads)


def _run(env: dict, workers: int, mode: str, ids: list[int], auth: dict, args) -> dict:
    """Serve, warm up, read each worker's memory, then time each route."""
    port = _free_port()
    log = Path(env["BENCH_LOGS"]) / f"{mode}-{workers}.log"
    server = _serve({**env, "PORT": str(port)}, workers, mode, log)
    try:
        _wait_ready(port, f"{API_PREFIX}/health/ready", seconds=600)
        _warm(port, ids, auth, threads=max(4, 2 * workers))
        time.sleep(1)
        memory = [_memory_mb(pid) for pid in _workers(server.pid)]
        latency = {
            name: _load(port, method, paths, body, auth, args.seconds, 1)
            for name, (method, paths, body) in _cases(ids).items()
        }
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"memory": memory, "latency": latency}


def _api_key(env: dict) -> str:
    """Create an advisor API key in the benchmark's database and return it."""
    command = [sys.executable, "-m", "scoring_api", "keys", "create", "--name", "bench"]
    done = subprocess.run(
        [*command, "--role", Role.ADVISOR],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    """Run before and after for each number of workers, print memory and latency ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("bench/out/artifacts"))
    parser.add_argument("--map-dir", type=Path, default=Path("bench/out/mmap/mapped"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=5.0, help="of each latency case")
    parser.add_argument("--clients", type=int, default=2000, help="clients the warm-up touches")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-shared-memory-"))
    env = {
        **os.environ,
        "APP_ENV": "demo",
        "DATABASE_URL": f"sqlite:///{workdir / 'accounts.sqlite3'}",
        "ARTIFACTS_DIR": str(args.artifacts_dir.resolve()),
        "BUNDLE_MAP_DIR": str(args.map_dir.resolve()),
        "DASHBOARD": "false",
        "SHADOW_SCORING": "false",
        "RATELIMIT_DEFAULT": "100000000 per minute",
        "RATELIMIT_SCORE_COST": "1000000000 per minute",
        "LOG_LEVEL": "warning",
        "BENCH_LOGS": str(workdir),
    }
    auth = {"X-API-Key": _api_key(env), "Content-Type": "application/json"}
    bundle = open_bundle(args.artifacts_dir)
    started = time.perf_counter()
    ensure_mapped(args.map_dir.resolve(), bundle)  # once, as the first worker
    print(f"mapped copies ready in {time.perf_counter() - started:.1f} s under {args.map_dir}")
    all_ids = bundle.table(SCORES, ["SK_ID_CURR"])["SK_ID_CURR"]
    step = max(1, len(all_ids) // args.clients)
    ids = [int(i) for i in all_ids.sort_values().to_numpy()[::step]]
    results = {}
    for workers in args.workers:
        for mode in ("after", "before") if workers == args.workers[0] else MODES:
            results[(mode, workers)] = _run(env, workers, mode, ids, auth, args)
    _report(results, args.workers)
    print(f"server logs: {workdir}")


def _report(results: dict, worker_counts: list[int]) -> None:
    """Print memory per worker and in total, latency and the after/before ratios."""
    for workers in worker_counts:
        totals = {}
        for mode in MODES:
            memory = results[(mode, workers)]["memory"]
            totals[mode] = {k: sum(m[k] for m in memory) for k in ("rss", "pss", "anon", "file")}
            each = ", ".join(f"{m['rss']:.0f}/{m['pss']:.0f}" for m in memory)
            t = totals[mode]
            print(
                f"{workers} worker(s) {mode:<6} RSS/PSS per worker (MiB) [{each}]  total RSS "
                f"{t['rss']:.0f}  PSS {t['pss']:.0f} (anon {t['anon']:.0f}, file {t['file']:.0f})"
            )
        ratio = totals["after"]["pss"] / totals["before"]["pss"]
        print(f"{workers} worker(s) total PSS after/before: {ratio:.2f}")
        for name in results[("before", workers)]["latency"]:
            b = results[("before", workers)]["latency"][name]
            a = results[("after", workers)]["latency"][name]
            print(
                f"{workers} worker(s) {name:<12} p50 {b['p50']:.2f} -> {a['p50']:.2f} ms "
                f"(x{a['p50'] / b['p50']:.2f})  p99 {b['p99']:.2f} -> {a['p99']:.2f} ms "
                f"(x{a['p99'] / b['p99']:.2f})  errors {b['errors']}/{a['errors']}"
            )


if __name__ == "__main__":
    main()
