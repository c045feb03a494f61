"""A window's fairness: approval (and, with outcomes, error) rates by group, Wilson intervals.

Groups are gender and age band (``evaluate.fairness``'s attributes and ``rates_by_group``);
each rate gets a 95 % Wilson score interval, which stays inside [0, 1] for small groups.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

from model_training.evaluate.fairness import MIN_GROUP_SIZE, rates_by_group
from model_training.modeling.decision import is_refused

CONFIDENCE = 0.95
# Each rate and the count it is a share of (rates_by_group's keys).
RATE_BASES = {
    "approval_rate": "n",
    "true_positive_rate": "n_defaulters",
    "false_positive_rate": "n_repaid",
}


def wilson_interval(
    successes: float, n: float, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Return the Wilson score interval of a proportion (NaN, NaN when n is 0)."""
    if n <= 0:
        return float("nan"), float("nan")
    z = float(norm.ppf(0.5 + confidence / 2))
    share = successes / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return float(max(centre - half, 0.0)), float(min(centre + half, 1.0))


def _approval_rows(groups: np.ndarray, refused: np.ndarray, attribute: str) -> list[dict]:
    """Return the approval rate of each group (no outcomes known)."""
    labels = np.where(groups == None, "missing", groups).astype(str)  # noqa: E711
    rows = []
    for level in sorted(set(labels.tolist())):
        mask = labels == level
        n = int(mask.sum())
        rows.append(
            {
                "attribute": attribute,
                "group": level,
                "n": n,
                "approval_rate": float((~refused[mask]).mean()),
                "is_small": n < MIN_GROUP_SIZE,
            }
        )
    return rows


def fairness_by_group(
    groups: dict[str, np.ndarray],
    probability: np.ndarray,
    threshold: float,
    outcome: np.ndarray | None = None,
) -> list[dict]:
    """Return rates by level of each attribute, each rate with its Wilson interval.

    Without outcomes only approval rates; with them (NaN: not known) the events with a known
    outcome and the report's rates (approval, true and false positive rates).
    """
    refused = is_refused(probability, threshold)
    rows: list[dict] = []
    for attribute, values in groups.items():
        labels = np.asarray(values, dtype=object)
        if outcome is None:
            rows += _approval_rows(labels, refused, attribute)
            continue
        known = ~np.isnan(np.asarray(outcome, dtype=float))
        y = np.asarray(outcome, dtype=float)[known].astype(np.int64)
        rows += rates_by_group(labels[known], y, refused[known], attribute)
    for row in rows:
        if "n_defaulters" in row:
            row["n_repaid"] = row["n"] - row["n_defaulters"]
        for rate, base in RATE_BASES.items():
            if rate in row:
                n = row[base]
                row[f"{rate}_interval"] = wilson_interval(row[rate] * n if n else 0.0, n)
    return rows
