"""A window's indicators once outcomes are known: default by risk band, AUC, calibration, cost.

Only events with a known outcome count (``outcome`` 0 or 1; NaN: not known yet). The expected
AUC is the AUC the probabilities promise if they are right: with independent labels
``y_i ~ Bernoulli(p_i)``, the ratio of expectations ``E[concordant pairs] / E[pairs]``, where
a pair (i defaulter, j not) weighs ``p_i (1 - p_j)`` and counts 1 if ``p_i > p_j``, 1/2 on a
tie (exact for the ratio of expectations, computed in O(n log n); close to E[AUC] for
windows of hundreds of events or more).
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

from model_training.bundle.metadata import Costs
from model_training.evaluate.metrics import calibration
from model_training.modeling.decision import cost_per_client
from model_training.modeling.points import PointsScale
from model_training.modeling.risk_bands import BAND_CODES, risk_bands

NAN = float("nan")


def expected_auc(probability: np.ndarray) -> float:
    """Return the AUC the probabilities expect of themselves (NaN under two events)."""
    p = np.asarray(probability, dtype=float)
    if len(p) < 2:
        return NAN
    values, group = np.unique(p, return_inverse=True)
    defaults = np.bincount(group, weights=p, minlength=len(values))
    repaid = np.bincount(group, weights=1.0 - p, minlength=len(values))
    self_pairs = float(np.sum(p * (1.0 - p)))  # a client is never paired with itself
    pairs = float(p.sum() * (1.0 - p).sum()) - self_pairs
    below = np.cumsum(repaid) - repaid  # repaid weight of strictly lower probabilities
    concordant = float(np.sum(defaults * below)) + 0.5 * (
        float(np.sum(defaults * repaid)) - self_pairs
    )
    return concordant / pairs if pairs > 0 else NAN


def actual_auc(y: np.ndarray, probability: np.ndarray) -> float:
    """Return the AUC on observed outcomes (NaN unless both outcomes occur)."""
    if len(np.unique(y)) < 2:
        return NAN
    return float(roc_auc_score(y, probability))


def default_by_band(
    y: np.ndarray, probability: np.ndarray, threshold: float, scale: PointsScale
) -> list[dict]:
    """Return, per risk band (A to E), the count, defaults, observed and predicted rates."""
    bands = risk_bands(probability, threshold, scale) if len(y) else np.array([], dtype=str)
    rows = []
    for code in BAND_CODES:
        mask = bands == code
        n = int(mask.sum())
        rows.append(
            {
                "band": code,
                "n": n,
                "defaults": int(y[mask].sum()),
                "default_rate": float(y[mask].mean()) if n else NAN,
                "mean_predicted": float(probability[mask].mean()) if n else NAN,
            }
        )
    return rows


def outcome_statistics(
    probability: np.ndarray,
    outcome: np.ndarray,
    threshold: float,
    scale: PointsScale,
    costs: Costs,
) -> dict:
    """Return the outcome indicators of the events whose outcome is known."""
    known = ~np.isnan(np.asarray(outcome, dtype=float))
    y = np.asarray(outcome, dtype=float)[known].astype(np.int64)
    p = np.asarray(probability, dtype=float)[known]
    n = len(y)
    auc, auc_expected = actual_auc(y, p), expected_auc(p)
    return {
        "n_with_outcome": n,
        "default_rate": float(y.mean()) if n else NAN,
        "mean_predicted": float(p.mean()) if n else NAN,
        "auc": auc,
        "expected_auc": auc_expected,
        "gini": 2 * auc - 1,
        "expected_gini": 2 * auc_expected - 1,
        "by_band": default_by_band(y, p, threshold, scale),
        "calibration": calibration(y, p)["bins"] if n else [],
        "realised_cost": (
            cost_per_client(y, p, threshold, costs.false_negative, costs.false_positive)
            if n
            else NAN
        ),
    }
