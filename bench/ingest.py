"""Benchmark: `validate` (DuckDB, checks, Parquet copy) against pandas.read_csv, same dtypes.

Usage: python bench/ingest.py [DATA_DIR] [--breakdown]

Each side runs in its own child process, so each peak RSS is measured alone
(resource.getrusage in the child), and CPU seconds (user + system) are shown beside wall
seconds: on a shared machine they tell contention from work. pandas reads every table with
the schema's dtypes and drops it before the next (its peak is the largest table), which
favours pandas. Targets on the 2-core machine: validate at least 3x faster, at most half
pandas' peak memory. ``--breakdown`` adds a child that only parses the CSVs (the loader's
fast pass without writing), to split validate's load step into parse and write.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from measure import cpu_seconds, peak_mb, run_child  # noqa: E402

from model_training.data.loader.sources import find_sources  # noqa: E402
from model_training.data.schema import table  # noqa: E402

PANDAS_DTYPES = {"int": "int64", "float": "float64", "str": "str"}
TARGET_SPEEDUP = 3.0
TARGET_MEMORY_RATIO = 0.5


def run_validate(data_dir: Path) -> dict:
    """Validate the directory (the loader under test); return rows, seconds, peak MB."""
    from model_training.data.loader import validate_data_dir  # noqa: PLC0415

    started, cpu = time.perf_counter(), cpu_seconds()
    report = validate_data_dir(data_dir, show_progress=False)
    seconds = time.perf_counter() - started
    return {
        "rows": sum(report.n_rows.values()),
        "seconds": seconds,
        "cpu": cpu_seconds() - cpu,
        "peak_mb": peak_mb(),
        "steps": report.step_seconds,
    }


def run_parse(data_dir: Path) -> dict:
    """Parse every CSV as the fast pass does (same chunks, threads) without writing it."""
    import os  # noqa: PLC0415
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    from model_training.data.loader import fast_csv  # noqa: PLC0415
    from model_training.data.loader.sources import open_binary  # noqa: PLC0415

    sources, _ = find_sources(data_dir)
    started, cpu = time.perf_counter(), cpu_seconds()
    n_rows = 0
    n_threads = os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        for name, source in sources.items():
            options = fast_csv._options(fast_csv.arrow_schema(table(name)))
            with open_binary(source) as stream:
                pending: deque = deque()
                limit = source.limits.max_line_bytes
                for chunk in fast_csv._chunks(stream, limit):
                    pending.append(pool.submit(fast_csv._parse, chunk, options, [], limit))
                    if len(pending) > n_threads:
                        n_rows += pending.popleft().result().table.num_rows
                n_rows += sum(future.result().table.num_rows for future in pending)
    seconds = time.perf_counter() - started
    return {"rows": n_rows, "seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mb": peak_mb()}


def run_pandas(data_dir: Path) -> dict:
    """Read every table with pandas and the schema's dtypes; return rows, seconds, peak MB."""
    import pandas as pd  # noqa: PLC0415

    sources, _ = find_sources(data_dir)
    started, cpu = time.perf_counter(), cpu_seconds()
    n_rows = 0
    for name, source in sources.items():
        dtypes = {c.name: PANDAS_DTYPES[c.dtype] for c in table(name).columns}
        if source.is_csv:
            frame = pd.read_csv(source.path, dtype=dtypes)
        else:
            frame = pd.read_parquet(source.path).astype(dtypes)
        n_rows += len(frame)
        del frame
    seconds = time.perf_counter() - started
    return {"rows": n_rows, "seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mb": peak_mb()}


RUNNERS = {"validate": run_validate, "pandas": run_pandas, "parse": run_parse}


def main() -> int:
    """Time both sides on the same data and print absolute figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="data/full", type=Path)
    parser.add_argument("--breakdown", action="store_true", help="also time parsing alone")
    parser.add_argument("--child", choices=tuple(RUNNERS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(RUNNERS[args.child](args.data_dir)))
        return 0
    sides = ("validate", "pandas", "parse") if args.breakdown else ("validate", "pandas")
    results = {side: run_child(__file__, side, args.data_dir) for side in sides}
    print(f"data: {args.data_dir} ({results['validate']['rows']:,} rows)")
    print(f"{'':10} {'seconds':>9} {'cpu s':>7} {'rows/s':>12} {'peak MB':>9}")
    for side, r in results.items():
        rate = r["rows"] / r["seconds"]
        print(f"{side:10} {r['seconds']:9.2f} {r['cpu']:7.1f} {rate:12,.0f} {r['peak_mb']:9.0f}")
    steps = results["validate"]["steps"]
    print("validate steps (s): " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))
    if "parse" in results:
        write = steps["load"] - results["parse"]["seconds"]
        print(f"  load = parse {results['parse']['seconds']:.2f} + write and overlap {write:.2f}")
    speedup = results["pandas"]["seconds"] / results["validate"]["seconds"]
    memory = results["validate"]["peak_mb"] / results["pandas"]["peak_mb"]
    print(f"speed-up (pandas s / validate s): {speedup:.2f} (target >= {TARGET_SPEEDUP})")
    print(f"memory ratio (validate / pandas peak): {memory:.2f} (target <= {TARGET_MEMORY_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
