"""Stored clients' explanation parts kept per bundle: reason groups and feature values."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from model_training.modeling.explain import GROUP_PREFIX
from model_training.modeling.reasons import ValueOf, group_names
from scoring_api.bundle_store import ServingBundle


def stored_groups(bundle: ServingBundle) -> np.ndarray:
    """Return every stored client's contributions by reason group, shape (clients, groups)."""

    def build() -> np.ndarray:
        table = bundle.explanation_table()
        return column_matrix([table[f"{GROUP_PREFIX}{name}"].to_numpy() for name in group_names()])

    return bundle.cached("explanation_groups", None, build)


def column_matrix(columns: list[np.ndarray]) -> np.ndarray:
    """Return float columns as one read-only (rows, columns) matrix: a view when they lie in one
    mapped file at equal steps (a mapped table's columns do), else a copy."""
    first = columns[0]
    starts = [column.__array_interface__["data"][0] for column in columns]
    steps = {b - a for a, b in itertools.pairwise(starts)}
    is_even = all(
        c.dtype == np.float64 and c.shape == first.shape and c.strides == (8,) for c in columns
    )
    if len(steps) != 1 or not is_even or first.flags.writeable or first.base is None:
        return np.column_stack(columns)
    step = steps.pop()
    if step < first.nbytes:  # overlapping columns: not a mapped table's layout
        return np.column_stack(columns)
    return np.lib.stride_tricks.as_strided(
        first, shape=(len(first), len(columns)), strides=(8, step), writeable=False
    )


def stored_value_of(bundle: ServingBundle, row: int) -> ValueOf:
    """Return a function giving a stored client's feature values (from the feature store)."""
    return lambda name: store_column(bundle, name)[row]


def store_column(bundle: ServingBundle, name: str) -> np.ndarray:
    """Return a feature-store column as a numpy array (each built once per bundle)."""
    columns: dict[str, np.ndarray] = bundle.cached("store_columns", None, dict)
    column = columns.get(name)
    if column is None:
        column = columns[name] = _numpy_values(bundle.store[name])
    return column


def _numpy_values(column: pd.Series) -> np.ndarray:
    """Return a column's values as numpy (a view of numbers; text shares one ``str`` a level)."""
    if isinstance(column.dtype, np.dtype):
        return column.to_numpy()
    codes, levels = pd.factorize(column)  # missing: code -1, the NaN appended last
    return np.array([*levels, np.nan], dtype=object)[codes]
