"""Validate a data directory and write DATA_DIR/validated/ atomically (Parquet + fingerprint)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb
from rich.progress import Progress

from model_training.config import VALIDATED_SUBDIR
from model_training.data.loader import checks
from model_training.data.loader.csv_reader import load_csv
from model_training.data.loader.description import load_description
from model_training.data.loader.headers import check_header
from model_training.data.loader.parquet_reader import load_parquet
from model_training.data.loader.progress import make_progress, run_with_progress
from model_training.data.loader.report import Findings, TableResult, ValidationReport
from model_training.data.loader.sources import (
    Source,
    ends_with_newline,
    find_sources,
    readable_path,
)
from model_training.data.schema import DESCRIPTION_FILE, table
from model_training.errors import DataValidationError

logger = logging.getLogger(__name__)

MEMORY_LIMIT = "4GB"
FINGERPRINT_FILE = "fingerprint.json"
HASH_CHUNK = 1 << 22


def validate_data_dir(
    data_dir: Path,
    *,
    max_problems: int = 50,
    memory_limit: str = MEMORY_LIMIT,
    threads: int | None = None,
    show_progress: bool | None = None,
) -> ValidationReport:
    """Check every table of ``data_dir`` and write its typed copy to ``data_dir/validated``."""
    started = time.perf_counter()
    findings = Findings(max_problems=max_problems)
    sources, notes = find_sources(data_dir)
    for note in notes:
        findings.warn(note)
    for name, source in sources.items():
        for problem in check_header(source, table(name)):
            findings.error(problem)
        if not ends_with_newline(source):
            findings.warn(
                f"{source.label} does not end with a line break: its last line may be cut "
                "short. Check the file is complete."
            )
    _raise_if_errors(findings)
    staging = Path(tempfile.mkdtemp(prefix=".validated.tmp-", dir=data_dir))
    staging.chmod(0o755)  # mkdtemp makes it private; the copy is read by the other stages
    try:
        results, fingerprint, has_description = _stage(
            data_dir, staging, sources, findings, memory_limit, threads, show_progress
        )
        output_dir = _swap_in(staging, data_dir / VALIDATED_SUBDIR)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
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
) -> tuple[list[TableResult], str, bool]:
    """Load, check and fingerprint every table into the staging directory."""
    work = staging / "_work"
    work.mkdir()
    config = {
        "memory_limit": memory_limit,
        "threads": threads or os.cpu_count() or 1,
        "temp_directory": str(work / "spill"),
        "preserve_insertion_order": True,
    }
    description = data_dir / DESCRIPTION_FILE
    with ThreadPoolExecutor(max_workers=1) as hasher, make_progress(show_progress) as progress:
        digests = {name: hasher.submit(sha256_file, s.path) for name, s in sources.items()}
        if description.is_file():
            digests["description"] = hasher.submit(sha256_file, description)
        con = duckdb.connect(config=config)
        try:
            loaded = _load_all(con, sources, staging, work, findings, progress)
            n_description = None
            if description.is_file():
                n_description = load_description(
                    description, staging / f"{description.stem}.parquet", findings
                )
            _check_all(con, loaded, findings, progress)
        finally:
            con.close()
        _raise_if_errors(findings)
        shutil.rmtree(work)
        results = [
            TableResult(name, item.label, item.n_rows, item.path) for name, item in loaded.items()
        ]
        fingerprint = _write_fingerprint(staging, results, digests, sources, n_description)
    return results, fingerprint, n_description is not None


def _load_all(
    con: duckdb.DuckDBPyConnection,
    sources: dict[str, Source],
    staging: Path,
    work: Path,
    findings: Findings,
    progress: Progress,
) -> dict[str, checks.Loaded]:
    """Stream each table to Parquet; return the tables that loaded without bad lines."""
    loaded: dict[str, checks.Loaded] = {}
    for name, source in sources.items():
        spec = table(name)
        out_path = staging / f"{name}.parquet"

        def load(source: Source = source, spec=spec, out_path: Path = out_path) -> int | None:
            if not source.is_csv:
                return load_parquet(con, source, spec, out_path, findings)
            path = readable_path(source, work)
            return load_csv(con, source, path, spec, out_path, findings)

        n_rows = run_with_progress(con, progress, f"load {source.label}", load)
        if n_rows is not None:
            loaded[name] = checks.Loaded(name, source.label, out_path, source.is_csv, n_rows)
    if "application_train" in loaded and loaded["application_train"].n_rows == 0:
        findings.error(
            f"{loaded['application_train'].label} holds no rows: the model needs train clients."
        )
    return loaded


def _check_all(
    con: duckdb.DuckDBPyConnection,
    loaded: dict[str, checks.Loaded],
    findings: Findings,
    progress: Progress,
) -> None:
    """Run the per-table checks, then train/test overlap and references."""
    for name, item in loaded.items():
        spec = table(name)
        checks.create_view(con, item)

        def check(item: checks.Loaded = item, spec=spec) -> None:
            checks.check_values(con, item, spec, findings)
            checks.check_levels(con, item, spec, findings)
            checks.check_primary_key(con, item, spec, findings)

        run_with_progress(con, progress, f"check {item.label}", check)
    if "application_train" in loaded and "application_test" in loaded:
        checks.check_disjoint(
            con, loaded["application_train"], loaded["application_test"], findings
        )
    run_with_progress(
        con, progress, "check references", lambda: checks.check_references(con, loaded, findings)
    )


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def schema_version() -> str:
    """Return a short digest of the schema facts the data was checked against."""
    raw = resources.files("model_training.data").joinpath("kaggle_schema.json").read_bytes()
    return hashlib.sha256(raw).hexdigest()[:16]


def _write_fingerprint(
    staging: Path,
    results: list[TableResult],
    digests: dict[str, Future[str]],
    sources: dict[str, Source],
    n_description: int | None,
) -> str:
    """Write fingerprint.json (input digests, rows, schema version, time); return its digest."""
    content = {
        r.table: {
            "source": sources[r.table].label,
            "sha256": digests[r.table].result(),
            "rows": r.n_rows,
        }
        for r in results
    }
    if n_description is not None:
        content[DESCRIPTION_FILE] = {
            "source": DESCRIPTION_FILE,
            "sha256": digests["description"].result(),
            "rows": n_description,
        }
    version = schema_version()
    canonical = json.dumps({"schema_version": version, "tables": content}, sort_keys=True)
    fingerprint = hashlib.sha256(canonical.encode()).hexdigest()
    document = {
        "fingerprint": fingerprint,
        "schema_version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": content,
    }
    (staging / FINGERPRINT_FILE).write_text(json.dumps(document, indent=2) + "\n")
    return fingerprint


def _swap_in(staging: Path, final: Path) -> Path:
    """Replace ``final`` with ``staging``: the old copy is set aside, then deleted last."""
    backup = None
    if final.exists():
        backup = final.with_name(f".validated.old-{uuid.uuid4().hex[:8]}")
        final.rename(backup)
    try:
        staging.rename(final)
    except OSError:
        if backup is not None:
            backup.rename(final)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
    logger.debug("validated tables written to %s", final)
    return final
