"""Benchmark: `features` (Ibis on embedded DuckDB) against the same aggregations in plain pandas.

Usage: python bench/features.py [DATA_DIR]   (default data/full; DATA_DIR/validated must exist)

Each side runs in its own child process, so each peak RSS is measured alone
(resource.getrusage in the child). The pandas side reads the validated Parquet (only the
columns it needs), computes the application features with the same pandas code path the API
uses, the history aggregates with groupby/agg (the same aggregations, written the way a pandas
notebook would), joins them on SK_ID_CURR and writes one Parquet file. Targets on the 2-core
machine: build_features under 90 s, at least 5x faster than pandas, peak memory under 8 GiB.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 90.0
TARGET_SPEEDUP = 5.0
TARGET_PEAK_GIB = 8.0
Reader = Callable[[str], pd.DataFrame]


from features_pandas import run_pandas  # noqa: E402 (bench/ is on sys.path)
from measure import cpu_seconds, peak_mb, run_child  # noqa: E402


def run_features(data_dir: Path) -> dict:
    """Run build_features (the pipeline under test); return rows, features, seconds, peak MB."""
    from model_training.features import build_features  # noqa: PLC0415

    started = time.perf_counter()
    report = build_features(data_dir, show_progress=False)
    seconds = time.perf_counter() - started
    ids = pd.read_parquet(report.path, columns=["SK_ID_CURR"])["SK_ID_CURR"]
    if not (ids.is_monotonic_increasing and ids.is_unique):
        raise RuntimeError(f"{report.path} is not one row per client sorted by SK_ID_CURR")
    return {
        "rows": report.n_rows,
        "features": report.n_features,
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "cpu": cpu_seconds(),
    }


def main() -> int:
    """Time both sides on the same data and print absolute figures and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="data/full", type=Path)
    parser.add_argument("--child", choices=["features", "pandas"])
    args = parser.parse_args()
    if args.child:
        run = run_features if args.child == "features" else run_pandas
        print(json.dumps(run(args.data_dir)))
        return 0
    ours = run_child(__file__, "features", args.data_dir)
    theirs = run_child(__file__, "pandas", args.data_dir)
    speedup = theirs["seconds"] / ours["seconds"]
    peak_gib = ours["peak_mb"] / 1024
    print(f"data: {args.data_dir} ({ours['rows']:,} clients)")
    for label, side in (
        ("build_features (Ibis/DuckDB)", ours),
        ("pandas groupby baseline", theirs),
    ):
        print(
            f"{label:<29}: {side['seconds']:6.1f} s wall  {side['cpu']:6.1f} s CPU  "
            f"peak {side['peak_mb']:6.0f} MB  {side['features']} features"
        )
    print(
        f"speed-up {speedup:.1f}x wall, {theirs['cpu'] / ours['cpu']:.1f}x CPU "
        f"(target {TARGET_SPEEDUP:.0f}x), memory ratio {ours['peak_mb'] / theirs['peak_mb']:.2f}"
    )
    met = (
        ours["seconds"] < TARGET_SECONDS
        and speedup >= TARGET_SPEEDUP
        and peak_gib < TARGET_PEAK_GIB
    )
    print(
        f"targets (<{TARGET_SECONDS:.0f} s, >={TARGET_SPEEDUP:.0f}x, <{TARGET_PEAK_GIB:.0f} GiB):"
        f" {'met' if met else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
