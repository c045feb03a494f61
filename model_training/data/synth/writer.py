"""Write generated chunks as Parquet parts, then each table once, as Kaggle writes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from model_training.data.schema import TableSpec

ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}


def to_arrow(spec: TableSpec, columns: dict[str, np.ndarray]) -> pa.Table:
    """Return the columns as an Arrow table in the file's order and types (NaN/None = null)."""
    arrays = []
    for col in spec.columns:
        values = columns[col.name]
        if np.isscalar(values):
            values = np.full(len(columns[spec.columns[0].name]), values)
        if col.dtype == "str":
            values = np.asarray(values, dtype=object)
        arrays.append(pa.array(values, type=ARROW_TYPES[col.dtype], from_pandas=True))
    return pa.Table.from_arrays(arrays, names=spec.column_names)


class TableWriter:
    """Collect a table's chunks as Parquet parts in a work folder, then write the final file."""

    def __init__(self, spec: TableSpec, work_dir: Path) -> None:
        self.spec = spec
        self.parts_dir = work_dir / f"{spec.name}.parts"
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self.n_parts = 0
        self.n_rows = 0

    def append(self, columns: dict[str, np.ndarray]) -> int:
        """Add one chunk of rows; return its row count."""
        chunk = to_arrow(self.spec, columns)
        pq.write_table(chunk, self.parts_dir / f"part-{self.n_parts:05d}.parquet")
        self.n_parts += 1
        self.n_rows += chunk.num_rows
        return chunk.num_rows

    def finish(self, target: Path, file_format: str, con: duckdb.DuckDBPyConnection) -> Path:
        """Write the table to ``target`` (CSV like Kaggle's, or Parquet) and drop the parts."""
        if self.n_parts == 0:
            self.append({c.name: np.empty(0, dtype=object) for c in self.spec.columns})
        parts = [str(self.parts_dir / f"part-{i:05d}.parquet") for i in range(self.n_parts)]
        source = f"SELECT * FROM read_parquet({parts!r})"
        if file_format == "csv":
            options = "HEADER, DELIMITER ',', NEW_LINE '\\r\\n'"
        else:
            options = "FORMAT parquet, COMPRESSION zstd"
        con.execute(f"COPY ({source}) TO '{target}' ({options})")
        shutil.rmtree(self.parts_dir)
        return target
