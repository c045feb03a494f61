"""Checks on the typed Parquet tables: one scan a table for values and codes, then its key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from model_training.data.loader.csv_reader import FIX, _ident, quote_path
from model_training.data.loader.report import Findings
from model_training.data.loader.rules import range_rules
from model_training.data.query import fetch_row
from model_training.data.schema import ForeignKey, TableSpec, tables

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
    has_unique_key: bool = False  # proved while streaming (see key_order)
    orphans: dict[ForeignKey, int] | None = None  # counted while streaming, else afterwards

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


def _literal(text: str) -> str:
    """Return a string as a SQL literal."""
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Probe:
    """One count of a table's scan: the rows where ``condition`` (a rule) does not hold."""

    kind: str  # "value" or "level"
    column: str
    condition: str
    expected: str = ""
    is_error: bool = True


def value_probes(spec: TableSpec) -> list[Probe]:
    """Return the value rules: whole numbers never empty, floats finite, then the ranges."""
    probes: list[Probe] = []
    for column in spec.columns:
        name = _ident(column.name)
        if column.dtype == "int":
            probes.append(
                Probe("value", column.name, f"{name} IS NOT NULL", "a whole number, not empty")
            )
        elif column.dtype == "float":
            probes.append(
                Probe(
                    "value",
                    column.name,
                    f"{name} IS NULL OR isfinite({name})",
                    "a finite number (leave the field empty for a missing value)",
                )
            )
    for rule in range_rules(spec):
        name = _ident(rule.column)
        condition = f"{name} IS NULL OR ({rule.condition.format(c=name)})"
        probes.append(Probe("value", rule.column, condition, rule.expected, rule.is_error))
    return probes


def level_probes(spec: TableSpec) -> list[Probe]:
    """Return one probe a categorical column: its value is missing or a known code."""
    probes = []
    for column in spec.columns:
        levels = known_levels(spec.name, column.name) if column.dtype == "str" else []
        if levels:
            name = _ident(column.name)
            codes = ", ".join(_literal(code) for code in levels)
            probes.append(Probe("level", column.name, f"{name} IS NULL OR {name} IN ({codes})"))
    return probes


def check_table(
    con: duckdb.DuckDBPyConnection,
    loaded: Loaded,
    spec: TableSpec,
    findings: Findings,
) -> None:
    """Check a table's values and codes in one scan, then its key."""
    probes = value_probes(spec) + level_probes(spec)
    if probes and loaded.n_rows:
        counts: Sequence[int] = fetch_row(
            con,
            f"SELECT {', '.join(f'count_if(NOT ({p.condition}))' for p in probes)} "
            f"FROM {quote_path(loaded.path)}",
        )
    else:
        counts = [0] * len(probes)
    broken = [(p, n) for p, n in zip(probes, counts, strict=True) if n]
    for probe, n_bad in broken:
        if probe.kind == "value":
            report_value(con, loaded, probe, n_bad, findings)
    unknown = [p.column for p, _ in broken if p.kind == "level"]
    if unknown:
        report_levels(con, loaded, spec, unknown, findings)
    check_primary_key(con, loaded, spec, findings)


def report_value(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, probe: Probe, n_bad: int, findings: Findings
) -> None:
    """Name the first row breaking a value rule: an error, or a warning for sign hints."""
    first, value = fetch_row(
        con,
        f"SELECT file_row_number, {_ident(probe.column)} FROM {loaded.view} "
        f"WHERE NOT ({probe.condition}) ORDER BY file_row_number LIMIT 1",
    )
    got = "an empty field" if value is None else _show(value)
    more = f" ({n_bad:,} rows in all break this rule)" if n_bad > 1 else ""
    if probe.is_error:
        findings.error(
            f"{loaded.at(first)}, column {probe.column}: expected {probe.expected}, got "
            f"{got}{more}. {FIX}"
        )
    else:
        findings.warn(
            f"{loaded.label}, column {probe.column}: {n_bad:,} value(s) are not "
            f"{probe.expected} as in the Kaggle data, first at "
            f"{loaded.at(first).split(', ', 1)[1]} ({got}). Kept; check the sign and unit of "
            "this column."
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


def report_levels(
    con: duckdb.DuckDBPyConnection,
    loaded: Loaded,
    spec: TableSpec,
    columns: list[str],
    findings: Findings,
) -> None:
    """Warn, with counts, about category codes the Kaggle files do not have (kept as they are)."""
    levels = {name: set(known_levels(spec.name, name)) for name in columns}
    names = ", ".join(_ident(c) for c in columns)
    codes = con.execute(
        f"SELECT col, code, count(*), min(file_row_number) FROM (UNPIVOT (SELECT {names}, "
        f"file_row_number FROM {loaded.view}) ON {names} INTO NAME col VALUE code) "
        "GROUP BY ALL ORDER BY 4, 1, 2"
    ).fetchall()
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
    if not spec.primary_key or loaded.n_rows == 0 or loaded.has_unique_key:
        return
    key = spec.primary_key
    is_error = ERROR_KEYS.get(spec.name) == key
    cols = ", ".join(_ident(k) for k in key)
    n_repeated = fetch_row(
        con,
        f"SELECT count(*) FROM (SELECT 1 FROM {quote_path(loaded.path)} GROUP BY {cols} "
        "HAVING count(*) > 1)",
    )[0]
    if not n_repeated:
        return
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE dup_keys AS SELECT {cols}, count(*) AS n, "
        f"min(file_row_number) AS first FROM {loaded.view} GROUP BY ALL HAVING count(*) > 1"
    )
    n_keys, n_rows = fetch_row(con, "SELECT count(*), sum(n) FROM dup_keys")
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
