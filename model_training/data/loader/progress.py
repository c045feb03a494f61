"""Progress bars for long loads: one bar a step, fed by DuckDB's query progress."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

import duckdb
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

T = TypeVar("T")
POLL_SECONDS = 0.1


def make_progress(show: bool | None = None) -> Progress:
    """Return a progress display on stderr, shown only on a terminal unless ``show`` says."""
    console = Console(stderr=True)
    enabled = console.is_terminal and sys.stderr.isatty() if show is None else show
    return Progress(
        TextColumn("{task.description:<40}"),
        BarColumn(),
        TextColumn("{task.percentage:>5.1f}%"),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
    )


def run_with_progress(
    con: duckdb.DuckDBPyConnection,
    progress: Progress,
    label: str,
    step: Callable[[], T],
    percent: Callable[[], float] | None = None,
) -> T:
    """Run one step, its bar following ``percent()`` (or DuckDB's progress) while it runs."""
    task = progress.add_task(label, total=100)
    if progress.disable:
        result = step()
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            future = pool.submit(step)
            while not future.done():
                done = percent() if percent is not None else -1
                if done < 0:
                    try:
                        done = con.query_progress()
                    except duckdb.Error:
                        done = -1
                if done >= 0:
                    progress.update(task, completed=done)
                wait([future], timeout=POLL_SECONDS)
            result = future.result()
    progress.update(task, completed=100)
    return result
