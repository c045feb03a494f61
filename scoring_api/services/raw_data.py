"""The validated raw tables of DATA_DIR: a client's application row and history rows."""

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
    missing): one read of the validated tables serves every later what-if.
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


def application_files_stamp(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Return (file, mtime, size) of each validated application table: a cache key."""
    folder = Path(data_dir).resolve() / VALIDATED_SUBDIR
    stamp = []
    for name in APPLICATION_TABLES:
        path = folder / f"{name}.parquet"
        if path.is_file():
            stat = path.stat()
            stamp.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamp)


def _numpy_column(column: pa.ChunkedArray, is_text: bool) -> np.ndarray:
    """Return an Arrow column as float64 numbers, or as objects sharing one ``str`` a level."""
    if not is_text:
        return pc.cast(column, pa.float64()).to_numpy()
    encoded = column.combine_chunks().dictionary_encode()
    levels = np.array([*encoded.dictionary.to_pylist(), None], dtype=object)
    return levels[encoded.indices.fill_null(-1).to_numpy()]


def load_application_columns(
    data_dir: Path, names: Sequence[str], text_columns: Collection[str]
) -> ApplicationColumns:
    """Read the named fields of every stored application (train and test) as numpy columns."""
    folder = Path(data_dir) / VALIDATED_SUBDIR
    ids: list[np.ndarray] = []
    parts: dict[str, list[np.ndarray]] = {name: [] for name in names}
    for table_name in APPLICATION_TABLES:
        path = folder / f"{table_name}.parquet"
        if not path.is_file():
            continue
        present = set(pq.read_schema(path).names)
        data = pq.read_table(path, columns=["SK_ID_CURR", *(n for n in names if n in present)])
        ids.append(data["SK_ID_CURR"].to_numpy())
        for name in names:
            is_text = name in text_columns
            if name in present:
                parts[name].append(_numpy_column(data[name], is_text))
            else:
                parts[name].append(np.full(data.num_rows, None if is_text else np.nan))
    if not ids:
        empty = {n: np.empty(0, dtype=object if n in text_columns else np.float64) for n in names}
        return ApplicationColumns(np.empty(0, dtype=np.int64), empty)
    client_ids = np.concatenate(ids)
    order = np.argsort(client_ids, kind="stable")
    columns = {name: np.concatenate(chunks)[order] for name, chunks in parts.items()}
    for values in columns.values():
        values.flags.writeable = False
    return ApplicationColumns(client_ids[order], columns)


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
