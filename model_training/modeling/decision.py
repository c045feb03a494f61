"""The decision threshold that minimises the expected business cost of errors.

A client is refused when the probability of default is at or above the threshold. A missed
defaulter (granted, then defaults: false negative) costs ``cost_fn``; a wrongly refused good
client (false positive) costs ``cost_fp``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CostCurve:
    """Expected cost per client for every candidate threshold."""

    thresholds: np.ndarray
    cost_per_client: np.ndarray


def cost_per_client(
    y: np.ndarray, probability: np.ndarray, threshold: float, cost_fn: float, cost_fp: float
) -> float:
    """Return the average cost per client when refusing at ``probability >= threshold``."""
    refused = probability >= threshold
    false_negatives = np.sum(~refused & (y == 1))
    false_positives = np.sum(refused & (y == 0))
    return float((cost_fn * false_negatives + cost_fp * false_positives) / len(y))


def cost_curve(y: np.ndarray, probability: np.ndarray, cost_fn: float, cost_fp: float) -> CostCurve:
    """Return the exact cost of every distinct threshold (each observed probability, and 1)."""
    order = np.argsort(probability, kind="stable")
    p, target = probability[order], y[order].astype(np.int64)
    n, n_pos = len(target), int(target.sum())
    # Threshold t = p[i] refuses rows i.. (all with p >= p[i]); ties take their first index.
    pos_below = np.concatenate([[0], np.cumsum(target)])  # defaulters with p < p[i]
    candidates = np.concatenate([p, [1.0 + 1e-9]])
    first = np.searchsorted(p, candidates, side="left")
    false_negatives = pos_below[first]
    false_positives = (n - first) - (n_pos - false_negatives)
    costs = (cost_fn * false_negatives + cost_fp * false_positives) / n
    unique, keep = np.unique(candidates, return_index=True)
    return CostCurve(unique, costs[keep])


def choose_threshold(
    y: np.ndarray, probability: np.ndarray, cost_fn: float, cost_fp: float
) -> float:
    """Return the threshold with the lowest expected cost (the smallest one among ties)."""
    curve = cost_curve(y, probability, cost_fn, cost_fp)
    return float(curve.thresholds[int(np.argmin(curve.cost_per_client))])


GRANTED, REFUSED, REFERRED = "granted", "refused", "referred"
OUTCOMES: tuple[str, ...] = (GRANTED, REFUSED, REFERRED)


def decide(
    probability: np.ndarray | float, threshold: float, referable_log_odds: np.ndarray | float = 0.0
) -> np.ndarray:
    """Return each outcome: granted below the threshold; referred when only missing inputs refuse.

    The rule: a refusal that would be a grant with the missing inputs a person can ask for
    (``referable_log_odds``, what they add to the log-odds of default) made neutral is not a
    refusal but a referral: a person decides, with those inputs in hand.
    """
    p = np.clip(np.asarray(probability, dtype=float), 1e-12, 1 - 1e-12)
    without_missing = np.log(p / (1 - p)) - np.asarray(referable_log_odds, dtype=float)
    would_grant = 1.0 / (1.0 + np.exp(-without_missing)) < threshold
    return np.where(p < threshold, GRANTED, np.where(would_grant, REFERRED, REFUSED))
