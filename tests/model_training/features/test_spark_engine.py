"""The feature store built on Spark equals DuckDB's, column by column, on every kind of data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession

from model_training.features import build_features
from model_training.features.store import FEATURES_SUBDIR, METADATA_FILE
from tests.model_training.features.hand_tables import tiny_rows, write_validated
from tests.servers.spark import XDIST_GROUP

pytestmark = pytest.mark.xdist_group(XDIST_GROUP)
FLOAT_TOLERANCE = 1e-9
ORPHAN = 999999  # an SK_ID_CURR with history rows and no application


def orphan_rows() -> dict[str, list[dict[str, object]]]:
    """Return the hand-written tables plus history rows of a client without application.

    Every table has rows; two clients have no bureau and no previous application.
    """
    rows = tiny_rows()
    owner = {"SK_ID_CURR": ORPHAN}
    rows["bureau"] = [*rows["bureau"], {**rows["bureau"][0], **owner, "SK_ID_BUREAU": 6001}]
    rows["bureau_balance"] = [
        *rows["bureau_balance"],
        {"SK_ID_BUREAU": 6001, "MONTHS_BALANCE": -1, "STATUS": "2"},
    ]
    for name in ("previous_application", "POS_CASH_balance", "installments_payments"):
        rows[name] = [*rows[name], {**rows[name][0], **owner}]
    rows["credit_card_balance"] = [
        *rows["credit_card_balance"],
        {**rows["credit_card_balance"][0], **owner, "SK_ID_PREV": 21},
    ]
    return rows


def no_history_rows() -> dict[str, list[dict[str, object]]]:
    """Return the hand-written applications with every history table empty."""
    rows = tiny_rows()
    return {name: rows[name] for name in ("application_train", "application_test")}


def assert_same_features(duckdb_table: pa.Table, spark_table: pa.Table) -> None:
    """Assert the same columns, types, rows and order; floats to 1e-9, the rest exactly.

    Nullability aside: each engine infers on its own which columns cannot be missing.
    """
    assert spark_table.column_names == duckdb_table.column_names
    assert [f.type for f in spark_table.schema] == [f.type for f in duckdb_table.schema]
    assert spark_table.num_rows == duckdb_table.num_rows
    for name in duckdb_table.column_names:
        expected, actual = duckdb_table[name], spark_table[name]
        if pa.types.is_floating(expected.type):
            np.testing.assert_allclose(
                actual.to_numpy(zero_copy_only=False),
                expected.to_numpy(zero_copy_only=False),
                rtol=FLOAT_TOLERANCE,
                atol=0,
                equal_nan=True,
                err_msg=name,
            )
        else:
            assert actual.to_pylist() == expected.to_pylist(), name


def _both_engines(data_dir: Path, copy: Path) -> tuple[Path, Path]:
    """Build the features of ``data_dir`` on DuckDB and of a copy on Spark; return both dirs."""
    shutil.copytree(data_dir, copy)
    build_features(data_dir, show_progress=False)
    build_features(copy, show_progress=False, engine="spark")
    return data_dir, copy


def _features(data_dir: Path) -> pa.Table:
    """Return the stored feature table of ``data_dir``."""
    return pq.read_table(data_dir / FEATURES_SUBDIR / "features.parquet")


@pytest.mark.parametrize(
    "rows",
    [orphan_rows, no_history_rows],
    ids=["every-table-and-orphans", "empty-history"],
)
def test_spark_features_equal_duckdb_on_hand_written_tables(
    rows: object, tmp_path: Path, spark: SparkSession
) -> None:
    data_dir = write_validated(tmp_path / "duckdb", rows())  # type: ignore[operator]
    duckdb_dir, spark_dir = _both_engines(data_dir, tmp_path / "spark")
    spark_table = _features(spark_dir)
    assert_same_features(_features(duckdb_dir), spark_table)
    assert spark_table["SK_ID_CURR"].to_pylist() == [100001, 100002, 100003]


def test_spark_features_equal_duckdb_on_generated_data(
    synth_validated: Path, tmp_path: Path, spark: SparkSession
) -> None:
    duckdb_dir, spark_dir = _both_engines(synth_validated, tmp_path / "spark")
    assert_same_features(_features(duckdb_dir), _features(spark_dir))
    metadata = [
        json.loads((folder / FEATURES_SUBDIR / METADATA_FILE).read_text())
        for folder in (duckdb_dir, spark_dir)
    ]
    for each in metadata:
        each.pop("created")
    assert metadata[1] == metadata[0]
