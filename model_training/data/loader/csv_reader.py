"""Read a table with explicit types through DuckDB and stream it to Parquet, keeping rejects."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import duckdb

from model_training.data.loader.report import Findings
from model_training.data.loader.sources import Source, open_binary
from model_training.data.query import fetch_row
from model_training.data.schema import TableSpec

REJECTS_LIMIT = 10_000  # bad lines kept per file; past it the count says "at least"
NOT_WHOLE_MARKER = "loader: value is not a whole number"
EXPECTED = {"int": "a whole number (BIGINT)", "float": "a number (DOUBLE)", "str": "text"}
FIX = "Fix the value or remove the row."
MAX_SHOWN = 40  # characters of a bad value quoted in a message
DUCKDB_LINE = 2 << 20  # DuckDB's default max_line_size; raised with LOADER_MAX_LINE_BYTES
# DuckDB writes one reject per missing column of a short line: the line is told once.
PER_LINE_TYPES = ("MISSING COLUMNS", "TOO MANY COLUMNS")


def shown_value(value: str | None) -> str:
    """Return a value quoted for a message, cut after MAX_SHOWN characters."""
    if value is None or len(value) <= MAX_SHOWN:
        return repr(value)
    return f"{value[:MAX_SHOWN]!r}... (cut at {MAX_SHOWN} characters)"


def quote_path(path: Path) -> str:
    """Return a path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    """Return a column name as a SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def csv_scan_sql(path: Path, spec: TableSpec, scan: str, max_line_bytes: int) -> str:
    """Return the ``read_csv`` call: explicit columns, no sniffing, rejects kept by name."""
    # Whole-number columns are parsed as DOUBLE then checked: DuckDB's BIGINT cast rounds 1.5.
    types = {c.name: ("DOUBLE" if c.dtype == "int" else t) for c, t in _typed(spec)}
    columns = "{" + ", ".join(f"'{name}': '{sql_type}'" for name, sql_type in types.items()) + "}"
    return (
        f"read_csv({quote_path(path)}, columns={columns}, header=true, auto_detect=false, "
        "delim=',', quote='\"', escape='\"', encoding='utf-8', store_rejects=true, "
        f"rejects_table='rejects_{scan}', rejects_scan='scans_{scan}', "
        f"rejects_limit={REJECTS_LIMIT}, max_line_size={max(max_line_bytes + 2, DUCKDB_LINE)})"
    )


def _typed(spec: TableSpec) -> list[tuple]:
    """Return ``(column spec, DuckDB type)`` pairs in file order."""
    types = spec.duckdb_types()
    return [(c, types[c.name]) for c in spec.columns]


def _select_list(spec: TableSpec, *, is_guarded: bool) -> str:
    """Return the SELECT list casting whole-number columns to BIGINT (guarded or plain)."""
    items = []
    for column, sql_type in _typed(spec):
        name = _ident(column.name)
        if column.dtype != "int":
            items.append(name)
        elif is_guarded:
            items.append(
                f"CAST(CASE WHEN {name} IS NULL OR (isfinite({name}) AND {name} = trunc({name}))"
                f" THEN {name} ELSE error('{NOT_WHOLE_MARKER}') END AS BIGINT) AS {name}"
            )
        else:
            items.append(f"TRY_CAST({name} AS {sql_type}) AS {name}")
    return ", ".join(items)


def copy_sql(select: str, source_sql: str, out_path: Path) -> str:
    """Return the COPY statement writing one table to snappy Parquet in file order."""
    return (
        f"COPY (SELECT {select} FROM {source_sql}) TO {quote_path(out_path)} "
        "(FORMAT parquet, COMPRESSION snappy)"
    )


def load_csv(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    spec: TableSpec,
    out_path: Path,
    findings: Findings,
) -> int | None:
    """Stream one CSV to Parquet; return its row count, or None when bad lines were found."""
    scan = spec.name
    max_line = source.limits.max_line_bytes
    try:
        guarded = copy_sql(
            _select_list(spec, is_guarded=True), csv_scan_sql(path, spec, scan, max_line), out_path
        )
        n_rows = fetch_row(con, guarded)[0]
        has_fractions = False
    except duckdb.Error as exc:
        if NOT_WHOLE_MARKER not in str(exc):
            findings.error(f"{source.label} cannot be read: {_first_line(exc)}. Is it complete?")
            return None
        has_fractions = True
        con.execute(f"DROP TABLE IF EXISTS rejects_{scan}; DROP TABLE IF EXISTS scans_{scan}")
        scan = f"{scan}_again"
        con.execute(
            copy_sql(
                _select_list(spec, is_guarded=False),
                csv_scan_sql(path, spec, scan, max_line),
                out_path,
            )
        )
        n_rows = None
    n_rejects = report_rejects(con, scan, source, spec, findings)
    if has_fractions:
        report_fractions(source, spec, findings)
    return None if (n_rejects or has_fractions) else n_rows


def _first_line(exc: Exception) -> str:
    """Return the first line of an exception message."""
    return str(exc).strip().splitlines()[0].rstrip(".")


def report_rejects(
    con: duckdb.DuckDBPyConnection, scan: str, source: Source, spec: TableSpec, findings: Findings
) -> int:
    """Turn DuckDB's rejected lines into messages; return how many problems were found."""
    per_line = ", ".join(f"'{t}'" for t in PER_LINE_TYPES)
    problems = (
        f"SELECT line, column_idx, column_name, CAST(error_type AS VARCHAR) AS kind, csv_line, "
        f"error_message FROM rejects_{scan} QUALIFY kind NOT IN ({per_line}) OR "
        "row_number() OVER (PARTITION BY line, kind ORDER BY column_idx) = 1"
    )
    total = fetch_row(con, f"SELECT count(*) FROM ({problems})")[0]
    if not total:
        return 0
    rows = con.execute(f"{problems} ORDER BY line, column_idx LIMIT {findings.room}").fetchall()
    for line, column_idx, column_name, error_type, csv_line, message in rows:
        findings.error(
            describe_reject(
                source.label, spec, line, column_idx, column_name, error_type, csv_line, message
            )
        )
    findings.count_errors(total - len(rows))
    if total >= REJECTS_LIMIT:
        findings.error(f"{source.label}: at least {total:,} bad lines; counting stopped there.")
    return total


