"""Orchestrate the generator: chunks of clients, every table, the oracle, atomic output."""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from model_training.config import TRUTH_SUBDIR
from model_training.data.descriptions import write_description_file
from model_training.data.schema import DATA_TABLES, DESCRIPTION_FILE, table
from model_training.data.synth.chunk import SPLITS, simulate_chunk
from model_training.data.synth.clients import draw_clients
from model_training.data.synth.regions import Regions
from model_training.data.synth.risk import solve_intercept
from model_training.data.synth.sampling import sigmoid
from model_training.data.synth.writer import OracleWriter, TableWriter
from model_training.errors import ModelTrainingError

KAGGLE_TRAIN, KAGGLE_TEST = 307_511, 48_744
FIRST_SK_ID_CURR, FIRST_SK_ID_BUREAU, FIRST_SK_ID_PREV = 100_001, 5_000_000, 1_000_001
CHUNK_CLIENTS = 25_000
PILOT_CLIENTS = 40_000
MAX_SCALE = 10
MAX_APPLICATIONS = MAX_SCALE * KAGGLE_TRAIN


@dataclass
class SynthReport:
    """What the generator wrote: files with row counts, the oracle, timings."""

    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    target_rate: float = 0.0

    def summary(self) -> str:
        """Return a short human-readable account of what was written where."""
        lines = [f"Wrote synthetic Home Credit data to {self.out_dir} in {self.seconds:.1f} s:"]
        lines += [f"  {name:<40} {n:>12,} rows" for name, n in self.rows.items()]
        lines.append(f"  default rate in application_train: {self.target_rate:.2%}")
        lines.append(f"  true probabilities: {self.out_dir / TRUTH_SUBDIR / 'oracle.parquet'}")
        return "\n".join(lines)


