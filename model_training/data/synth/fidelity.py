"""Compare generated files with the facts of the real Kaggle files (null shares, means, levels)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from model_training.data.query import fetch_row
from model_training.data.schema import DATA_TABLES, table


@dataclass(frozen=True)
class ColumnFidelity:
    """One column: null share and mean (numeric) or worst level-share gap (categorical)."""

    table: str
    column: str
    null_generated: float
    null_kaggle: float
    value_generated: float | None
    value_kaggle: float | None
    level_gap: float | None


def _source(data_dir: Path, name: str) -> str:
    spec = table(name)
    csv, parquet = data_dir / f"{name}.csv", data_dir / f"{name}.parquet"
    if parquet.exists():
        return f"read_parquet('{parquet}')"
    types = ", ".join(f"'{k}': '{v}'" for k, v in spec.duckdb_types().items())
    return f"read_csv('{csv}', header=true, columns={{{types}}})"


def compare_table(
    con: duckdb.DuckDBPyConnection, data_dir: Path, name: str
) -> list[ColumnFidelity]:
    """Return the fidelity of every column of one generated table."""
    spec = table(name)
    con.execute(f"CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM {_source(data_dir, name)}")
    counts = ", ".join(f'count("{c.name}")' for c in spec.columns)
    means = ", ".join(
        f'avg("{c.name}"::DOUBLE)' if c.dtype != "str" else "NULL" for c in spec.columns
    )
    n, *non_null = fetch_row(con, f"SELECT count(*), {counts} FROM t")
    averages = fetch_row(con, f"SELECT {means} FROM t")
    out = []
    for col, filled, mean in zip(spec.columns, non_null, averages, strict=True):
        gap = None
        if col.dtype == "str" and col.levels:
            q = f'"{col.name}"'
            query = f"SELECT {q}, count(*) FROM t WHERE {q} IS NOT NULL GROUP BY 1"
            level_counts = dict(con.execute(query).fetchall())
            total = max(sum(level_counts.values()), 1)
            gap = max(abs(level_counts.get(k, 0) / total - v) for k, v in col.levels.items())
        null_share = 1 - filled / n if n else 0.0
        kaggle_mean = (col.stats or {}).get("mean")
        out.append(
            ColumnFidelity(name, col.name, null_share, col.null_fraction, mean, kaggle_mean, gap)
        )
    return out


def compare_dataset(data_dir: Path) -> list[ColumnFidelity]:
    """Return the fidelity of every column of every generated data table."""
    con = duckdb.connect()
    try:
        return [row for name in DATA_TABLES for row in compare_table(con, data_dir, name)]
    finally:
        con.close()


def main() -> None:
    """Print, per column, the generated null share and mean next to Kaggle's."""
    import sys  # noqa: PLC0415 (only for the command line)

    data_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "data/demo")
    head = ("table", "column", "null gen/kaggle", "mean gen/kaggle", "level gap")
    print(f"{head[0]:<22}{head[1]:<30}{head[2]:>18}{head[3]:>30}{head[4]:>11}")
    for r in compare_dataset(data_dir):
        mean = (
            f"{r.value_generated:.4g}/{r.value_kaggle:.4g}"
            if r.value_generated is not None and r.value_kaggle is not None
            else ""
        )
        gap = f"{r.level_gap:.3f}" if r.level_gap is not None else ""
        nulls = f"{r.null_generated:.3f}/{r.null_kaggle:.3f}"
        print(f"{r.table:<22}{r.column:<30}{nulls:>18}{mean:>30}{gap:>11}")


if __name__ == "__main__":
    main()
