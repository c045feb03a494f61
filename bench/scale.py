"""Benchmark: `synth`, `validate` and `features` at Kaggle's size (1x) and ten times it (10x).

Usage: flock /tmp/heavy.lock python bench/scale.py [--scales 1 10] [--out bench/out/scale]

Each stage runs as its own child process (`python -m model_training ...`): wall time, peak
RSS of the child's process tree (sampled every 0.2 s, and the kernel's maximum for the child
itself), the folder's size at the end of the stage and at its largest during it (Parquet
parts, DuckDB spill files). Generation writes Parquet (`--format parquet`). The children get
LOADER_MAX_INPUT_BYTES=64 GiB: at 10x one Parquet table holds more than the default 2 GiB
uncompressed. Targets (issue 20, section 2) for validate and features at 10x: peak memory
under 12 GiB, wall time within 12x of the 1x run of the same bench run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
from measure import tree_rss

ROOT = Path(__file__).resolve().parents[1]
TARGET_PEAK_GIB = 12.0
TARGET_RATIO = 12.0
STAGES = ("synth", "validate", "features")
SAMPLE_SECONDS = 0.2
ENVIRONMENT = {"LOADER_MAX_INPUT_BYTES": str(64 << 30)}


def folder_bytes(folder: Path) -> int:
    """Return the bytes of every file under ``folder`` (files vanishing meanwhile skipped)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:
            continue
    return total


def stage_command(stage: str, scale: float, folder: Path) -> list[str]:
    """Return the command line of one stage."""
    run = [sys.executable, "-m", "model_training"]
    if stage == "synth":
        return [*run, "synth", "--scale", f"{scale:g}", "--out", str(folder), "--format", "parquet"]
    if stage == "validate":
        return [*run, "validate", "--data-dir", str(folder)]
    return [*run, "features", "--data-dir", str(folder), "--quiet"]


def run_stage(stage: str, scale: float, folder: Path, log: Path) -> dict:
    """Run one stage in a child process; return its wall time, peak memory and disk."""
    env = {**os.environ, **ENVIRONMENT, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    peak_tree = peak_disk = 0
    with log.open("w") as out:
        child = subprocess.Popen(
            stage_command(stage, scale, folder), stdout=out, stderr=subprocess.STDOUT, env=env
        )
        watched = psutil.Process(child.pid)
        samples = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)  # the child's own rusage
            if pid:
                break
            peak_tree = max(peak_tree, tree_rss(watched))
            if samples % 25 == 0 and folder.exists():  # every 5 s: a walk of the folder
                peak_disk = max(peak_disk, folder_bytes(folder))
            samples += 1
            time.sleep(SAMPLE_SECONDS)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"{stage} at {scale:g}x failed: see {log}")
    end_disk = folder_bytes(folder)
    kernel_peak = usage.ru_maxrss * 1024
    return {
        "seconds": seconds,
        "peak_gib": max(peak_tree, kernel_peak) / 2**30,
        "disk_gb": end_disk / 1e9,
        "peak_disk_gb": max(peak_disk, end_disk) / 1e9,
    }


def run_scale(scale: float, out: Path, stages: list[str]) -> dict[str, dict]:
    """Run the stages at one scale into OUT/x<scale>; return each stage's figures."""
    folder = out / f"x{scale:g}"
    if "synth" in stages:
        shutil.rmtree(folder, ignore_errors=True)
    results = {}
    for stage in stages:
        results[stage] = run_stage(stage, scale, folder, out / f"x{scale:g}-{stage}.log")
        print(f"{scale:g}x {stage:<9} {_line(results[stage])}", flush=True)
    return results


def _line(figures: dict) -> str:
    return (
        f"{figures['seconds']:8.1f} s  peak {figures['peak_gib']:6.2f} GiB  "
        f"folder {figures['disk_gb']:6.1f} GB (at most {figures['peak_disk_gb']:6.1f} GB)"
    )


def main() -> int:
    """Run every scale, print the figures, the ratios to the first scale and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1.0, 10.0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "scale")
    parser.add_argument("--delete", action="store_true", help="delete each folder after its run")
    parser.add_argument(
        "--stages", nargs="+", choices=STAGES, default=list(STAGES), help="(again on kept data)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    settings = {k: v for k, v in os.environ.items() if k.startswith("DUCKDB_")}
    print(f"load average at start: {os.getloadavg()}, settings {settings}", flush=True)
    runs = {}
    for scale in args.scales:
        runs[scale] = run_scale(scale, args.out, args.stages)
        if args.delete:
            shutil.rmtree(args.out / f"x{scale:g}", ignore_errors=True)
    print(f"load average at end: {os.getloadavg()}")
    base, *others = args.scales
    for scale in others:
        factor = scale / base
        print(f"ratios {scale:g}x / {base:g}x (linear = {factor:g}):")
        for stage in args.stages:
            ours, theirs = runs[scale][stage], runs[base][stage]
            time_ratio = ours["seconds"] / theirs["seconds"]
            memory_ratio = ours["peak_gib"] / theirs["peak_gib"]
            verdict = ""
            if stage != "synth":
                met = ours["peak_gib"] < TARGET_PEAK_GIB and time_ratio <= TARGET_RATIO * (
                    factor / 10
                )
                verdict = "  targets met" if met else "  targets NOT met"
            print(f"  {stage:<9} time {time_ratio:5.2f}  memory {memory_ratio:5.2f}{verdict}")
    (args.out / f"scale-{'-'.join(args.stages)}.json").write_text(
        json.dumps({str(k): v for k, v in runs.items()})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
