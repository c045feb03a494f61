"""Shared measuring helpers of the benchmarks: CPU time, peak memory, one side per child."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds() -> float:
    """Return the CPU time (user + system) this process has used, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_rss(process: psutil.Process) -> int:
    """Return the resident bytes of a process and all its descendants (sample it in a loop)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # a member ended meanwhile
            continue
    return total


def run_child(script: str, side: str, data_dir: Path) -> dict:
    """Run ``script DATA_DIR --child SIDE`` in a fresh interpreter; return its JSON line."""
    completed = subprocess.run(
        [sys.executable, script, str(data_dir), "--child", side],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])
