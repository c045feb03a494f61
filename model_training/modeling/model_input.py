"""Turn a feature frame into CatBoost's input: native categoricals, missing as a sentinel."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

MISSING_LEVEL = "__missing__"  # CatBoost takes no NaN in a categorical: the model input only


def to_model_input(
    frame: pd.DataFrame, features: Sequence[str], categorical: Sequence[str]
) -> pd.DataFrame:
    """Return the model's input: features in order, categoricals as Python str objects.

    pandas 3 reads text as its string dtype, which CatBoost does not take as categorical by
    itself: categorical columns become object columns of ``str`` with missing values replaced
    by ``MISSING_LEVEL``; numeric columns become float64 (missing stays NaN).
    """
    out = {}
    categorical_set = set(categorical)
    for name in features:
        column = frame[name]
        if name in categorical_set:
            values = column.astype(object).to_numpy()
            missing = pd.isna(values)
            values = np.where(missing, MISSING_LEVEL, values).astype(str).astype(object)
            out[name] = values
        else:
            out[name] = pd.to_numeric(column, errors="raise").astype("float64").to_numpy()
    result = pd.DataFrame(out, index=frame.index, columns=list(features))
    for name in categorical:
        result[name] = result[name].astype(object)  # pandas 3 would infer its str dtype
    return result
