"""A window's drift against the reference: PSI with its band, and a chi-square on bin counts.

The PSI is ``evaluate.drift.psi`` (the report's, same share floor) and its band
``presentation.drift_bands.reading``. The chi-square compares the window's bin counts with
the counts the reference's shares expect for as many events, over the bins either one fills;
a reference bin left empty at training expects the PSI's share floor, so a bin never seen at
training stays finite.
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
    # Bins empty both at training and in the window say nothing: left out of the test.
    kept = (np.asarray(variable.counts) > 0) | (counts > 0)
    if kept.sum() < 2:  # one bin: the window cannot differ from the reference
        return row | {"psi": value, "reading": reading(value), "chi2": 0.0, "p_value": 1.0}
    expected = np.clip(variable.shares()[kept], SHARE_FLOOR, None)
    test = chisquare(counts[kept], expected / expected.sum() * n)
    return row | {
        "psi": value,
        "reading": reading(value),
        "chi2": float(test.statistic),
        "p_value": float(test.pvalue),
    }
