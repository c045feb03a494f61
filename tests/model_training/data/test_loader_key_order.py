"""A two-column key is proved unique while streaming only when the file is grouped by it."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from model_training.data.loader.key_order import MAX_TABLE_RANGE, KeyOrder, KeySet


def order_of(*chunks: list[tuple[int, int]]) -> KeyOrder:
    """Feed ``(id, month)`` rows chunk by chunk and return the follower."""
    order = KeyOrder("SK_ID_BUREAU", "MONTHS_BALANCE")
    for rows in chunks:
        ids, months = zip(*rows, strict=True) if rows else ((), ())
        order.add(
            pa.table(
                {
                    "SK_ID_BUREAU": pa.array(ids, type=pa.int64()),
                    "MONTHS_BALANCE": pa.array(months, type=pa.int64()),
                }
            )
        )
    return order


@pytest.mark.parametrize(
    ("chunks", "is_unique"),
    [
        ([[(1, 0), (1, -1), (2, 0)], [(2, -1), (3, 0)]], True),
        ([[(1, -2), (1, -1)], [(1, 0), (5, -3)]], True),
        ([[(1, 0), (1, -1)], [(1, -1), (2, 0)]], False),
        ([[(1, 0), (2, 0)], [(1, -1)]], False),
        ([[(1, 0), (1, -1), (2, -1), (2, 0)]], False),
        ([[(1, 0)], [], [(1, 0)]], False),
        ([[(3, 0)], [(2, 0)], [(1, 0)]], True),
    ],
    ids=[
        "grouped-across-chunks",
        "ascending-months",
        "repeat-at-chunk-edge",
        "id-in-two-runs",
        "mixed-directions",
        "same-row-twice",
        "one-row-per-id",
    ],
)
def test_key_is_proved_unique_only_for_grouped_files(
    chunks: list[list[tuple[int, int]]], is_unique: bool
) -> None:
    assert order_of(*chunks).is_unique is is_unique


def test_empty_key_field_proves_nothing() -> None:
    order = KeyOrder("SK_ID_BUREAU", "MONTHS_BALANCE")
    order.add(pa.table({"SK_ID_BUREAU": [1, None], "MONTHS_BALANCE": [0, -1]}))
    assert not order.is_unique


@pytest.mark.parametrize("spread", [10, MAX_TABLE_RANGE + 10])
def test_key_set_counts_missing_ids_by_table_or_by_sorting(spread: int) -> None:
    """Ids within a small range use a lookup table, ids spread wider a sorted array."""
    keys = KeySet(np.array([5, 7, 5 + spread], dtype=np.int64))
    assert (keys.table is None) == (spread > MAX_TABLE_RANGE)
    ids = np.array([5, 6, 7, 4, 5 + spread, 6 + spread], dtype=np.int64)
    assert keys.count_missing(ids) == 3
