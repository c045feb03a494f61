"""The one row of a DuckDB aggregate, typed, and a clear error when a query yields none."""

from __future__ import annotations

import duckdb
import pytest

from model_training.data.query import fetch_row


def test_an_aggregate_gives_its_row() -> None:
    con = duckdb.connect()
    assert fetch_row(con, "SELECT count(*), sum(x) FROM range(4) t(x)") == (4, 6)


def test_a_query_without_a_row_is_an_error_naming_it() -> None:
    con = duckdb.connect()
    with pytest.raises(RuntimeError, match="got none: SELECT 1 WHERE false"):
        fetch_row(con, "SELECT 1 WHERE false")
