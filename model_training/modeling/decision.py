"""The decision rule, and the threshold that minimises the expected business cost of errors.

A client is refused when the probability of default is at or above the threshold
(``is_refused``, the one place the comparison is written). A missed
defaulter (granted, then defaults: false negative) costs ``cost_fn``; a wrongly refused good
client (false positive) costs ``cost_fp``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit


def probability_of_log_odds(log_odds: np.ndarray | float) -> np.ndarray:
    """Return probabilities of default from the model's log-odds (the logistic function)."""
    return expit(np.asarray(log_odds, dtype=float))


def log_odds_of_probability(probability: np.ndarray | float) -> np.ndarray:
    """Return the log-odds of probabilities of default (kept off 0 and 1)."""
    return logit(np.clip(np.asarray(probability, dtype=float), 1e-12, 1 - 1e-12))


def is_refused(probability: np.ndarray | float, threshold: float) -> np.ndarray:
    """Tell, for each probability of default, whether the model refuses it at this threshold."""
    return np.asarray(probability, dtype=float) >= threshold


def refusal_rate(probability: np.ndarray, threshold: float) -> float:
    """Return the share of probabilities the model refuses at this threshold (NaN if none).

    The model's rule alone: a referral (a refusal resting on missing inputs) counts as refused.
    """
    refused = is_refused(probability, threshold)
    return float(refused.mean()) if refused.size else float("nan")


@dataclass(frozen=True)
class CostCurve:
    """Expected cost per client for every candidate threshold."""

    thresholds: np.ndarray
    cost_per_client: np.ndarray


def cost_per_client(
    y: np.ndarray, probability: np.ndarray, threshold: float, cost_fn: float, cost_fp: float
) -> float:
    """Return the average cost per client when refusing as ``is_refused`` says."""
    refused = is_refused(probability, threshold)
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
    without_missing = log_odds_of_probability(probability) - np.asarray(
        referable_log_odds, dtype=float
    )
    would_refuse = is_refused(probability_of_log_odds(without_missing), threshold)
    return np.where(
        ~is_refused(probability, threshold), GRANTED, np.where(would_refuse, REFUSED, REFERRED)
    )
