"""Write generated chunks as Parquet parts, then each table once, as Kaggle writes it; stream
the oracle."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from model_training.data.schema import TableSpec

ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
ORACLE_ROW_GROUP = 1 << 20  # rows; pyarrow's default row group size


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


class OracleWriter:
    """Stream the true probabilities to ``_truth/oracle.parquet``, sorted by SK_ID_CURR.

    Chunks cover increasing ranges of clients, so sorting each chunk sorts the file; rows are
    written in row groups of ``ORACLE_ROW_GROUP`` (pyarrow's default), the same file as one
    ``pq.write_table`` of every row, without holding them all.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self.pending: list[pa.Table] = []
        self.n_pending = 0
        self.writer: pq.ParquetWriter | None = None
        self.n_train = 0
        self.n_train_defaults = 0

    def append(self, chunk: pa.Table) -> None:
        """Add one chunk's oracle rows (train and test, any order)."""
        chunk = chunk.sort_by("SK_ID_CURR")
        train = pc.invert(chunk["is_test"])
        self.n_train += pc.sum(train.cast(pa.int64())).as_py() or 0
        self.n_train_defaults += pc.sum(chunk.filter(train)["TARGET"]).as_py() or 0
        self.pending.append(chunk)
        self.n_pending += chunk.num_rows
        while self.n_pending >= ORACLE_ROW_GROUP:
            self._write(ORACLE_ROW_GROUP)

    def close(self) -> None:
        """Write the rows left and close the file (an empty file when no row came)."""
        if self.pending and (self.n_pending or self.writer is None):
            self._write(self.n_pending)
        if self.writer is not None:
            self.writer.close()

    @property
    def target_rate(self) -> float:
        """Return the default rate of the train clients written so far."""
        return self.n_train_defaults / self.n_train if self.n_train else 0.0

    def _write(self, n_rows: int) -> None:
        """Write the first ``n_rows`` pending rows as one row group."""
        pending = pa.concat_tables(self.pending)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.target, pending.schema)
        self.writer.write_table(pending.slice(0, n_rows), row_group_size=ORACLE_ROW_GROUP)
        rest = pending.slice(n_rows)
        self.pending, self.n_pending = [rest], rest.num_rows
