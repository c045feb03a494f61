"""Benchmark: features and batch scoring on DuckDB (local) and on Spark local[2], side by side.

Usage: python bench/spark.py --scale tenth=DIR --scale full=DIR [--artifacts-dir A] [--out O]
(each DIR holds validated/; run under ``flock /tmp/heavy.lock``).

Each step runs in its own child process; the parent samples the resident memory of the child's
whole process tree (the Python driver, Spark's JVM and its Python workers) every 0.2 s and
keeps the peak. Features are written into O/<scale>-<engine>/ (validated/ linked, never
copied or modified); both stores are then compared column by column. Scoring uses the live
bundle of ARTIFACTS_DIR on the DuckDB-built features, locally and on Spark, and compares the
probabilities.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pyarrow as pa
import pyarrow.parquet as pq
from measure import tree_rss

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE_SECONDS = 0.2
ENGINES = {"features": ("duckdb", "spark"), "score": ("local", "spark")}


def run_measured(arguments: list[str]) -> dict:
    """Run a child; return its JSON line with its wall time and its tree's peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", *arguments],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    process, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        peak = max(peak, tree_rss(process))
        time.sleep(SAMPLE_SECONDS)
    output = child.stdout.read() if child.stdout else ""
    if child.returncode:
        raise RuntimeError(f"{arguments} failed ({child.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    return {**result, "wall": time.perf_counter() - started, "peak_gib": peak / 2**30}


def child_features(data_dir: Path, engine: str) -> dict:
    """Build the features of DATA_DIR on ``engine``; return rows and the run's seconds."""
    from model_training.features import build_features  # noqa: PLC0415

    report = build_features(data_dir, show_progress=False, engine=engine)
    return {"rows": report.n_rows, "features": report.n_features, "seconds": report.seconds}


def child_score(data_dir: Path, engine: str, artifacts_dir: Path, out: Path) -> dict:
    """Score every client of DATA_DIR/features on ``engine``; return rows and seconds."""
    from model_training.score import write_client_scores  # noqa: PLC0415

    started = time.perf_counter()
    _, n_rows = write_client_scores(data_dir, artifacts_dir, out, engine)
    return {"rows": n_rows, "seconds": time.perf_counter() - started}


def working_dir(out: Path, scale: str, engine: str, source: Path) -> Path:
    """Return O/<scale>-<engine>/ with validated/ linked to the source's (read only)."""
    folder = out / f"{scale}-{engine}"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "validated"
    if not link.exists():
        link.symlink_to((source / "validated").resolve())
    return folder


def compare_features(left: Path, right: Path) -> str:
    """Compare two feature files column by column; return a one-line verdict."""
    a, b = pq.ParquetFile(left), pq.ParquetFile(right)
    names = a.schema_arrow.names
    if names != b.schema_arrow.names or a.metadata.num_rows != b.metadata.num_rows:
        return "DIFFERENT columns or rows"
    worst = 0.0
    for name in names:
        x, y = pq.read_table(left, columns=[name])[0], pq.read_table(right, columns=[name])[0]
        if x.type != y.type:
            return f"DIFFERENT type of {name}: {x.type} / {y.type}"
        if pa.types.is_floating(x.type):
            u, v = x.to_numpy(zero_copy_only=False), y.to_numpy(zero_copy_only=False)
            if not np.array_equal(np.isnan(u), np.isnan(v)):
                return f"DIFFERENT missing values in {name}"
            known = ~np.isnan(u)
            scale = np.maximum(np.abs(u[known]), 1.0)
            worst = max(worst, float(np.max(np.abs(u[known] - v[known]) / scale, initial=0.0)))
        elif x.to_pylist() != y.to_pylist():
            return f"DIFFERENT values in {name}"
    return f"equal ({len(names)} columns; largest relative float difference {worst:.1e})"


def _report(scale: str, name: str, run: dict) -> dict:
    """Print one finished run as a table row (at once: a long run's figures are kept); return it."""
    print(
        f"| {scale} ({run['rows']:,} clients) | {name} | {run['seconds']:.1f} s | "
        f"{run['wall']:.1f} s | {run['peak_gib']:.2f} GiB |",
        flush=True,
    )
    return run


def main() -> int:
    """Run every step on every scale, print the table rows and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="append", default=[], help="NAME=DATA_DIR")
    parser.add_argument("--artifacts-dir", type=Path, default=ROOT / "bench/out/artifacts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/out/spark")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, data_dir, engine, *rest = args.child
        if step == "features":
            print(json.dumps(child_features(Path(data_dir), engine)))
        else:
            print(json.dumps(child_score(Path(data_dir), engine, Path(rest[0]), Path(rest[1]))))
        return 0
    print(f"load average {os.getloadavg()[0]:.1f}; bundle {args.artifacts_dir}", flush=True)
    for spec in args.scale:
        scale, source = spec.split("=", 1)
        runs = {}
        for engine in ENGINES["features"]:
            folder = working_dir(args.out, scale, engine, Path(source))
            runs[engine] = _report(scale, engine, run_measured(["features", str(folder), engine]))
        for engine in ENGINES["score"]:
            folder = args.out / f"{scale}-duckdb"
            scores = args.out / f"{scale}-scores-{engine}.parquet"
            command = ["score", str(folder), engine, str(args.artifacts_dir), str(scores)]
            runs[f"score-{engine}"] = _report(scale, f"score-{engine}", run_measured(command))
        for step, (base, other) in (
            ("features", ("duckdb", "spark")),
            ("score", ("score-local", "score-spark")),
        ):
            ratio = runs[other]["wall"] / runs[base]["wall"]
            memory = runs[other]["peak_gib"] / runs[base]["peak_gib"]
            print(f"{scale} {step}: Spark / local wall {ratio:.2f}, peak memory {memory:.2f}")
        stores = [
            args.out / f"{scale}-{e}" / "features/features.parquet" for e in ("duckdb", "spark")
        ]
        print(f"{scale} feature stores: {compare_features(*stores)}")
        local, spark = (
            pq.read_table(args.out / f"{scale}-scores-{e}.parquet").to_pandas()
            for e in ENGINES["score"]
        )
        same = local.equals(spark)
        print(f"{scale} scores: {'identical' if same else 'DIFFERENT'} ({len(local):,} clients)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
