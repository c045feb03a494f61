"""A window's fairness: approval (and, with outcomes, error) rates by group, Wilson intervals.

Groups are gender and age band (``evaluate.fairness``'s groups; its ``rates_by_group`` gives
the error rates); each rate gets a 95 % Wilson score interval, which stays inside [0, 1] for
small groups.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
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


def _labels(values: np.ndarray) -> np.ndarray:
    """Return the group labels as text, a missing label as "missing" (as the report)."""
    return pd.Series(values, dtype=object).fillna("missing").astype(str).to_numpy()


def _approval_rows(labels: np.ndarray, refused: np.ndarray, attribute: str) -> list[dict]:
    """Return the approval rate of each group, over every event of the window."""
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


def _error_rates(labels: np.ndarray, refused: np.ndarray, outcome: np.ndarray) -> dict:
    """Return each group's error rates over its events with a known outcome, by group."""
    known = ~np.isnan(outcome)
    y = outcome[known].astype(np.int64)
    rows = rates_by_group(labels[known], y, refused[known], "")
    return {
        row["group"]: {
            "n_with_outcome": row["n"],
            "n_defaulters": row["n_defaulters"],
            "n_repaid": row["n"] - row["n_defaulters"],
            "default_rate": row["default_rate"],
            "true_positive_rate": row["true_positive_rate"],
            "false_positive_rate": row["false_positive_rate"],
        }
        for row in rows
    }


def fairness_by_group(
    groups: dict[str, np.ndarray],
    probability: np.ndarray,
    threshold: float,
    outcome: np.ndarray | None = None,
) -> list[dict]:
    """Return rates by level of each attribute, each rate with its Wilson interval.

    The approval rate counts every event; with outcomes (NaN: not known yet), the report's true
    and false positive rates count the events whose outcome is known.
    """
    refused = is_refused(probability, threshold)
    rows: list[dict] = []
    for attribute, values in groups.items():
        labels = _labels(values)
        found = _approval_rows(labels, refused, attribute)
        if outcome is not None:
            errors = _error_rates(labels, refused, np.asarray(outcome, dtype=float))
            for row in found:
                row.update(errors.get(row["group"], {"n_with_outcome": 0}))
        rows += found
    for row in rows:
        for rate, base in RATE_BASES.items():
            if rate in row:
                n = row[base]
                row[f"{rate}_interval"] = wilson_interval(row[rate] * n if n else 0.0, n)
    return rows
