"""A window's drift against the reference: PSI with its band, and a chi-square on bin counts.

The PSI is ``evaluate.drift.psi`` (the report's, same share floor) and its band
``presentation.drift_bands.reading``. The chi-square compares the window's bin counts with
the counts the reference's shares expect for as many events; a reference bin left empty at
training expects the PSI's share floor, so a bin never seen at training stays finite.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import chisquare

from model_training.bundle.reference import BinnedVariable
from model_training.evaluate.drift import SHARE_FLOOR, psi
from model_training.presentation.drift_bands import reading


def bin_counts(variable: BinnedVariable, bins: np.ndarray) -> np.ndarray:
    """Return the window's count in each of the variable's bins."""
    return np.bincount(np.asarray(bins, dtype=np.int64), minlength=variable.n_bins)


def variable_drift(variable: BinnedVariable, bins: np.ndarray) -> dict:
    """Return the PSI, its reading, the chi-square and p-value of one variable in a window.

    An empty window has no drift to measure: NaN, and no reading.
    """
    counts = bin_counts(variable, bins)
    n = int(counts.sum())
    row: dict = {"feature": variable.name, "n": n, "counts": counts.tolist()}
    if n == 0:
        return row | {"psi": float("nan"), "reading": None, "chi2": float("nan"), "p_value": 1.0}
    value = psi(variable.shares(), counts / n)
    expected = np.clip(variable.shares(), SHARE_FLOOR, None)
    expected = expected / expected.sum() * n
    test = chisquare(counts, expected)
    return row | {
        "psi": value,
        "reading": reading(value),
        "chi2": float(test.statistic),
        "p_value": float(test.pvalue),
    }
