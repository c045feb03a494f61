"""Checks on the typed tables: values, codes, keys, train/test overlap and references."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from model_training.data.loader.csv_reader import FIX, _ident, quote_path
from model_training.data.loader.report import Findings
from model_training.data.loader.rules import range_rules
from model_training.data.schema import FOREIGN_KEYS, TableSpec, tables

ERROR_KEYS: dict[str, tuple[str, ...]] = {
    "application_train": ("SK_ID_CURR",),
    "application_test": ("SK_ID_CURR",),
    "bureau": ("SK_ID_BUREAU",),
    "previous_application": ("SK_ID_PREV",),
}


@dataclass(frozen=True)
class Loaded:
    """A table written to Parquet in file order, with what is needed to name its lines."""

    table: str
    label: str
    path: Path
    is_csv: bool
    n_rows: int

    @property
    def view(self) -> str:
        """Return the name of the DuckDB view over the Parquet (with ``file_row_number``)."""
        return f"v_{self.table}"

    def at(self, row: int) -> str:
        """Return ``'file, line N'`` for a 0-based row (the header is line 1 of a CSV)."""
        return f"{self.label}, line {row + 2}" if self.is_csv else f"{self.label}, row {row + 1}"

    def lines(self, row: int) -> str:
        """Return the line (or row) number alone for a 0-based row."""
        return str(row + 2 if self.is_csv else row + 1)


def create_view(con: duckdb.DuckDBPyConnection, loaded: Loaded) -> None:
    """Create the view the checks query: the Parquet plus its file_row_number."""
    con.execute(
        f"CREATE OR REPLACE VIEW {loaded.view} AS SELECT * FROM "
        f"read_parquet({quote_path(loaded.path)}, file_row_number=true)"
    )


def _show(value: object) -> str:
    """Return a value as written in a message."""
    return repr(value) if isinstance(value, str) else f"{value!r}"


def check_values(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, spec: TableSpec, findings: Findings
) -> None:
    """Check ranges, whole-number columns never empty and floats finite, in one scan."""
    checks: list[tuple[str, str, str, bool]] = []  # column, condition, expected, is_error
    for column in spec.columns:
        name = _ident(column.name)
        if column.dtype == "int":
            checks.append((column.name, f"{name} IS NOT NULL", "a whole number, not empty", True))
        elif column.dtype == "float":
            checks.append(
                (
                    column.name,
                    f"{name} IS NULL OR isfinite({name})",
                    "a finite number (leave the field empty for a missing value)",
                    True,
                )
            )
    for rule in range_rules(spec):
        name = _ident(rule.column)
        checks.append(
            (
                rule.column,
                f"{name} IS NULL OR ({rule.condition.format(c=name)})",
                rule.expected,
                rule.is_error,
            )
        )
    if not checks or loaded.n_rows == 0:
        return
    counts = con.execute(
        f"SELECT {', '.join(f'count_if(NOT ({c[1]}))' for c in checks)} FROM {loaded.view}"
    ).fetchone()
    for (column, condition, expected, is_error), n_bad in zip(checks, counts, strict=True):
        if not n_bad:
            continue
        first, value = con.execute(
            f"SELECT file_row_number, {_ident(column)} FROM {loaded.view} "
            f"WHERE NOT ({condition}) ORDER BY file_row_number LIMIT 1"
        ).fetchone()
        got = "an empty field" if value is None else _show(value)
        more = f" ({n_bad:,} rows in all break this rule)" if n_bad > 1 else ""
        if is_error:
            findings.error(
                f"{loaded.at(first)}, column {column}: expected {expected}, got {got}{more}. {FIX}"
            )
        else:
            findings.warn(
                f"{loaded.label}, column {column}: {n_bad:,} value(s) are not {expected} as in "
                f"the Kaggle data, first at {loaded.at(first).split(', ', 1)[1]} ({got}). "
                "Kept; check the sign and unit of this column."
            )


def known_levels(table_name: str, column_name: str) -> list[str]:
    """Return the codes of a categorical column (train and test codes joined)."""
    names = (
        ("application_train", "application_test")
        if table_name.startswith("application_")
        else (table_name,)
    )
    levels: set[str] = set()
    for name in names:
        spec = tables()[name]
        if column_name in spec.column_names:
            levels |= set(spec.column(column_name).levels or {})
    return sorted(levels)


def check_levels(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, spec: TableSpec, findings: Findings
) -> None:
    """Warn, with counts, about category codes the Kaggle files do not have (kept as they are)."""
    known = {c.name: known_levels(spec.name, c.name) for c in spec.columns if c.dtype == "str"}
    known = {name: levels for name, levels in known.items() if levels}
    if not known or loaded.n_rows == 0:
        return
    names = ", ".join(_ident(c) for c in known)
    codes = con.execute(
        f"SELECT col, code, count(*), min(file_row_number) FROM (UNPIVOT (SELECT {names}, "
        f"file_row_number FROM {loaded.view}) ON {names} INTO NAME col VALUE code) "
        "GROUP BY ALL ORDER BY 4"
    ).fetchall()
    levels = {column: set(values) for column, values in known.items()}
    for column, value, n_rows, first in codes:
        if value in levels[column]:
            continue
        findings.warn(
            f"{loaded.label}, column {column}: {n_rows:,} row(s) hold {value!r}, not "
            f"one of its {len(levels[column])} known codes (first at line "
            f"{loaded.lines(first)}). Kept as a code of its own; fix the spelling if it "
            "means a known one."
        )


def check_primary_key(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, spec: TableSpec, findings: Findings
) -> None:
    """Check the table's key is unique: an error for the main ids, a warning for monthly keys."""
    if not spec.primary_key or loaded.n_rows == 0:
        return
    key = spec.primary_key
    is_error = ERROR_KEYS.get(spec.name) == key
    cols = ", ".join(_ident(k) for k in key)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE dup_keys AS SELECT {cols}, count(*) AS n, "
        f"min(file_row_number) AS first FROM {loaded.view} GROUP BY ALL HAVING count(*) > 1"
    )
    n_keys, n_rows = con.execute("SELECT count(*), sum(n) FROM dup_keys").fetchone()
    if not n_keys:
        return
    limit = findings.room if is_error else 1
    examples = con.execute(
        f"SELECT {', '.join(f'd.{_ident(k)}' for k in key)}, d.n, d.first AS first, "
        "min(v.file_row_number) FILTER (WHERE v.file_row_number > d.first) "
        f"FROM (SELECT * FROM dup_keys ORDER BY first LIMIT {max(limit, 1)}) d "
        f"JOIN {loaded.view} v USING ({cols}) GROUP BY ALL ORDER BY first"
    ).fetchall()
    key_name = key[0] if len(key) == 1 else f"({', '.join(key)})"
    con.execute("DROP TABLE dup_keys")
    for *values, n_same, first, second in examples:
        shown = values[0] if len(key) == 1 else tuple(values)
        where = f"{loaded.label}, lines {loaded.lines(first)} and {loaded.lines(second)}"
        if not loaded.is_csv:
            where = f"{loaded.label}, rows {first + 1} and {second + 1}"
        text = f"{where}: duplicate key {key_name} = {shown}"
        if is_error:
            times = f" ({n_same} rows hold it)" if n_same > 2 else ""
            findings.error(f"{text}{times}; {key_name} must be unique. Remove one of the rows.")
        else:
            findings.warn(
                f"{text}; {n_keys:,} key(s) repeat over {n_rows:,} rows in all. Kept: the "
                "features aggregate these rows."
            )
    if is_error:
        findings.count_errors(n_keys - len(examples))


