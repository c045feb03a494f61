"""Raw application fields and history rows, as JSON values or read-only numpy columns.

The fields shown and scored come from the bundle's own ``applications`` table (a fetched
bundle serves alone); a client's full export (application and history rows, RGPD access)
reads the validated tables of DATA_DIR.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from model_training.bundle import APPLICATIONS, Bundle
from model_training.config import VALIDATED_SUBDIR

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
    """Return a JSON-friendly scalar: missing or infinite becomes None, numpy scalars Python."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
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


@dataclass(frozen=True)
class ApplicationColumns:
    """Stored application fields as numpy columns (rows sorted by SK_ID_CURR), read-only.

    Numbers are float64 (NaN for missing), text an object array of shared ``str`` (None for
    missing): one read of the bundle's applications table serves every later what-if.
    """

    client_ids: np.ndarray
    columns: dict[str, np.ndarray]

    def positions(self, client_ids: Sequence[int | None]) -> np.ndarray:
        """Return each client's row, or -1 when the client (or the id) is absent."""
        rows = np.full(len(client_ids), -1, dtype=np.intp)
        for i, client_id in enumerate(client_ids):
            if client_id is None or not len(self.client_ids):
                continue
            row = int(np.searchsorted(self.client_ids, client_id))
            if row < len(self.client_ids) and self.client_ids[row] == client_id:
                rows[i] = row
        return rows


def _numpy_column(column: pa.ChunkedArray, is_text: bool) -> np.ndarray:
    """Return an Arrow column as float64 numbers, or as objects sharing one ``str`` a level."""
    if not is_text:  # float64 in one chunk without nulls (a mapped copy): a view, not a copy
        if column.type != pa.float64():
            column = pc.cast(column, pa.float64())
        single = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
        return single.to_numpy(zero_copy_only=False)
    encoded = column.combine_chunks().dictionary_encode()
    levels = np.array([*encoded.dictionary.to_pylist(), None], dtype=object)
    return levels[encoded.indices.fill_null(-1).to_numpy()]


def application_columns(
    data: pa.Table, names: Sequence[str], text_columns: Collection[str]
) -> ApplicationColumns:
    """Return the named fields of an application table as numpy columns, sorted by client.

    A field the table lacks is missing for every client.
    """
    present = set(data.column_names)
    client_ids = data["SK_ID_CURR"].to_numpy()
    is_sorted = bool(np.all(client_ids[1:] >= client_ids[:-1]))
    order = slice(None) if is_sorted else np.argsort(client_ids, kind="stable")
    columns = {}
    for name in names:
        is_text = name in text_columns
        if name in present:
            values = _numpy_column(data[name], is_text)[order]  # sorted: a view
        else:
            values = np.full(data.num_rows, None if is_text else np.nan)
        values.flags.writeable = False
        columns[name] = values
    return ApplicationColumns(client_ids[order], columns)


def stored_application(bundle: Bundle, client_id: int) -> dict[str, Any] | None:
    """Return a client's application fields as the bundle holds them, or None when absent."""
    rows = bundle.table(APPLICATIONS, filters=[("SK_ID_CURR", "==", client_id)])
    records = records_of(rows)
    return records[0] if records else None


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
