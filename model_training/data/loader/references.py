"""Checks across tables: train/test overlap and history rows whose id has no parent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq

from model_training.data.loader.checks import Loaded
from model_training.data.loader.csv_reader import _ident
from model_training.data.loader.key_order import KeySet
from model_training.data.loader.report import Findings
from model_training.data.query import fetch_row
from model_training.data.schema import FOREIGN_KEYS, ForeignKey

BATCH_ROWS = 1 << 20


def check_disjoint(
    con: duckdb.DuckDBPyConnection, train: Loaded, test: Loaded, findings: Findings
) -> None:
    """Check no SK_ID_CURR is both a train and a test client."""
    total = fetch_row(
        con, f"SELECT count(*) FROM {train.view} JOIN {test.view} USING (SK_ID_CURR)"
    )[0]
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


def _ids(path: Path, column: str) -> Iterator[np.ndarray]:
    """Yield the non-empty values of an id column of a Parquet table, a batch at a time."""
    parquet = pq.ParquetFile(path)
    for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=[column]):
        yield batch.column(0).drop_null().to_numpy()


def parent_keys(
    table_name: str, loaded: dict[str, Loaded], cache: dict[tuple, KeySet]
) -> dict[ForeignKey, KeySet]:
    """Return the parent ids of each reference of a table whose parents are loaded."""
    key_sets = {}
    for fk in FOREIGN_KEYS:
        parents = tuple(p for p in fk.parents if p in loaded)
        if fk.table != table_name or not parents:
            continue
        index = (parents, fk.parent_column)
        if index not in cache:
            keys = [ids for p in parents for ids in _ids(loaded[p].path, fk.parent_column)]
            cache[index] = KeySet(np.concatenate(keys) if keys else np.empty(0, np.int64))
        key_sets[fk] = cache[index]
    return key_sets


def count_orphans(loaded: dict[str, Loaded]) -> dict[ForeignKey, int]:
    """Count, reference by reference, the history rows whose id matches no parent row."""
    counts: dict[ForeignKey, int] = {}
    cache: dict[tuple, KeySet] = {}
    for name, child in loaded.items():
        if child.orphans is not None:
            counts.update(child.orphans)
            continue
        for fk, key_set in parent_keys(name, loaded, cache).items():
            counts[fk] = sum(key_set.count_missing(ids) for ids in _ids(child.path, fk.column))
    return counts


def check_references(
    con: duckdb.DuckDBPyConnection, loaded: dict[str, Loaded], findings: Findings
) -> None:
    """Warn, reference by reference, about history rows whose id has no parent row."""
    orphans = count_orphans(loaded)
    for fk in FOREIGN_KEYS:
        n_rows = orphans.get(fk, 0)
        if not n_rows:
            continue
        child = loaded[fk.table]
        parents = [loaded[p] for p in fk.parents if p in loaded]
        column, parent_column = _ident(fk.column), _ident(fk.parent_column)
        keys = " UNION ALL ".join(f"SELECT {parent_column} AS k FROM {p.view}" for p in parents)
        n_ids, first = fetch_row(
            con,
            f"SELECT count(DISTINCT c.{column}), min(c.file_row_number) "
            f"FROM {child.view} c ANTI JOIN ({keys}) p ON c.{column} = p.k",
        )
        names = " or ".join(p.label for p in parents)
        findings.warn(
            f"{child.label}, column {fk.column}: {n_rows:,} row(s) ({n_ids:,} distinct "
            f"ids) match no {fk.parent_column} in {names} (first at line "
            f"{child.lines(first)}). Kept: Kaggle's own files have such orphans; the "
            "features join on the ids that match."
        )
