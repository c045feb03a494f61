"""Benchmark `synth --full`: wall time and peak memory, against a tenth-scale run as baseline.

Usage: python bench/generate.py [--out DIR] [--keep]
Targets on the 2-core, 24 GiB machine: under 10 minutes and under 6 GiB for --full.
The ratio full / tenth compares runs across noisy machines (10.0 = perfectly linear).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FULL_TRAIN = 307_511
TARGET_SECONDS = 600
TARGET_GIB = 6.0


def run_synth(args: list[str]) -> tuple[float, float]:
    """Run the generator in a child process; return (seconds, peak RSS in GiB)."""
    cmd = [sys.executable, "-m", "model_training", "synth", *args]
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True);"
        "dt = time.perf_counter() - t;"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "sys.stderr.write(r.stderr.decode()[-2000:]) if r.returncode else None;"
        "print(dt, rss, r.returncode)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd], check=True, capture_output=True, text=True
    )
    seconds, rss_kib, returncode = out.stdout.split()
    if int(returncode) != 0:
        raise SystemExit(f"synth failed: {out.stderr}")
    return float(seconds), int(rss_kib) / 2**20


def main() -> None:
    """Run the tenth-scale baseline, then the full run, and print both with their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="data/full", help="where to write the full data")
    parser.add_argument("--keep", action="store_true", help="keep the tenth-scale data")
    args = parser.parse_args()
    tenth_dir = Path(tempfile.mkdtemp(prefix="synth-tenth-"))
    try:
        base_s, base_gib = run_synth(
            ["--applications", str(FULL_TRAIN // 10), "--out", str(tenth_dir)]
        )
    finally:
        if not args.keep:
            shutil.rmtree(tenth_dir, ignore_errors=True)
    full_s, full_gib = run_synth(["--full", "--out", args.out])
    print(f"synth tenth (30,751 apps): {base_s:8.1f} s  peak {base_gib:5.2f} GiB")
    print(f"synth --full (307,511):    {full_s:8.1f} s  peak {full_gib:5.2f} GiB")
    print(f"ratio full/tenth: time {full_s / base_s:.2f}  memory {full_gib / base_gib:.2f}")
    verdict = full_s < TARGET_SECONDS and full_gib < TARGET_GIB
    print(f"targets (< {TARGET_SECONDS} s, < {TARGET_GIB} GiB): {'met' if verdict else 'NOT met'}")


if __name__ == "__main__":
    main()
