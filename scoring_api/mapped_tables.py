"""Bundle tables memory-mapped from Arrow IPC copies, so that every worker shares one copy.

A bundle's tables are Parquet (compressed, written by training). Read, each worker would hold
its own decompressed copy (about 2 GB at full scale). The first process to load a bundle
writes an uncompressed Arrow IPC copy of each large table once, sorted by SK_ID_CURR, in
``<map dir>/<version>/`` (atomically, under a file lock, so racing workers write it once);
every process then maps it: the pages live in the page cache, shared by all workers.

Copies are made so that pandas and numpy read them without copying: one chunk a column,
missing numbers stored as NaN values (not Arrow nulls), integer columns with missing values as
float64 (what pandas makes of them anyway); ``applications`` keeps every number as float64,
the form a what-if reads. A copy's name holds its Parquet file's size and modification time,
so a replaced bundle gets a fresh copy; copies of versions no longer in ARTIFACTS_DIR are
removed. A copy that cannot be read raises a BundleError naming the file and the fix.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from model_training.bundle import (
    APPLICATIONS,
    EXPLANATIONS,
    FEATURES,
    SCORES,
    Bundle,
    list_versions,
    table_file,
)
from model_training.errors import BundleError

logger = logging.getLogger(__name__)

MAP_SUBDIR = ".mapped"  # the default map folder, inside ARTIFACTS_DIR (not a version name)
MAPPED_SUFFIX = ".arrow"
LOCK_FILE = ".lock"
MAPPED_TABLES = (SCORES, FEATURES, EXPLANATIONS, APPLICATIONS)  # the large per-client tables
AS_FLOAT = frozenset({APPLICATIONS})  # tables whose numbers are all mapped as float64
ID_COLUMN = "SK_ID_CURR"


def default_map_dir(artifacts_dir: Path) -> Path:
    """Return the folder of mapped copies when BUNDLE_MAP_DIR is not set."""
    return Path(artifacts_dir) / MAP_SUBDIR


def mapped_path(map_dir: Path, bundle: Bundle, name: str) -> Path:
    """Return the file of a table's mapped copy (named after its Parquet file's size and time)."""
    stat = (bundle.path / table_file(name)).stat()
    return map_dir / bundle.version / f"{name}-{stat.st_size}-{stat.st_mtime_ns}{MAPPED_SUFFIX}"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock file (one writer at a time, across processes)."""
    with open(folder / LOCK_FILE, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _mappable_column(column: pa.ChunkedArray, is_float: bool) -> pa.ChunkedArray:
    """Return a column numpy reads without copying: numbers with NaN for missing."""
    if pa.types.is_integer(column.type) and (is_float or column.null_count):
        column = pc.cast(column, pa.float64())
    if pa.types.is_floating(column.type) and column.null_count:
        column = column.fill_null(float("nan"))
    return column


def _mappable(table: pa.Table, is_float: bool) -> pa.Table:
    """Return a table pandas and numpy read without copying (pandas metadata kept unless float)."""
    columns = [_mappable_column(column, is_float) for column in table.columns]
    metadata = None if is_float else table.schema.metadata
    return pa.table(columns, names=table.column_names).replace_schema_metadata(metadata)


def write_mapped(bundle: Bundle, name: str, path: Path) -> None:
    """Write the mapped copy of a bundle table: sorted by client, one chunk, atomically."""
    table = pq.read_table(bundle.path / table_file(name))
    table = table.take(pc.sort_indices(table, [(ID_COLUMN, "ascending")]))  # a stable sort
    table = _mappable(table, name in AS_FLOAT).combine_chunks()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as sink:
            with pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table, max_chunksize=max(table.num_rows, 1))
            sink.flush()
            os.fsync(sink.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ensure_mapped(
    map_dir: Path, bundle: Bundle, names: tuple[str, ...] = MAPPED_TABLES
) -> dict[str, Path]:
    """Write the missing mapped copies of the named tables (once, whoever races); return them."""
    paths = {name: mapped_path(map_dir, bundle, name) for name in names if bundle.has_table(name)}
    if all(path.is_file() for path in paths.values()):
        return paths
    folder = map_dir / bundle.version
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        for orphan in folder.glob(".*.arrow.*"):  # left by a writer killed mid-way
            orphan.unlink(missing_ok=True)
        for name, path in paths.items():
            if not path.is_file():  # another process may have written it meanwhile
                logger.info("writing the mapped copy of %s of bundle %s", name, bundle.version)
                write_mapped(bundle, name, path)
        _remove_stale(map_dir, bundle, paths)
    return paths


def _remove_stale(map_dir: Path, bundle: Bundle, kept: dict[str, Path]) -> None:
    """Remove older copies of this version's tables and the folders of deleted versions."""
    for old in (map_dir / bundle.version).glob(f"*{MAPPED_SUFFIX}"):
        if old not in kept.values():
            old.unlink(missing_ok=True)  # a process still mapping it keeps its pages
    versions = set(list_versions(bundle.path.parent))
    for folder in map_dir.iterdir():
        if folder.is_dir() and folder.name not in versions and folder.name != bundle.version:
            shutil.rmtree(folder, ignore_errors=True)


def read_mapped(path: Path, bundle: Bundle, name: str) -> pa.Table:
    """Map a table's copy (no read: pages come from the page cache as they are touched)."""
    try:
        table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
        table.validate()
    except (pa.ArrowException, OSError) as exc:
        raise BundleError(
            f"bundle {bundle.version}: the mapped copy {path} of table {name} is unreadable "
            f"({exc}). Remove it: the server writes it again from {table_file(name)}."
        ) from None
    expected = pq.read_metadata(bundle.path / table_file(name)).num_rows
    if table.num_rows != expected or table.num_columns == 0:
        raise BundleError(
            f"bundle {bundle.version}: the mapped copy {path} of table {name} holds "
            f"{table.num_rows} rows, {table_file(name)} {expected}. Remove it: the server "
            "writes it again."
        )
    return table


def mapped_frame(table: pa.Table) -> pd.DataFrame:
    """Return a mapped table as pandas over the mapped buffers (a block a column, no copy)."""
    return table.to_pandas(split_blocks=True, self_destruct=False)


def mapped_copies(bundle: Bundle, map_dir: Path) -> dict[str, Path]:
    """Return the bundle's mapped copies, written when missing ({} when they cannot be)."""
    try:
        return ensure_mapped(map_dir, bundle)
    except OSError as exc:  # a read-only or full disk: serve from Parquet, privately
        logger.warning(
            "bundle %s: no mapped copies in %s (%s); each process reads its own tables",
            bundle.version,
            map_dir,
            exc,
        )
        return {}


def serving_table(bundle: Bundle, name: str, mapped: dict[str, Path]) -> pd.DataFrame:
    """Return a table sorted by SK_ID_CURR with a positional index: mapped, or read privately."""
    path = mapped.get(name)
    if path is None:
        return bundle.table(name).sort_values(ID_COLUMN, kind="stable", ignore_index=True)
    return mapped_frame(read_mapped(path, bundle, name))
