"""The one row of a DuckDB query that always yields one (an aggregate, a COPY's count)."""

from __future__ import annotations

from typing import Any

import duckdb


def fetch_row(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    """Run ``sql`` and return its first row; raise RuntimeError when it yields none."""
    row = con.execute(sql).fetchone()
    if row is None:
        raise RuntimeError(f"expected a row from DuckDB, got none: {sql}")
    return row
