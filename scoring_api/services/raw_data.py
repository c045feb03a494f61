"""The validated raw tables of DATA_DIR: a client's application row and history rows."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

VALIDATED_SUBDIR = "validated"
APPLICATION_TABLES = ("application_train", "application_test")
HISTORY_BY_CLIENT = (
    "bureau",
    "previous_application",
    "POS_CASH_balance",
    "installments_payments",
    "credit_card_balance",
)
HIDDEN_FIELDS = ("TARGET",)


def json_value(value: Any) -> Any:
    """Return a JSON-friendly scalar: missing becomes None, numpy scalars Python ones."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of a frame as JSON-friendly dicts."""
    return [{k: json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _read_rows(path: Path, column: str, values: list[int]) -> pd.DataFrame:
    """Return the rows of a Parquet file whose ``column`` is in ``values``."""
    if not path.is_file() or not values:
        return pd.DataFrame()
    return pq.read_table(path, filters=[(column, "in", values)]).to_pandas()


def load_applications(data_dir: Path, client_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Return the raw application fields (TARGET left out) of the clients found, by id."""
    folder = Path(data_dir) / VALIDATED_SUBDIR
    out: dict[int, dict[str, Any]] = {}
    for name in APPLICATION_TABLES:
        rows = _read_rows(folder / f"{name}.parquet", "SK_ID_CURR", client_ids)
        for record in records_of(rows.drop(columns=list(HIDDEN_FIELDS), errors="ignore")):
            out[int(record["SK_ID_CURR"])] = record
    return out


def load_application(data_dir: Path, client_id: int) -> dict[str, Any] | None:
    """Return a client's raw application fields (TARGET left out), or None when absent."""
    return load_applications(data_dir, [client_id]).get(client_id)


def load_history(data_dir: Path, client_id: int) -> dict[str, list[dict[str, Any]]]:
    """Return every history row of a client, by table (bureau balance through bureau ids)."""
    folder = Path(data_dir) / VALIDATED_SUBDIR
    out: dict[str, list[dict[str, Any]]] = {}
    for name in HISTORY_BY_CLIENT:
        out[name] = records_of(_read_rows(folder / f"{name}.parquet", "SK_ID_CURR", [client_id]))
    bureau_ids = [int(r["SK_ID_BUREAU"]) for r in out["bureau"] if r.get("SK_ID_BUREAU")]
    balance = _read_rows(folder / "bureau_balance.parquet", "SK_ID_BUREAU", bureau_ids)
    out["bureau_balance"] = records_of(balance)
    return out
