"""Null-safe column operations that run on Ibis columns and on pandas Series alike.

Row-wise features are written once with ``+ - * /``, comparisons and these helpers; each
helper dispatches on the type of its column arguments, so the same feature code builds an
Ibis expression (the pipeline, on DuckDB or Spark), computes pandas values, or computes numpy
values (the API's what-if: a few rows, where pandas' per-call overhead would dominate).
Missing stays missing (NaN, or None in a numpy column of text): a ratio with a zero or
missing denominator is missing, never infinite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import numpy as np
import pandas as pd
from ibis.expr import types as ir

Column = Any  # an Ibis value expression, a pandas Series or a numpy array


def _is_ibis(*values: object) -> bool:
    """Tell whether any argument is an Ibis expression."""
    for value in values:  # noqa: SIM110 (faster than any(), ~1,500 calls a what-if)
        if isinstance(value, ir.Value):
            return True
    return False


def _is_numpy(*values: object) -> bool:
    """Tell whether any argument is a numpy array (and none a pandas Series)."""
    has_array = False
    for value in values:
        if isinstance(value, np.ndarray):
            has_array = True
        elif isinstance(value, pd.Series):
            return False
    return has_array


def _missing_of(values: np.ndarray) -> float | None:
    """Return the missing marker of a numpy column: NaN for numbers, None for text."""
    return None if values.dtype == object else np.nan


def to_float(column: Column) -> Column:
    """Return the column as 64-bit floats (missing stays missing)."""
    if _is_ibis(column):
        return column.cast("float64")
    if _is_numpy(column):
        return column.astype(np.float64, copy=False)
    return pd.to_numeric(column).astype("float64")


def null_if(column: Column, value: float | str) -> Column:
    """Return the column with ``value`` replaced by missing (a placeholder becomes unknown)."""
    if _is_ibis(column):
        return column.nullif(value)
    if _is_numpy(column):
        return np.where(column == value, _missing_of(column), column)
    return column.mask(column == value)


def null_where(column: Column, condition: Column) -> Column:
    """Return the column with missing values where the condition holds."""
    if _is_ibis(column, condition):
        return ibis.ifelse(condition, ibis.null(column.type()), column)
    if _is_numpy(column, condition):
        return np.where(condition, _missing_of(column), column)
    return column.mask(condition.fillna(False).astype(bool))


def is_missing(column: Column) -> Column:
    """Return a boolean column: true where the value is missing."""
    if _is_ibis(column):
        return column.isnull()
    if _is_numpy(column):
        return pd.isna(column)
    return column.isna()


def is_in(column: Column, values: Sequence[float | str]) -> Column:
    """Return a boolean column: true where the value is one of ``values``."""
    if _is_numpy(column):
        chosen = np.zeros(column.shape, dtype=bool)
        for value in values:
            chosen |= column == value
        return chosen
    return column.isin(values)


def where(condition: Column, then: Column | float | str, otherwise: Column | float | str) -> Column:
    """Return ``then`` where ``condition`` holds, else ``otherwise`` (missing condition: else)."""
    if _is_ibis(condition, then, otherwise):
        return ibis.ifelse(condition, then, otherwise)
    if _is_numpy(condition, then, otherwise):
        return np.where(condition, then, otherwise)
    chosen = condition.fillna(False).astype(bool)
    if isinstance(then, pd.Series):
        return then.where(chosen, otherwise)
    if isinstance(otherwise, pd.Series):
        return otherwise.mask(chosen, then)
    return pd.Series(np.where(chosen, then, otherwise), index=condition.index)


def indicator(condition: Column) -> Column:
    """Return 1 where the condition holds and 0 elsewhere (missing condition counts as 0)."""
    if _is_ibis(condition):
        return condition.fill_null(False).cast("int64")
    if _is_numpy(condition):
        return condition.astype(np.int64)
    return condition.fillna(False).astype("int64")


def ratio(numerator: Column, denominator: Column) -> Column:
    """Return numerator / denominator as floats, missing where the denominator is 0 or missing."""
    if _is_ibis(numerator, denominator):
        return to_float(numerator) / to_float(denominator).nullif(0.0)
    denominator = to_float(denominator)
    if _is_numpy(denominator):
        return to_float(numerator) / np.where(denominator == 0.0, np.nan, denominator)
    return to_float(numerator) / denominator.mask(denominator == 0.0)


def fill_missing(column: Column, value: float) -> Column:
    """Return the column with missing values replaced by ``value``."""
    if _is_ibis(column):
        return column.fill_null(value)
    if _is_numpy(column):
        return np.where(is_missing(column), value, column)
    return column.fillna(value)


def row_sum(columns: Sequence[Column]) -> Column:
    """Return the row-wise sum of the columns, missing values counted as 0."""
    total = fill_missing(to_float(columns[0]), 0.0)
    for column in columns[1:]:
        total = total + fill_missing(to_float(column), 0.0)
    return total


def count_known(columns: Sequence[Column]) -> Column:
    """Return how many of the columns are known on each row."""
    total = indicator(~is_missing(columns[0]))
    for column in columns[1:]:
        total = total + indicator(~is_missing(column))
    return total


def row_mean(columns: Sequence[Column]) -> Column:
    """Return the row-wise mean of the known values (missing when none is known)."""
    return ratio(row_sum(columns), count_known(columns))


def _pick(first: Column, second: Column, take_second: Column) -> Column:
    """Return the known one of two columns, or the one ``take_second`` chooses when both are."""
    return where(
        is_missing(first),
        second,
        where(is_missing(second), first, where(take_second, second, first)),
    )


def row_min(columns: Sequence[Column]) -> Column:
    """Return the row-wise minimum of the known values (missing when none is known)."""
    result = to_float(columns[0])
    for column in columns[1:]:
        result = _pick(result, to_float(column), to_float(column) < result)
    return result


def row_max(columns: Sequence[Column]) -> Column:
    """Return the row-wise maximum of the known values (missing when none is known)."""
    result = to_float(columns[0])
    for column in columns[1:]:
        result = _pick(result, to_float(column), to_float(column) > result)
    return result


def join_clients(left: ir.Table, right: ir.Table, key: str = "SK_ID_CURR") -> ir.Table:
    """Return ``left`` left-joined with ``right`` on the client key, the key kept once."""
    joined = left.left_join(right, key)
    return joined.drop(f"{key}_right") if f"{key}_right" in joined.columns else joined


def both(condition: ir.BooleanValue, where: ir.BooleanValue | None) -> ir.BooleanValue:
    """Return ``condition & where``, or ``condition`` alone when there is no ``where``."""
    return condition if where is None else condition & where
