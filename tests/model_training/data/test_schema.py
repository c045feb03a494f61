"""The schema in code: Kaggle's files and columns, and agreement with the shared reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model_training.data.schema import (
    DATA_TABLES,
    FOREIGN_KEYS,
    PROTECTED_ATTRIBUTE,
    table,
    tables,
)

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "reference"
DTYPES = {"int64": "int", "float64": "float", "object": "str"}


@pytest.mark.parametrize(
    ("name", "n_columns", "n_rows"),
    [
        ("application_train", 122, 307_511),
        ("application_test", 121, 48_744),
        ("bureau", 17, 1_716_428),
        ("bureau_balance", 3, 27_299_925),
        ("previous_application", 37, 1_670_214),
        ("POS_CASH_balance", 8, 10_001_358),
        ("installments_payments", 8, 13_605_401),
        ("credit_card_balance", 23, 3_840_312),
        ("sample_submission", 2, 48_744),
    ],
)
def test_each_file_has_kaggle_column_count_and_size(name: str, n_columns: int, n_rows: int) -> None:
    assert len(table(name).columns) == n_columns
    assert table(name).n_rows_kaggle == n_rows


def test_test_file_is_train_file_without_target() -> None:
    train = table("application_train").column_names
    assert train[:2] == ["SK_ID_CURR", "TARGET"]
    assert table("application_test").column_names == [c for c in train if c != "TARGET"]


def test_quirky_types_and_names_are_kept() -> None:
    assert table("application_train").column("CNT_FAM_MEMBERS").dtype == "float"
    assert table("application_train").column("DAYS_BIRTH").dtype == "int"
    assert table("bureau_balance").column("STATUS").dtype == "str"
    assert "AMT_RECIVABLE" in table("credit_card_balance").column_names
    assert table("credit_card_balance").column("AMT_CREDIT_LIMIT_ACTUAL").dtype == "int"


def test_the_protected_attribute_is_sex_a_category_of_both_application_files() -> None:
    assert PROTECTED_ATTRIBUTE == "CODE_GENDER"
    for name in ("application_train", "application_test"):
        assert table(name).column(PROTECTED_ATTRIBUTE).is_categorical


def test_levels_and_statistics_are_read_where_the_schema_has_them() -> None:
    application = table("application_train")
    assert set(application.column("FLAG_OWN_CAR").level_shares()) == {"N", "Y"}
    assert application.column("AMT_CREDIT").statistics()["min"] > 0


@pytest.mark.parametrize(
    ("column", "read"),
    [("AMT_CREDIT", "level_shares"), ("NAME_CONTRACT_TYPE", "statistics")],
)
def test_asking_a_column_for_facts_it_lacks_names_it(column: str, read: str) -> None:
    spec = table("application_train").column(column)
    with pytest.raises(KeyError, match=f"column {column} has no"):
        getattr(spec, read)()


def test_every_foreign_key_names_existing_columns() -> None:
    for key in FOREIGN_KEYS:
        assert key.column in table(key.table).column_names
        for parent in key.parents:
            assert key.parent_column in table(parent).column_names
    assert {k.table for k in FOREIGN_KEYS} == set(DATA_TABLES[2:])


@pytest.fixture(scope="module")
def reference() -> dict:
    """Return the shared reference schema, or skip where the folder is absent (user clones)."""
    path = REFERENCE / "homecredit_schema.json"
    if not path.exists():
        pytest.skip(f"../shared/reference absent ({REFERENCE}): nothing to compare with")
    return json.loads(path.read_text())


def test_schema_matches_the_reference_columns_order_and_types(reference: dict) -> None:
    for name, spec in tables().items():
        expected = reference["files"][f"{name}.csv"]["columns"]
        assert spec.column_names == [c["name"] for c in expected], name
        assert [c.dtype for c in spec.columns] == [DTYPES[c["dtype"]] for c in expected], name


def test_schema_matches_the_reference_levels_and_null_shares(reference: dict) -> None:
    for name, spec in tables().items():
        entry = reference["files"][f"{name}.csv"]
        for col, ref in zip(spec.columns, entry["columns"], strict=True):
            assert set(col.levels or {}) == set(ref.get("level_counts", {})), (name, col.name)
            ref_nulls = ref.get("null_count", 0) / entry["rows"]
            assert col.null_fraction == pytest.approx(ref_nulls, abs=1e-6), (name, col.name)
