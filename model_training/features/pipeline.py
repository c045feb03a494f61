"""Stage `features`: the feature expression run on DuckDB (default) or Spark, then stored.

The expression (features/expression.py) is the same on both engines; DuckDB is the embedded
engine of one machine, Spark (features/spark_engine.py) the engine of a cluster.
"""

from __future__ import annotations

import os
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import ibis

from model_training.config import FEATURE_ENGINES, DuckDBSettings
from model_training.data.loader.progress import make_progress, run_with_progress
from model_training.errors import ModelTrainingError
from model_training.features.expression import build_feature_table, read_tables
from model_training.features.report import FeatureReport
from model_training.features.store import (
    FEATURES_FILE,
    KEY_COLUMNS,
    read_fingerprint,
    write_feature_store,
)

MIN_MEMORY_BYTES = 4 << 30  # DuckDB's memory cap in `features`: at least this much...
MACHINE_MEMORY_SHARE = 3  # ...and a third of the machine's (ten times Kaggle needs 8 GB)
# Ibis 12.0.0 still calls DuckDB 2.0 methods that DuckDB deprecates (fetch_arrow_table...)
DUCKDB_DEPRECATIONS = r".* is deprecated, use .* instead"


@contextmanager
def _quiet_duckdb_deprecations() -> Iterator[None]:
    """Silence DuckDB's deprecation warnings about the methods Ibis 12 calls, nothing else."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", DUCKDB_DEPRECATIONS, DeprecationWarning)
        yield


def default_memory_limit() -> str:
    """Return DuckDB's memory cap in `features` unless DUCKDB_MEMORY_LIMIT sets it.

    A third of the machine's memory, at least 4 GiB. DuckDB spills sorts and aggregates to
    disk, but the joins of the history aggregates must fit: at ten times Kaggle's size 4 GB
    ran out where 8 GB (peak 8.0 GiB) did not. The page counts are the host's, not a
    container's limit: set DUCKDB_MEMORY_LIMIT there.
    """
    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(MIN_MEMORY_BYTES, machine // MACHINE_MEMORY_SHARE) >> 20}MiB"


def build_features(
    data_dir: Path, *, show_progress: bool = True, engine: str = FEATURE_ENGINES[0]
) -> FeatureReport:
    """Build DATA_DIR/features/ (features.parquet + features.json) from DATA_DIR/validated."""
    if engine not in FEATURE_ENGINES:
        raise ModelTrainingError(
            f"features: engine must be one of {', '.join(FEATURE_ENGINES)}, got {engine!r}."
        )
    started = time.perf_counter()
    data_dir = Path(data_dir)
    fingerprint = read_fingerprint(data_dir)
    if engine == "spark":
        from model_training.features.spark_engine import run_on_spark  # noqa: PLC0415 (pyspark)

        output, n_rows, n_test, n_features = run_on_spark(data_dir, fingerprint, show_progress)
    else:
        with _quiet_duckdb_deprecations():
            output, n_rows, n_test, n_features = _run(data_dir, fingerprint, show_progress)
    return FeatureReport(
        path=output,
        n_rows=n_rows,
        n_test=n_test,
        n_features=n_features,
        seconds=time.perf_counter() - started,
    )


def _run(data_dir: Path, fingerprint: str, show_progress: bool) -> tuple[Path, int, int, int]:
    """Build the expression, write the store; return its path, rows, test rows, features."""
    duckdb_settings = DuckDBSettings.from_env()
    spill = tempfile.TemporaryDirectory(
        prefix=".duckdb-spill-", dir=duckdb_settings.spill_parent(data_dir)
    )
    memory_limit = duckdb_settings.memory_for(default_memory_limit())
    con = ibis.duckdb.connect(
        memory_limit=memory_limit,
        temp_directory=spill.name,
        preserve_insertion_order=False,
    )
    try:
        expression = build_feature_table(read_tables(con, data_dir))

        def write(staging: Path) -> None:
            """Run the expression into the staging folder's Parquet file."""
            progress = make_progress(show_progress)
            with progress:
                run_with_progress(
                    con.con,
                    progress,
                    "features: aggregate and write",
                    lambda: con.to_parquet(expression, staging / FEATURES_FILE),
                )

        feature_dtypes = {
            name: dtype for name, dtype in expression.schema().items() if name not in KEY_COLUMNS
        }
        output, n_rows, n_test = write_feature_store(data_dir, write, feature_dtypes, fingerprint)
    except duckdb.OutOfMemoryException as exc:
        raise ModelTrainingError(
            f"features: DuckDB needed more than its memory limit ({memory_limit}) for the data "
            f"of {data_dir}. Raise DUCKDB_MEMORY_LIMIT (ten times Kaggle's size needs 8GB), "
            f"or free memory on the machine. DuckDB said: {str(exc).splitlines()[0]}"
        ) from exc
    finally:
        con.disconnect()
        spill.cleanup()
    return output, n_rows, n_test, len(feature_dtypes)
