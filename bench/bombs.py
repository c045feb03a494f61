"""Benchmark: `validate` on hostile files, each in a child process (peak RSS, wall time, exit).

Usage: python bench/bombs.py [WORK_DIR] [--quick]

Each case is the tiny valid dataset of the tests with one file replaced: compression bombs
of 4 GiB (valid rows, so only the size or ratio bounds stop them) and of 2 GiB without a line
break, a 32 MiB line, and broken archives. Every case must end with exit 2 and a message
naming the file, within bounded memory and time, at the default LOADER_MAX_* settings.
``--quick`` builds bombs of 256 MiB instead (a smoke run). Bombs are kept in WORK_DIR
(default /tmp/bench-bombs) between runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model_training.config import InputLimits  # noqa: E402
from tests.model_training.data.bombs import (  # noqa: E402
    BUREAU_BALANCE_ROW,
    damage,
    patch_zip,
    write_gzip,
    write_zip,
)
from tests.model_training.data.fakes import write_fake_dataset  # noqa: E402

GIB = 1 << 30


def _bureau_balance(data_dir: Path, suffix: str) -> Path:
    (data_dir / "bureau_balance.csv").unlink(missing_ok=True)
    return data_dir / f"bureau_balance{suffix}"


def _long_line(data_dir: Path, _size: int) -> Path:
    path = data_dir / "bureau_balance.csv"
    data = path.read_bytes()
    path.write_bytes(data + b"5000000,-7,C" + b"C" * (32 << 20) + b"\r\n" + data.split(b"\n", 1)[1])
    return path


def _broken(write: Callable[[Path, bytes, int], Path], suffix: str, **patch: int):
    def build(data_dir: Path, _size: int) -> Path:
        path = write(_bureau_balance(data_dir, suffix), BUREAU_BALANCE_ROW, 8 << 20)
        return patch_zip(path, **patch) if patch else damage(path)

    return build


CASES: dict[str, Callable[[Path, int], Path]] = {
    "zip, valid rows, 4 GiB": lambda d, s: write_zip(
        _bureau_balance(d, ".csv.zip"), BUREAU_BALANCE_ROW, 2 * s
    ),
    "zip, no line break, 2 GiB": lambda d, s: write_zip(_bureau_balance(d, ".csv.zip"), b"x", s),
    "gzip, valid rows, 4 GiB": lambda d, s: write_gzip(
        _bureau_balance(d, ".csv.gz"), BUREAU_BALANCE_ROW, 2 * s
    ),
    "gzip, no line break, 2 GiB": lambda d, s: write_gzip(_bureau_balance(d, ".csv.gz"), b"x", s),
    "csv, one line of 32 MiB": _long_line,
    "zip, corrupt member": _broken(write_zip, ".csv.zip"),
    "zip, encrypted member": _broken(write_zip, ".csv.zip", flags=0x1),
    "zip, Deflate64 member": _broken(write_zip, ".csv.zip", method=9),
    "gzip, corrupt": _broken(write_gzip, ".csv.gz"),
}


def build_case(work: Path, index: int, name: str, size: int) -> tuple[Path, Path]:
    """Build (or reuse) one case's data directory; return it and the hostile file."""
    data_dir = work / f"case-{index}-{size >> 20}"
    done = data_dir / ".built"
    if not done.exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        write_fake_dataset(data_dir)
        done.write_text(CASES[name](data_dir, size).name)
    shutil.rmtree(data_dir / "validated", ignore_errors=True)
    return data_dir, data_dir / done.read_text()


def run_case(data_dir: Path) -> dict:
    """Run `validate` in a child; return its exit code, peak RSS, seconds and first problem."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "model_training", "validate", "--data-dir", str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    err = child.stderr.read() if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    problems = [line[4:] for line in err.splitlines() if line.startswith("  - ")]
    return {
        "exit": child.returncode,
        "peak_mb": usage.ru_maxrss / 1024,
        "seconds": seconds,
        "problem": problems[0] if problems else err.strip()[-200:],
        "traceback": "Traceback" in err,
    }


def main() -> None:
    """Build every case, validate each in a child, print one line a case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", nargs="?", default="/tmp/bench-bombs", type=Path)
    parser.add_argument("--quick", action="store_true", help="256 MiB bombs")
    args = parser.parse_args()
    size = (GIB // 8) if args.quick else GIB * 2
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"Limits: {InputLimits.from_env()}")
    valid = args.work / "valid"
    shutil.rmtree(valid, ignore_errors=True)
    base = run_case(write_fake_dataset(valid))
    print(
        f"{'valid dataset (baseline)':<28} exit {base['exit']}  peak {base['peak_mb']:.0f} MB  "
        f"{base['seconds']:.1f} s"
    )
    for index, name in enumerate(CASES, start=1):
        data_dir, path = build_case(args.work, index, name, size)
        result = run_case(data_dir)
        print(
            f"{name:<28} {path.stat().st_size / 1e6:>9.2f} MB on disk  exit {result['exit']}  "
            f"peak {result['peak_mb']:>6.0f} MB  {result['seconds']:>6.1f} s  "
            f"traceback {result['traceback']}\n    {result['problem'][:160]}"
        )


if __name__ == "__main__":
    main()
