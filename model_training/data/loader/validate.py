"""Validate a data directory and write DATA_DIR/validated/ atomically (Parquet + fingerprint)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb
from rich.progress import Progress

from model_training.config import VALIDATED_SUBDIR, DuckDBSettings, InputLimits
from model_training.data.loader import checks, references
from model_training.data.loader.csv_reader import load_csv
from model_training.data.loader.description import load_description
from model_training.data.loader.fast_csv import stream_csv
from model_training.data.loader.fingerprint import sha256_file, write_fingerprint
from model_training.data.loader.headers import check_header
from model_training.data.loader.key_order import KeySet
from model_training.data.loader.limits import check_lines
from model_training.data.loader.parquet_reader import load_parquet
from model_training.data.loader.progress import make_progress, run_with_progress
from model_training.data.loader.report import Findings, TableResult, ValidationReport
from model_training.data.loader.sources import (
    Source,
    ends_with_newline,
    find_sources,
    find_submission,
    open_binary,
    readable_path,
    refuse_outside_links,
)
from model_training.data.loader.staging import open_staging, remove_stale, swap_in
from model_training.data.loader.submission import compare_submission
from model_training.data.schema import DESCRIPTION_FILE, table
from model_training.errors import DataValidationError, ModelTrainingError

logger = logging.getLogger(__name__)

MEMORY_LIMIT = "2GB"


def validate_data_dir(
    data_dir: Path,
    *,
    max_problems: int = 50,
    memory_limit: str | None = None,
    threads: int | None = None,
    show_progress: bool | None = None,
    limits: InputLimits | None = None,
) -> ValidationReport:
    """Check every table of ``data_dir`` and write its typed copy to ``data_dir/validated``.

    ``limits`` bound what is read of each file (default: the LOADER_MAX_* settings);
    ``memory_limit`` caps DuckDB (default: DUCKDB_MEMORY_LIMIT, else ``MEMORY_LIMIT``).
    """
    duckdb_settings = DuckDBSettings.from_env()
    memory_limit = memory_limit or duckdb_settings.memory_for(MEMORY_LIMIT)
    started = time.perf_counter()
    findings = Findings(max_problems=max_problems)
    sources, notes = find_sources(data_dir, limits or InputLimits.from_env())
    remove_stale(data_dir, before=time.time())
    for note in notes:
        findings.warn(note)
    for problem in refuse_outside_links(list(sources.values()), data_dir):
        findings.error(problem)
    _raise_if_errors(findings)
    for name, source in sources.items():
        try:
            problems = check_header(source, table(name))
        except ModelTrainingError as exc:  # corrupt, encrypted, past a limit
            problems = [str(exc)]
        for problem in problems:
            findings.error(problem)
        if not problems and not ends_with_newline(source):
            findings.warn(
                f"{source.label} does not end with a line break: its last line may be cut "
                "short. Check the file is complete."
            )
    _raise_if_errors(findings)
    staging, lock = open_staging(data_dir)
    try:
        steps: dict[str, float] = {}
        results, fingerprint, has_description = _stage(
            data_dir, staging, sources, findings, memory_limit, threads, show_progress, steps
        )
        output_dir = swap_in(staging, data_dir / VALIDATED_SUBDIR)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(lock)
    results = [
        TableResult(r.table, r.source, r.n_rows, output_dir / r.output.name) for r in results
    ]
    return ValidationReport(
        data_dir=data_dir,
        output_dir=output_dir,
        tables=results,
        warnings=findings.warnings,
        n_warnings=findings.n_warnings,
        fingerprint=fingerprint,
        seconds=time.perf_counter() - started,
        has_description=has_description,
        step_seconds=steps,
    )


def _raise_if_errors(findings: Findings) -> None:
    """Stop the run with every problem found so far."""
    if findings.n_errors:
        raise DataValidationError(findings.errors, findings.n_errors)


def _stage(
    data_dir: Path,
    staging: Path,
    sources: dict[str, Source],
    findings: Findings,
    memory_limit: str,
    threads: int | None,
    show_progress: bool | None,
    steps: dict[str, float],
) -> tuple[list[TableResult], str, bool]:
    """Load, check and fingerprint every table into the staging directory (timing each step)."""
    work = staging / "_work"
    work.mkdir()
    # DuckDB spills inside the staging folder, or under DUCKDB_TEMP_DIR when it is set
    spill = Path(
        tempfile.mkdtemp(prefix=".duckdb-spill-", dir=DuckDBSettings.from_env().spill_parent(work))
    )
    n_threads = threads or os.cpu_count() or 1
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": memory_limit,
        "threads": n_threads,
        "temp_directory": str(spill),
        "preserve_insertion_order": True,
    }
    description = data_dir / DESCRIPTION_FILE
    with ThreadPoolExecutor(max_workers=1) as hasher, make_progress(show_progress) as progress:
        digests = {name: hasher.submit(sha256_file, s.path) for name, s in sources.items()}
        if description.is_file():
            digests["description"] = hasher.submit(sha256_file, description)
        con = duckdb.connect(config=config)
        try:
            clock = time.perf_counter()
            with ThreadPoolExecutor(max_workers=1) as checker:
                cursor = con.cursor()
                table_checks: list[Future[Findings]] = []

                def check_later(item: checks.Loaded) -> None:
                    """Check a loaded table while the next one loads (spare cores)."""
                    table_checks.append(
                        checker.submit(_check_table, cursor, item, findings.max_problems, progress)
                    )

                loaded = _load_all(
                    con, sources, staging, work, findings, progress, n_threads, check_later
                )
                steps["load"] = time.perf_counter() - clock
                n_description = None
                if description.is_file():
                    n_description = load_description(
                        description, staging / f"{description.stem}.parquet", findings
                    )
                for table_check in table_checks:
                    findings.merge(table_check.result())
            steps["check after load"] = time.perf_counter() - clock - steps["load"]
            clock = time.perf_counter()
            _check_across(con, loaded, findings, progress)
            submission = find_submission(data_dir, sources["application_train"].limits)
            if submission is not None and "application_test" in loaded:
                compare_submission(con, submission, work, loaded["application_test"], findings)
            steps["check across tables"] = time.perf_counter() - clock
        finally:
            con.close()
            shutil.rmtree(spill, ignore_errors=True)
        _raise_if_errors(findings)
        shutil.rmtree(work)
        results = [
            TableResult(name, item.label, item.n_rows, item.path) for name, item in loaded.items()
        ]
        clock = time.perf_counter()
        fingerprint = write_fingerprint(staging, results, digests, sources, n_description)
        steps["hash wait"] = time.perf_counter() - clock
    return results, fingerprint, n_description is not None


def _load_all(
    con: duckdb.DuckDBPyConnection,
    sources: dict[str, Source],
    staging: Path,
    work: Path,
    findings: Findings,
    progress: Progress,
    n_threads: int,
    on_loaded: Callable[[checks.Loaded], None],
) -> dict[str, checks.Loaded]:
    """Stream each table to Parquet; return (and pass on) the tables loaded without bad lines."""
    loaded: dict[str, checks.Loaded] = {}
    key_sets: dict[tuple, KeySet] = {}  # parent ids, read once for the tables referring to them
    for name, source in sources.items():
        spec = table(name)
        out_path = staging / f"{name}.parquet"
        read = [-1.0]  # percent of the file the fast pass has read; -1: follow DuckDB

        def load(
            source: Source = source, spec=spec, out_path: Path = out_path, read=read
        ) -> tuple[int | None, bool, dict | None]:
            try:
                return load_one(source, spec, out_path, read)
            except ModelTrainingError as exc:  # corrupt, encrypted, past a limit
                findings.error(str(exc))
                return None, False, None

        def load_one(
            source: Source, spec, out_path: Path, read: list[float]
        ) -> tuple[int | None, bool, dict | None]:
            if not source.is_csv:
                return load_parquet(con, source, spec, out_path, findings), False, None
            parents = references.parent_keys(spec.name, loaded, key_sets)
            streamed = stream_csv(
                source,
                spec,
                out_path,
                n_threads,
                parents,
                lambda done: read.__setitem__(0, 100 * done),
            )
            read[0] = -1.0
            if streamed is not None:
                return streamed.n_rows, streamed.has_unique_key, streamed.orphans
            # Not clean: read again with DuckDB's rejects to name every bad line and column,
            # once the whole file is known to keep within the limits.
            with open_binary(source) as stream:
                check_lines(stream, source.label, source.limits)
            path = readable_path(source, work)
            return load_csv(con, source, path, spec, out_path, findings), False, None

        def percent_read(read: list[float] = read) -> float:
            return read[0]

        n_rows, has_unique_key, orphans = run_with_progress(
            con, progress, f"load {source.label}", load, percent_read
        )
        if n_rows is not None:
            loaded[name] = checks.Loaded(
                name, source.label, out_path, source.is_csv, n_rows, has_unique_key, orphans
            )
            on_loaded(loaded[name])
    if "application_train" in loaded and loaded["application_train"].n_rows == 0:
        findings.error(
            f"{loaded['application_train'].label} holds no rows: the model needs train clients."
        )
    return loaded


def _check_table(
    con: duckdb.DuckDBPyConnection, item: checks.Loaded, max_problems: int, progress: Progress
) -> Findings:
    """Check one table's values, codes and key; return what was found."""
    found = Findings(max_problems=max_problems)
    checks.create_view(con, item)
    run_with_progress(
        con,
        progress,
        f"check {item.label}",
        lambda: checks.check_table(con, item, table(item.table), found),
    )
    return found


def _check_across(
    con: duckdb.DuckDBPyConnection,
    loaded: dict[str, checks.Loaded],
    findings: Findings,
    progress: Progress,
) -> None:
    """Check train/test overlap, then history rows whose id has no parent."""
    if "application_train" in loaded and "application_test" in loaded:
        references.check_disjoint(
            con, loaded["application_train"], loaded["application_test"], findings
        )
    run_with_progress(
        con,
        progress,
        "check references",
        lambda: references.check_references(con, loaded, findings),
    )
