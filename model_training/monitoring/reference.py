"""Build the bundle's monitoring reference from the training clients (bins fixed here).

Monitored: the score and the ``MONITORED_FEATURES`` most important inputs (mean |SHAP| over the
train clients). A constant, not a setting: the bins are part of the bundle, and every scoring
event stores one bin per monitored feature, so the number is fixed with the model and bounded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from model_training.bundle.reference import (
    CATEGORICAL,
    NUMERIC,
    SCORE,
    BinnedVariable,
    MonitoringReference,
)
from model_training.evaluate.drift import PSI_BINS, quantile_edges
from model_training.monitoring.binning import bin_array

MONITORED_FEATURES = 20  # the top inputs by global importance whose distribution is watched
MAX_LEVELS = 20  # a categorical's most frequent levels kept; rarer ones count as "other"


def numeric_variable(name: str, values: np.ndarray, n_bins: int = PSI_BINS) -> BinnedVariable:
    """Return a numeric variable's quantile bins (as ``evaluate.drift``) and their counts."""
    numbers = np.asarray(values, dtype=float)
    edges = tuple(float(e) for e in quantile_edges(numbers, n_bins))
    empty = BinnedVariable(name, NUMERIC, counts=(), edges=edges)
    counts = np.bincount(bin_array(empty, numbers), minlength=empty.n_bins)
    return BinnedVariable(name, NUMERIC, tuple(int(c) for c in counts), edges=edges)


def categorical_variable(name: str, values: pd.Series) -> BinnedVariable:
    """Return a categorical variable's levels (most frequent first), other and missing bins."""
    frequency = values.dropna().astype(str).value_counts()
    levels = tuple(str(level) for level in frequency.index[:MAX_LEVELS])
    empty = BinnedVariable(name, CATEGORICAL, counts=(), levels=levels)
    counts = np.bincount(bin_array(empty, values), minlength=empty.n_bins)
    return BinnedVariable(name, CATEGORICAL, tuple(int(c) for c in counts), levels=levels)


def build_reference(
    train: pd.DataFrame,
    importance: pd.DataFrame,
    categorical: Sequence[str],
    score: np.ndarray,
    source: str,
    n_features: int = MONITORED_FEATURES,
) -> MonitoringReference:
    """Return the reference of the train clients: the score's bins and the top features'.

    ``importance`` is ``explain.global_importance`` (most important first); ``score`` is one
    score in points per row of ``train``.
    """
    categorical_set = set(categorical)
    variables = []
    for name in importance["feature"].head(n_features):
        column = train[name]
        if name in categorical_set:
            variables.append(categorical_variable(name, column))
        else:
            numbers = pd.to_numeric(column).to_numpy(dtype=float, na_value=np.nan)
            variables.append(numeric_variable(name, numbers))
    return MonitoringReference(
        score=numeric_variable(SCORE, score),
        features=tuple(variables),
        n_clients=len(train),
        source=source,
    )