def describe_reject(
    label: str,
    spec: TableSpec,
    line: int,
    column_idx: int | None,
    column_name: str | None,
    error_type: str,
    csv_line: str | None,
    message: str,
) -> str:
    """Phrase one rejected line: file, line, column, what was expected and what was found."""
    fields = _split(csv_line)
    n_expected = len(spec.columns)
    if error_type == "LINE SIZE OVER MAXIMUM":
        return f"{label}, line {line}: {message} (LOADER_MAX_LINE_BYTES). Remove the line."
    if error_type == "MISSING COLUMNS":
        n_missing = n_expected - len(fields)
        return (
            f"{label}, line {line}: {len(fields)} of {n_expected} fields, the line stops short "
            f"(after column {spec.columns[max(len(fields) - 1, 0)].name}; {n_missing} "
            "column(s) missing). Is the file truncated? Complete the line or remove it."
        )
    if error_type == "TOO MANY COLUMNS":
        return (
            f"{label}, line {line}: {len(fields)} fields, expected {n_expected}. Quote values "
            'that hold a comma ("Spouse, partner") or remove the extra fields.'
        )
    where = f"{label}, line {line}, column {column_name}"
    value = fields[column_idx - 1] if column_idx and column_idx <= len(fields) else None
    if error_type == "INVALID ENCODING" or (value is not None and "\ufffd" in value):
        return (
            f"{where}: bytes that are not UTF-8 text. Save the file as UTF-8 (Kaggle's data "
            "files are plain ASCII)."
        )
    if error_type == "CAST" and column_name:
        dtype = spec.column(column_name).dtype
        return f"{where}: expected {EXPECTED[dtype]}, got {shown_value(value)}. {FIX}"
    return f"{where}: {message}. {FIX}"


def _split(csv_line: str | None) -> list[str]:
    """Split one raw CSV line into its fields."""
    text = (csv_line or "").strip("\r\n")
    try:
        return next(csv.reader(io.StringIO(text)), []) if text else []
    except csv.Error:  # a field past the csv module's limit: no value is quoted
        return []


def report_fractions(source: Source, spec: TableSpec, findings: Findings) -> None:
    """Find, by reading the file again, whole-number fields holding decimals, NaN or inf."""
    int_positions = [i for i, c in enumerate(spec.columns) if c.dtype == "int"]
    with open_binary(source) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        reader = csv.reader(text)
        try:
            next(reader, None)
            for fields in reader:
                for position in int_positions:
                    value = fields[position] if position < len(fields) else ""
                    if value and not _is_whole(value):
                        findings.error(
                            f"{source.label}, line {reader.line_num}, column "
                            f"{spec.columns[position].name}: expected {EXPECTED['int']}, got "
                            f"{shown_value(value)}. {FIX}"
                        )
        except csv.Error as exc:  # a field past the csv module's limit
            findings.error(f"{source.label}, line {reader.line_num}: {exc}. {FIX}")


def _is_whole(value: str) -> bool:
    """Tell whether a numeric field holds a finite whole number."""
    try:
        number = float(value)
    except ValueError:
        return True  # not a number at all: DuckDB's rejects already report it
    return math.isfinite(number) and number.is_integer()
