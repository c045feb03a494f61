"""Every range holds on Kaggle's real files (their minimum and maximum, kept in the schema)."""

from __future__ import annotations

import pytest

from model_training.data.ranges import ValueRange, column_range
from model_training.data.schema import PLACEHOLDER_DAYS, tables

BOUNDED = [
    (table_name, column.name)
    for table_name, spec in tables().items()
    for column in spec.columns
    if column_range(table_name, column) is not None and column.stats and "min" in column.stats
]


@pytest.mark.parametrize(("table_name", "column_name"), BOUNDED)
def test_a_range_holds_the_real_minimum_and_maximum(table_name: str, column_name: str) -> None:
    column = tables()[table_name].column(column_name)
    value_range = column_range(table_name, column)
    assert value_range is not None
    assert value_range.contains(column.stats["min"]), column.stats
    assert value_range.contains(column.stats["max"]), column.stats


@pytest.mark.parametrize(
    ("value_range", "value", "expected"),
    [
        (ValueRange("x", low=-40_000, high=0, is_high_strict=True), 0, False),
        (ValueRange("x", low=-40_000, high=0, is_high_strict=True), -1, True),
        (ValueRange("x", low=-40_000, high=0, placeholder=PLACEHOLDER_DAYS), 5, False),
        (
            ValueRange("x", low=-40_000, high=0, placeholder=PLACEHOLDER_DAYS),
            PLACEHOLDER_DAYS,
            True,
        ),
        (ValueRange("x", values=(-1, 1, 2, 3)), 0, False),
        (ValueRange("x", values=(-1, 1, 2, 3)), -1, True),
    ],
)
def test_a_range_says_what_it_allows(value_range: ValueRange, value: float, expected: bool) -> None:
    assert value_range.contains(value) is expected
