"""The Kaggle Home Credit schema, once, in code: files, columns, order, types, levels, stats.

The facts live in ``kaggle_schema.json`` beside this module (compiled from public analyses of
the real files: column order, pandas dtypes, null fractions, level shares, describe()
statistics and the relations between tables).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Dtype = Literal["int", "float", "str"]

DATA_TABLES: tuple[str, ...] = (
    "application_train",
    "application_test",
    "bureau",
    "bureau_balance",
    "previous_application",
    "POS_CASH_balance",
    "installments_payments",
    "credit_card_balance",
)
HISTORY_TABLES: tuple[str, ...] = DATA_TABLES[2:]
SUBMISSION_TABLE = "sample_submission"
# Sex, a protected attribute (French and EU anti-discrimination rules, the CNIL's rules for
# credit scoring): never a model input, never shown, kept in the data only to measure fairness.
PROTECTED_ATTRIBUTE = "CODE_GENDER"
DESCRIPTION_FILE = "HomeCredit_columns_description.csv"
PLACEHOLDER_DAYS = 365243  # "never happened / not applicable" in DAYS_* columns
PREVIOUS_PLACEHOLDER_COLUMNS: tuple[str, ...] = (  # previous_application columns using it
    "DAYS_FIRST_DRAWING",
    "DAYS_FIRST_DUE",
    "DAYS_LAST_DUE_1ST_VERSION",
    "DAYS_LAST_DUE",
    "DAYS_TERMINATION",
)

BUILDING_MEASURES: tuple[str, ...] = (  # each has _AVG, _MODE and _MEDI columns
    "APARTMENTS",
    "BASEMENTAREA",
    "YEARS_BEGINEXPLUATATION",
    "YEARS_BUILD",
    "COMMONAREA",
    "ELEVATORS",
    "ENTRANCES",
    "FLOORSMAX",
    "FLOORSMIN",
    "LANDAREA",
    "LIVINGAPARTMENTS",
    "LIVINGAREA",
    "NONLIVINGAPARTMENTS",
    "NONLIVINGAREA",
)

DUCKDB_TYPES: dict[str, str] = {"int": "BIGINT", "float": "DOUBLE", "str": "VARCHAR"}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a Kaggle file: name, type and the facts of the real data."""

    name: str
    dtype: Dtype
    null_fraction: float = 0.0
    levels: dict[str, float] | None = None
    stats: dict[str, float] | None = None
    zero_fraction: float | None = None

    @property
    def is_categorical(self) -> bool:
        """Tell whether the column holds category codes (text)."""
        return self.dtype == "str"

    def level_shares(self) -> dict[str, float]:
        """Return each level's share; raise KeyError when the schema records no levels."""
        if self.levels is None:
            raise KeyError(f"column {self.name} has no levels in the schema")
        return self.levels

    def statistics(self) -> dict[str, float]:
        """Return the describe() statistics; raise KeyError when the schema records none."""
        if self.stats is None:
            raise KeyError(f"column {self.name} has no statistics in the schema")
        return self.stats


@dataclass(frozen=True)
class TableSpec:
    """One Kaggle file: its columns in file order, key and row count in the full data."""

    name: str
    n_rows_kaggle: int
    primary_key: tuple[str, ...] | None
    columns: tuple[ColumnSpec, ...]

    @property
    def file_name(self) -> str:
        """Return the CSV file name as Kaggle ships it."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        """Return the column names in file order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        """Return the spec of one column by name."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.file_name} has no column {name!r}")

    def duckdb_types(self) -> dict[str, str]:
        """Return ``{column: DuckDB type}`` in file order."""
        return {c.name: DUCKDB_TYPES[c.dtype] for c in self.columns}


@dataclass(frozen=True)
class ForeignKey:
    """A reference from a history table to its parent; real data has orphans, so never fatal."""

    table: str
    column: str
    parents: tuple[str, ...]
    parent_column: str


FOREIGN_KEYS: tuple[ForeignKey, ...] = (
    ForeignKey("bureau", "SK_ID_CURR", ("application_train", "application_test"), "SK_ID_CURR"),
    ForeignKey("bureau_balance", "SK_ID_BUREAU", ("bureau",), "SK_ID_BUREAU"),
    ForeignKey(
        "previous_application",
        "SK_ID_CURR",
        ("application_train", "application_test"),
        "SK_ID_CURR",
    ),
    *(
        ForeignKey(t, "SK_ID_CURR", ("application_train", "application_test"), "SK_ID_CURR")
        for t in ("POS_CASH_balance", "installments_payments", "credit_card_balance")
    ),
    *(
        ForeignKey(t, "SK_ID_PREV", ("previous_application",), "SK_ID_PREV")
        for t in ("POS_CASH_balance", "installments_payments", "credit_card_balance")
    ),
)


@cache
def load_facts() -> dict:
    """Return the raw facts file (relations, train/test differences, target rates)."""
    text = resources.files("model_training.data").joinpath("kaggle_schema.json").read_text()
    return json.loads(text)


@cache
def tables() -> dict[str, TableSpec]:
    """Return every Kaggle data file's spec (and sample_submission's) by table name."""
    out: dict[str, TableSpec] = {}
    for file_name, entry in load_facts()["files"].items():
        name = file_name.removesuffix(".csv")
        columns = tuple(
            ColumnSpec(
                name=c["name"],
                dtype=c["dtype"],
                null_fraction=c.get("null_fraction", 0.0),
                levels=c.get("levels"),
                stats=c.get("stats"),
                zero_fraction=c.get("zero_fraction"),
            )
            for c in entry["columns"]
        )
        key = tuple(entry["primary_key"]) if entry.get("primary_key") else None
        out[name] = TableSpec(name, entry["rows"], key, columns)
    return out


def table(name: str) -> TableSpec:
    """Return one table's spec by name (``"bureau"``, ``"application_train"``, ...)."""
    return tables()[name]


def coverage(table_name: str) -> dict:
    """Return the client coverage facts of a history table (share of clients with rows...)."""
    return load_facts()["relations"]["client_coverage"][f"{table_name}.csv"]
