"""``bin_values``: the reference bin of scored values, one row (cheap) or many (vectorised)."""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import overload

import numpy as np
import pandas as pd

from model_training.bundle.reference import CATEGORICAL, BinnedVariable, MonitoringReference


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def bin_value(variable: BinnedVariable, value: object) -> int:
    """Return the bin index of one value (no numpy array built: a scored row's cost)."""
    if _is_missing(value):
        return variable.missing_bin
    if variable.kind == CATEGORICAL:
        try:
            return variable.levels.index(str(value))
        except ValueError:
            return len(variable.levels)  # "other": a level unseen at training
    number = float(value)  # type: ignore[arg-type]  # a numeric feature's value: a number
    if math.isnan(number):
        return variable.missing_bin
    # bisect_left: a value equal to an edge falls in the bin below it (searchsorted side="left").
    return bisect_left(variable.edges, number)


def bin_array(variable: BinnedVariable, values: object) -> np.ndarray:
    """Return the bin index (int16) of each value of a sequence."""
    if variable.kind == CATEGORICAL:
        series = pd.Series(values, dtype=object)
        index = pd.Index(variable.levels).get_indexer(series.astype(str))
        index[index < 0] = len(variable.levels)
        index[series.isna().to_numpy()] = variable.missing_bin
        return index.astype(np.int16)
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    index = np.searchsorted(np.asarray(variable.edges, dtype=float), numbers, side="left")
    index[np.isnan(numbers)] = variable.missing_bin
    return index.astype(np.int16)


@overload
def bin_values(reference: MonitoringReference, feature: str, values: float | str | None) -> int: ...
@overload
def bin_values(
    reference: MonitoringReference, feature: str, values: np.ndarray | pd.Series | list
) -> np.ndarray: ...
def bin_values(reference: MonitoringReference, feature: str, values: object) -> int | np.ndarray:
    """Return the reference bin of ``feature``'s (or ``SCORE``'s) values: one int or an array.

    Raise KeyError for a feature that is not monitored.
    """
    variable = reference.variable(feature)
    if isinstance(values, np.ndarray) and values.ndim == 0:
        return bin_value(variable, values.item())
    if isinstance(values, str | bytes) or not hasattr(values, "__len__"):  # one value
        return bin_value(variable, values)
    return bin_array(variable, values)
