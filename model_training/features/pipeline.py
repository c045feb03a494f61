"""The feature pipeline: validated tables in, one row per client out, as Ibis on DuckDB.

Every expression here uses operations Ibis also runs on PySpark (group_by/aggregate, joins,
ifelse, cast, isin, fill_null, arithmetic); DuckDB is only the embedded engine that runs it.
"""

from __future__ import annotations

import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import ibis
from ibis.expr import types as ir

from model_training.config import VALIDATED_SUBDIR, DuckDBSettings
from model_training.data.loader.progress import make_progress, run_with_progress
from model_training.data.loader.sources import OPTIONAL_TABLES
from model_training.data.schema import DATA_TABLES
from model_training.errors import MissingInputError, ModelTrainingError
from model_training.features import ops
from model_training.features.application import application_columns
from model_training.features.balances import build_card_features, build_pos_features
from model_training.features.bureau import build_bureau_balance_features, build_bureau_features
from model_training.features.cross_table import cross_table_features
from model_training.features.installments import build_installments_features
from model_training.features.previous import build_previous_features
from model_training.features.report import FeatureReport
from model_training.features.store import (
    FEATURES_FILE,
    KEY_COLUMNS,
    read_fingerprint,
    write_feature_store,
)

MEMORY_LIMIT = "4GB"
# Ibis 12.0.0 still calls DuckDB 2.0 methods that DuckDB deprecates (fetch_arrow_table...)
DUCKDB_DEPRECATIONS = r".* is deprecated, use .* instead"


@contextmanager
def _quiet_duckdb_deprecations() -> Iterator[None]:
    """Silence DuckDB's deprecation warnings about the methods Ibis 12 calls, nothing else."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", DUCKDB_DEPRECATIONS, DeprecationWarning)
        yield


def _read_tables(con: ibis.BaseBackend, data_dir: Path) -> dict[str, ir.Table]:
    """Return the validated tables of ``data_dir`` as Ibis tables, or raise if one is absent.

    application_test is optional (validate accepts a folder without test clients).
    """
    validated = data_dir / VALIDATED_SUBDIR
    present = [name for name in DATA_TABLES if (validated / f"{name}.parquet").is_file()]
    missing = [name for name in DATA_TABLES if name not in present and name not in OPTIONAL_TABLES]
    if missing:
        raise MissingInputError(
            f"{validated}: no validated table(s) {', '.join(missing)}. Run validate first: "
            f"python -m model_training validate --data-dir {data_dir}"
        )
    return {
        name: con.read_parquet(validated / f"{name}.parquet", table_name=f"v_{name}")
        for name in present
    }


def _applications(train: ir.Table, test: ir.Table | None) -> ir.Table:
    """Return train and test applications as one table with TARGET, is_test and features."""
    train_rows = train.select(
        "SK_ID_CURR", TARGET=train.TARGET, is_test=ibis.literal(False), **application_columns(train)
    )
    if test is None:
        return train_rows
    test_rows = test.select(
        "SK_ID_CURR",
        TARGET=ibis.null("int64"),
        is_test=ibis.literal(True),
        **application_columns(test),
    )
    return train_rows.union(test_rows)


def _history(tables: dict[str, ir.Table]) -> list[ir.Table]:
    """Return the client-level aggregates of every history table, one table each."""
    return [
        build_bureau_features(tables["bureau"]),
        build_bureau_balance_features(tables["bureau"], tables["bureau_balance"]),
        build_previous_features(tables["previous_application"]),
        build_pos_features(tables["POS_CASH_balance"]),
        build_installments_features(tables["installments_payments"]),
        build_card_features(tables["credit_card_balance"]),
    ]


def build_feature_table(tables: dict[str, ir.Table]) -> ir.Table:
    """Return the whole feature table as one Ibis expression, sorted by SK_ID_CURR."""
    joined = _applications(tables["application_train"], tables.get("application_test"))
    counts: list[str] = []
    for aggregates in _history(tables):
        joined = ops.join_clients(joined, aggregates)
        schema = aggregates.schema()
        counts += [c for c in aggregates.columns if c != "SK_ID_CURR" and schema[c].is_integer()]
    joined = joined.mutate(**{name: joined[name].fill_null(0) for name in counts})
    joined = joined.mutate(**cross_table_features(joined))
    return joined.order_by("SK_ID_CURR")


def build_features(data_dir: Path, *, show_progress: bool = True) -> FeatureReport:
    """Build DATA_DIR/features/ (features.parquet + features.json) from DATA_DIR/validated."""
    started = time.perf_counter()
    data_dir = Path(data_dir)
    fingerprint = read_fingerprint(data_dir)
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
    memory_limit = duckdb_settings.memory_for(MEMORY_LIMIT)
    con = ibis.duckdb.connect(
        memory_limit=memory_limit,
        temp_directory=spill.name,
        preserve_insertion_order=False,
    )
    try:
        tables = _read_tables(con, data_dir)
        expression = build_feature_table(tables)

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
