"""The feature table as one Ibis expression over the validated tables, whatever the engine.

Every expression here uses operations Ibis runs on DuckDB and on PySpark alike (group_by/
aggregate, joins, ifelse, cast, isin, fill_null, arithmetic): the DuckDB and Spark engines run
this same expression (features/pipeline.py, features/spark_engine.py), never a copy of it.
"""

from __future__ import annotations

from pathlib import Path

import ibis
from ibis.expr import types as ir

from model_training.config import VALIDATED_SUBDIR
from model_training.data.loader.sources import OPTIONAL_TABLES
from model_training.data.schema import DATA_TABLES
from model_training.errors import MissingInputError
from model_training.features import ops
from model_training.features.application import application_columns
from model_training.features.balances import build_card_features, build_pos_features
from model_training.features.bureau import build_bureau_balance_features, build_bureau_features
from model_training.features.cross_table import cross_table_features
from model_training.features.installments import build_installments_features
from model_training.features.previous import build_previous_features

COUNT_DTYPE = "!int64"  # non-nullable: a cast to plain int64 would be dropped as a no-op


def read_tables(con: ibis.BaseBackend, data_dir: Path) -> dict[str, ir.Table]:
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
    # Counts are non-missing 64-bit integers on every engine (DuckDB sums counts as 128-bit
    # integers, which it writes to Parquet as doubles; the cast makes them int64 there too).
    joined = joined.mutate(**{name: joined[name].fill_null(0).cast(COUNT_DTYPE) for name in counts})
    joined = joined.mutate(**cross_table_features(joined))
    return joined.order_by("SK_ID_CURR")
