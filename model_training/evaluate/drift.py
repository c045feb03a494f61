"""Population stability (PSI) of each feature between train clients and test clients.

PSI = sum over bins of (test share - train share) * ln(test share / train share). Numeric
features use the train deciles as bin edges, categoricals one bin a level, and missing values
are a bin of their own. Usual reading: below 0.1 stable, from 0.1 to below 0.25 moderate
shift, from 0.25 significant shift (the model sees a population it was not trained on). This
PSI's bands and reading are owned by ``presentation.drift_bands``, shared by the report and the
dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pandas as pd

from model_training.presentation.drift_bands import MODERATE, SIGNIFICANT, reading

PSI_BINS = 10
SHARE_FLOOR = 1e-4  # an empty bin counts as this share, so the logarithm stays finite
MISSING = "missing"


def psi(train_share: np.ndarray, test_share: np.ndarray) -> float:
    """Return the population stability index of two share vectors over the same bins."""
    expected = np.clip(np.asarray(train_share, dtype=float), SHARE_FLOOR, None)
    actual = np.clip(np.asarray(test_share, dtype=float), SHARE_FLOOR, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def quantile_edges(values: np.ndarray, n_bins: int = PSI_BINS) -> np.ndarray:
    """Return the distinct inner quantile edges of the known values (none when all missing)."""
    known = values[~np.isnan(values)]
    quantiles = np.linspace(0, 1, n_bins + 1)[1:-1]
    return np.unique(np.quantile(known, quantiles)) if len(known) else np.array([])


def numeric_bins(
    train: np.ndarray, test: np.ndarray, n_bins: int = PSI_BINS
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return bin labels and train/test shares: train quantile bins, then a missing bin."""
    edges = quantile_edges(train, n_bins)
    labels = [f"<= {_fmt(edges[0])}"] if len(edges) else ["all values"]
    labels += [f"({_fmt(lo)}, {_fmt(hi)}]" for lo, hi in pairwise(edges)]
    labels += [f"> {_fmt(edges[-1])}"] if len(edges) else []
    shares = []
    for values in (train, test):
        is_missing = np.isnan(values)
        index = np.searchsorted(edges, values[~is_missing], side="left")
        counts = np.bincount(index, minlength=len(labels)).astype(float)
        counts = np.append(counts, is_missing.sum())
        shares.append(counts / max(len(values), 1))
    return [*labels, MISSING], shares[0], shares[1]


def categorical_bins(train: pd.Series, test: pd.Series) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return one bin a level (train levels first, by frequency; missing last) and shares."""
    train_levels = train.astype(object).where(train.notna(), MISSING).astype(str)
    test_levels = test.astype(object).where(test.notna(), MISSING).astype(str)
    order = list(train_levels.value_counts().index)
    order += [level for level in test_levels.value_counts().index if level not in order]
    if MISSING in order:
        order = [level for level in order if level != MISSING] + [MISSING]
    train_share = train_levels.value_counts(normalize=True).reindex(order, fill_value=0.0)
    test_share = test_levels.value_counts(normalize=True).reindex(order, fill_value=0.0)
    return order, train_share.to_numpy(), test_share.to_numpy()


def feature_drift(
    train: pd.Series, test: pd.Series, is_categorical: bool
) -> tuple[dict, list[dict]]:
    """Return one feature's PSI row and its bins (label, train share, test share)."""
    if is_categorical:
        labels, train_share, test_share = categorical_bins(train, test)
    else:
        labels, train_share, test_share = numeric_bins(
            pd.to_numeric(train).to_numpy(dtype=float, na_value=np.nan),
            pd.to_numeric(test).to_numpy(dtype=float, na_value=np.nan),
        )
    value = psi(train_share, test_share)
    row = {
        "feature": str(train.name),
        "kind": "categorical" if is_categorical else "numeric",
        "psi": value,
        "reading": reading(value),
        "n_bins": len(labels),
        "missing_train": float(train.isna().mean()) if len(train) else float("nan"),
        "missing_test": float(test.isna().mean()) if len(test) else float("nan"),
    }
    bins = [
        {"bin": label, "train_share": float(a), "test_share": float(b)}
        for label, a, b in zip(labels, train_share, test_share, strict=True)
    ]
    return row, bins


def drift_table(
    frame: pd.DataFrame,
    features: Sequence[str],
    categorical: Sequence[str],
    n_detailed: int = 10,
) -> dict:
    """Return every feature's PSI between train and test rows of ``frame`` (worst first).

    ``frame`` has an ``is_test`` column; the bins of the ``n_detailed`` worst features are
    kept for drawing. Without test rows no feature is compared (``rows`` is empty).
    """
    is_test = frame["is_test"].to_numpy(dtype=bool)
    categorical_set = set(categorical)
    rows, bins = [], {}
    # Without test clients there is nothing to compare: no PSI against an empty population.
    for name in features if is_test.any() else ():
        column = frame[name]
        row, feature_bins = feature_drift(
            column[~is_test], column[is_test], name in categorical_set
        )
        rows.append(row)
        bins[name] = feature_bins
    rows.sort(key=lambda r: r["psi"], reverse=True)
    return {
        "rows": rows,
        "bins": {r["feature"]: bins[r["feature"]] for r in rows[:n_detailed]},
        "thresholds": {"moderate": MODERATE, "significant": SIGNIFICANT},
        "n_train": int((~is_test).sum()),
        "n_test": int(is_test.sum()),
    }