def check_disjoint(
    con: duckdb.DuckDBPyConnection, train: Loaded, test: Loaded, findings: Findings
) -> None:
    """Check no SK_ID_CURR is both a train and a test client."""
    total = con.execute(
        f"SELECT count(*) FROM {train.view} JOIN {test.view} USING (SK_ID_CURR)"
    ).fetchone()[0]
    if not total:
        return
    rows = con.execute(
        f"SELECT SK_ID_CURR, a.file_row_number, b.file_row_number FROM {train.view} a "
        f"JOIN {test.view} b USING (SK_ID_CURR) ORDER BY 2 LIMIT {max(findings.room, 1)}"
    ).fetchall()
    for client, row_train, row_test in rows:
        findings.error(
            f"SK_ID_CURR {client} is in {train.at(row_train)} and in {test.at(row_test)}: a "
            "client is either a train or a test client. Remove it from one file."
        )
    findings.count_errors(total - len(rows))


def check_references(
    con: duckdb.DuckDBPyConnection, loaded: dict[str, Loaded], findings: Findings
) -> None:
    """Count, as warnings, history rows whose id has no parent row (real data has such)."""
    for fk in FOREIGN_KEYS:
        child = loaded.get(fk.table)
        parents = [loaded[p] for p in fk.parents if p in loaded]
        if child is None or not parents or child.n_rows == 0:
            continue
        column, parent_column = _ident(fk.column), _ident(fk.parent_column)
        keys = " UNION ALL ".join(f"SELECT {parent_column} AS k FROM {p.view}" for p in parents)
        n_rows, n_ids, first = con.execute(
            f"SELECT count(*), count(DISTINCT c.{column}), min(c.file_row_number) "
            f"FROM {child.view} c ANTI JOIN ({keys}) p ON c.{column} = p.k"
        ).fetchone()
        if n_rows:
            names = " or ".join(p.label for p in parents)
            findings.warn(
                f"{child.label}, column {fk.column}: {n_rows:,} row(s) ({n_ids:,} distinct "
                f"ids) match no {fk.parent_column} in {names} (first at line "
                f"{child.lines(first)}). Kept: Kaggle's own files have such orphans; the "
                "features join on the ids that match."
            )
