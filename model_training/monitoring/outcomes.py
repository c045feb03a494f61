"""A window's indicators once outcomes are known: default by risk band, AUC, calibration, cost.

Only events with a known outcome count (``outcome`` 0 or 1; NaN: not known yet). The expected
AUC is the AUC the probabilities promise if they are right: with independent labels
``y_i ~ Bernoulli(p_i)``, the ratio of expectations ``E[concordant pairs] / E[pairs]``, where
a pair (i defaulter, j not) weighs ``p_i (1 - p_j)`` and counts 1 if ``p_i > p_j``, 1/2 on a
tie (exact for the ratio of expectations, computed in O(n log n); close to E[AUC] for
windows of hundreds of events or more). The actual AUC is the same sum with the outcomes as
weights (the Mann-Whitney statistic).
"""

from __future__ import annotations

import numpy as np

from model_training.bundle.metadata import Costs
from model_training.evaluate.metrics import calibration
from model_training.modeling.decision import cost_per_client
from model_training.modeling.points import PointsScale
from model_training.modeling.risk_bands import BAND_CODES, risk_bands

NAN = float("nan")


def _pair_auc(group: np.ndarray, n_groups: int, positive: np.ndarray, self_pairs: float) -> float:
    """Return the weighted share of concordant (positive, negative) pairs, ties counting half.

    ``group`` ranks each event's probability (equal probabilities share a group), ``positive``
    is each event's weight as a defaulter (1 - it: as a repayer), ``self_pairs`` the weight of
    an event paired with itself, left out.
    """
    defaults = np.bincount(group, weights=positive, minlength=n_groups)
    repaid = np.bincount(group, weights=1.0 - positive, minlength=n_groups)
    pairs = float(defaults.sum() * repaid.sum()) - self_pairs
    below = np.cumsum(repaid) - repaid  # repaid weight of strictly lower probabilities
    ties = float(np.sum(defaults * repaid)) - self_pairs
    concordant = float(np.sum(defaults * below)) + 0.5 * ties
    return concordant / pairs if pairs > 0 else NAN


def _ranks(probability: np.ndarray) -> tuple[np.ndarray, int]:
    """Return each probability's rank among the distinct values, and their number."""
    values, group = np.unique(probability, return_inverse=True)
    return group, len(values)


def expected_auc(probability: np.ndarray) -> float:
    """Return the AUC the probabilities expect of themselves (NaN under two events)."""
    p = np.asarray(probability, dtype=float)
    if len(p) < 2:
        return NAN
    return _pair_auc(*_ranks(p), p, float(np.sum(p * (1.0 - p))))


def actual_auc(y: np.ndarray, probability: np.ndarray) -> float:
    """Return the AUC on observed outcomes (NaN unless both outcomes occur)."""
    if len(np.unique(y)) < 2:
        return NAN
    return _pair_auc(*_ranks(np.asarray(probability, dtype=float)), y.astype(float), 0.0)


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
