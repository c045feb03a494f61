"""Benchmark: `validate` (DuckDB, checks, Parquet copy) against pandas.read_csv, same dtypes.

Usage: python bench/ingest.py [DATA_DIR] [--max-problems N]

Each side runs in its own child process, so each peak RSS is measured alone
(resource.getrusage in the child). pandas reads every table with the schema's dtypes and
drops it before the next (its peak is the largest table), which favours pandas. Targets on
the 2-core machine: validate at least 3x faster, at most half pandas' peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model_training.data.loader.sources import find_sources  # noqa: E402
from model_training.data.schema import table  # noqa: E402

PANDAS_DTYPES = {"int": "int64", "float": "float64", "str": "str"}
TARGET_SPEEDUP = 3.0
TARGET_MEMORY_RATIO = 0.5


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_validate(data_dir: Path) -> dict:
    """Validate the directory (the loader under test); return rows, seconds, peak MB."""
    from model_training.data.loader import validate_data_dir  # noqa: PLC0415

    started = time.perf_counter()
    report = validate_data_dir(data_dir, show_progress=False)
    seconds = time.perf_counter() - started
    return {"rows": sum(report.n_rows.values()), "seconds": seconds, "peak_mb": _peak_mb()}


def run_pandas(data_dir: Path) -> dict:
    """Read every table with pandas and the schema's dtypes; return rows, seconds, peak MB."""
    import pandas as pd  # noqa: PLC0415

    sources, _ = find_sources(data_dir)
    started = time.perf_counter()
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
    return {"rows": n_rows, "seconds": seconds, "peak_mb": _peak_mb()}


def run_child(side: str, data_dir: Path) -> dict:
    """Run one side in a fresh interpreter and return its measures."""
    completed = subprocess.run(
        [sys.executable, __file__, str(data_dir), "--child", side],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    """Time both sides on the same data and print absolute figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="data/full", type=Path)
    parser.add_argument("--child", choices=("validate", "pandas"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        runner = run_validate if args.child == "validate" else run_pandas
        print(json.dumps(runner(args.data_dir)))
        return 0
    results = {side: run_child(side, args.data_dir) for side in ("validate", "pandas")}
    print(f"data: {args.data_dir} ({results['validate']['rows']:,} rows)")
    print(f"{'':10} {'seconds':>9} {'rows/s':>12} {'peak MB':>9}")
    for side, r in results.items():
        rate = r["rows"] / r["seconds"]
        print(f"{side:10} {r['seconds']:9.2f} {rate:12,.0f} {r['peak_mb']:9.0f}")
    speedup = results["pandas"]["seconds"] / results["validate"]["seconds"]
    memory = results["validate"]["peak_mb"] / results["pandas"]["peak_mb"]
    print(f"speed-up (pandas s / validate s): {speedup:.2f} (target >= {TARGET_SPEEDUP})")
    print(f"memory ratio (validate / pandas peak): {memory:.2f} (target <= {TARGET_MEMORY_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
