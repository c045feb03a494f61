"""Copy a Parquet table (the generator's format) to the validated Parquet with schema types."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from model_training.data.loader.csv_reader import EXPECTED, FIX, _ident, copy_sql, quote_path
from model_training.data.loader.limits import allowed_bytes, unreadable
from model_training.data.loader.report import Findings
from model_training.data.loader.sources import Source, read_parquet_header
from model_training.data.query import fetch_row
from model_training.data.schema import TableSpec
from model_training.errors import UnreadableInputError


def load_parquet(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    spec: TableSpec,
    out_path: Path,
    findings: Findings,
) -> int | None:
    """Write the table with schema types; return its row count, or None on bad values."""
    check_parquet_size(source)
    arrow_types = dict(read_parquet_header(source))
    scan = f"read_parquet({quote_path(source.path)}, file_row_number=true)"
    types = spec.duckdb_types()
    select = ", ".join(f"CAST({_ident(n)} AS {t}) AS {_ident(n)}" for n, t in types.items())
    try:
        n_bad = 0
        for column in spec.columns:
            is_float_stored = arrow_types[column.name] in {"float", "double", "halffloat"}
            if column.dtype == "int" and is_float_stored:
                n_bad += _report_not_whole(con, scan, source, column.name, findings)
        if n_bad:
            return None
        return fetch_row(con, copy_sql(select, scan, out_path))[0]
    except duckdb.Error as exc:
        raise unreadable(source.label, exc) from exc


def check_parquet_size(source: Source) -> None:
    """Refuse a Parquet file whose data, once uncompressed, passes the source's limits."""
    try:
        metadata = pq.read_metadata(source.path)
    except (pa.ArrowException, OSError) as exc:
        raise unreadable(source.label, exc) from exc
    uncompressed = sum(
        metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups)
    )
    limit, message = allowed_bytes(source.label, source.path.stat().st_size, source.limits)
    if uncompressed > limit:
        raise UnreadableInputError(message)


def _report_not_whole(
    con: duckdb.DuckDBPyConnection, scan: str, source: Source, name: str, findings: Findings
) -> int:
    """Report rows of a whole-number column stored as floats that hold decimals, NaN or inf."""
    column = _ident(name)
    bad = f"NOT (isfinite({column}) AND {column} = trunc({column}))"
    total = fetch_row(con, f"SELECT count(*) FROM {scan} WHERE {bad}")[0]
    rows = con.execute(
        f"SELECT file_row_number, {column} FROM {scan} WHERE {bad} "
        f"ORDER BY file_row_number LIMIT {findings.room}"
    ).fetchall()
    for row_index, value in rows:
        findings.error(
            f"{source.label}, row {row_index + 1}, column {name}: expected {EXPECTED['int']}, "
            f"got {value!r}. {FIX}"
        )
    findings.count_errors(total - len(rows))
    return total