def _rng(seed: int, *key: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def _intercept(seed: int, regions: Regions) -> float:
    """Solve the intercept on a pilot chunk so that about 8.07% of train clients default."""
    rng = _rng(seed, 1)
    ids = FIRST_SK_ID_CURR + np.arange(PILOT_CLIENTS)
    clients = draw_clients(rng, ids, np.zeros(PILOT_CLIENTS, dtype=bool))
    pilot = simulate_chunk(rng, clients, regions, FIRST_SK_ID_BUREAU, FIRST_SK_ID_PREV)
    return solve_intercept(pilot.logits["application_train"])


def applications_for_scale(scale: float) -> int:
    """Return the train applications of ``scale`` times Kaggle's (1: 307,511; at most 10)."""
    n_train = round(scale * KAGGLE_TRAIN) if math.isfinite(scale) else 0
    if not (0 < scale <= MAX_SCALE and n_train >= 1):
        raise ModelTrainingError(
            f"synth --scale must be above 0 and at most {MAX_SCALE:g} (times Kaggle's "
            f"{KAGGLE_TRAIN:,} train applications, at least one), got {scale!r}."
        )
    return n_train


def _check_arguments(n_applications: int | None, file_format: str, full: bool) -> int:
    if full:
        return KAGGLE_TRAIN
    if n_applications is None or not 1 <= n_applications <= MAX_APPLICATIONS:
        raise ModelTrainingError(
            f"synth --applications must be between 1 and {MAX_APPLICATIONS:,}, "
            f"got {n_applications!r}. Use --full or --scale 1 for Kaggle's size."
        )
    if file_format not in ("csv", "parquet"):
        raise ModelTrainingError(f"synth --format must be csv or parquet, got {file_format!r}.")
    return n_applications


def generate_dataset(
    n_applications: int | None,
    out_dir: Path,
    *,
    seed: int = 42,
    file_format: str = "csv",
    full: bool = False,
    show_progress: bool = True,
    chunk_clients: int = CHUNK_CLIENTS,
) -> SynthReport:
    """Write the ten Kaggle files and ``_truth/oracle.parquet`` to ``out_dir``; deterministic."""
    started = time.perf_counter()
    n_train = _check_arguments(n_applications, file_format, full)
    n_test = round(n_train * KAGGLE_TEST / KAGGLE_TRAIN)
    n_total = n_train + n_test
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".synth-", dir=out_dir))
    try:
        report = _generate(
            n_total, n_test, out_dir, work, seed, file_format, show_progress, chunk_clients
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _generate(
    n_total: int,
    n_test: int,
    out_dir: Path,
    work: Path,
    seed: int,
    file_format: str,
    show_progress: bool,
    chunk_clients: int,
) -> SynthReport:
    setup = _rng(seed, 0)
    is_test_all = np.zeros(n_total, dtype=bool)
    is_test_all[setup.choice(n_total, size=n_test, replace=False)] = True
    regions = Regions.draw(setup, table("application_train"))
    intercept = _intercept(seed, regions)
    writers = {name: TableWriter(table(name), work) for name in DATA_TABLES}
    staged = work / "final"
    (staged / TRUTH_SUBDIR).mkdir(parents=True)
    oracle = OracleWriter(staged / TRUTH_SUBDIR / "oracle.parquet")
    next_bureau, next_prev = FIRST_SK_ID_BUREAU, FIRST_SK_ID_PREV
    n_chunks = -(-n_total // chunk_clients)
    columns = [
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, disable=not show_progress) as progress:
        tasks = {name: progress.add_task(name, total=n_chunks) for name in DATA_TABLES}
        for k, start in enumerate(range(0, n_total, chunk_clients)):
            rng = _rng(seed, 100 + k)
            positions = np.arange(start, min(start + chunk_clients, n_total))
            clients = draw_clients(rng, FIRST_SK_ID_CURR + positions, is_test_all[positions])
            chunk = simulate_chunk(rng, clients, regions, next_bureau, next_prev)
            next_bureau, next_prev = chunk.next_bureau, chunk.next_prev
            oracle_parts = []
            for split in SPLITS:
                probability = sigmoid(chunk.logits[split] + intercept)
                target = (rng.random(len(probability)) < probability).astype(np.int64)
                if split == "application_train":
                    chunk.tables[split]["TARGET"] = target
                is_test = split == "application_test"
                oracle_parts.append(_oracle(chunk.ids[split], is_test, probability, target))
            oracle.append(pa.concat_tables(oracle_parts))
            for name, cols in chunk.tables.items():
                writers[name].append(cols)
                progress.advance(tasks[name])
        oracle.close()
        report = _finish(writers, oracle, out_dir, staged, file_format, progress)
    return report


def _oracle(
    ids: np.ndarray, is_test: bool, probability: np.ndarray, target: np.ndarray
) -> pa.Table:
    """Return the oracle rows of one split of one chunk."""
    return pa.table(
        {
            "SK_ID_CURR": ids.astype(np.int64),
            "is_test": np.full(len(ids), is_test),
            "probability": probability,
            "TARGET": target,
        }
    )


def _finish(
    writers: dict[str, TableWriter],
    oracle: OracleWriter,
    out_dir: Path,
    staged: Path,
    file_format: str,
    progress: Progress,
) -> SynthReport:
    """Write the final files into the staging folder, then move them into place."""
    suffix = ".csv" if file_format == "csv" else ".parquet"
    report = SynthReport(out_dir)
    con = duckdb.connect()
    con.execute(f"SET threads = {os.cpu_count() or 2}; SET memory_limit = '3GB'")
    con.execute(f"SET temp_directory = '{staged.parent / 'duckdb.tmp'}'")
    writing = progress.add_task("writing files", total=len(writers) + 2)
    for name, writer in writers.items():
        writer.finish(staged / f"{name}{suffix}", file_format, con)
        report.rows[f"{name}{suffix}"] = writer.n_rows
        progress.advance(writing)
    # the test ids alone (a seventh of the clients, 8 bytes each), read back from the oracle
    test_ids = pq.read_table(
        oracle.target, columns=["SK_ID_CURR"], filters=[("is_test", "=", True)]
    )
    submission = test_ids.append_column("TARGET", pa.array(np.full(test_ids.num_rows, 0.5)))
    con.register("submission", submission)
    options = "HEADER, DELIMITER ',', NEW_LINE '\\r\\n'" if suffix == ".csv" else "FORMAT parquet"
    con.execute(f"COPY submission TO '{staged / ('sample_submission' + suffix)}' ({options})")
    report.rows[f"sample_submission{suffix}"] = test_ids.num_rows
    write_description_file(staged / DESCRIPTION_FILE)
    report.rows[DESCRIPTION_FILE] = 219
    progress.advance(writing, 2)
    con.close()
    report.target_rate = oracle.target_rate
    for path in sorted(staged.rglob("*")):
        if path.is_file():
            dest = out_dir / path.relative_to(staged)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
    return report
