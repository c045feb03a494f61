"""A window's fairness: approval (and, with outcomes, error) rates by group, Wilson intervals.

Groups are gender and age band (``evaluate.fairness``'s groups; its ``group_rates`` gives the
error rates); each rate gets a 95 % Wilson score interval, which stays inside [0, 1] for
small groups.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

from model_training.evaluate.fairness import MIN_GROUP_SIZE, group_rates
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


def _codes(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Return each event's group code and the group labels (a missing label is "missing")."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    labels = [str(u) for u in uniques]
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels.append("missing")
    return codes, labels


def _group_rows(
    values: np.ndarray, refused: np.ndarray, outcome: np.ndarray | None, attribute: str
) -> list[dict]:
    """Return each group's approval rate over every event, error rates over known outcomes."""
    codes, labels = _codes(values)
    known = None if outcome is None else ~np.isnan(outcome)
    rows = []
    for code, level in sorted(enumerate(labels), key=lambda item: item[1]):
        mask = codes == code
        n = int(mask.sum())
        row = {
            "attribute": attribute,
            "group": level,
            "n": n,
            "approval_rate": float((~refused[mask]).mean()),
            "is_small": n < MIN_GROUP_SIZE,
        }
        if outcome is not None and known is not None:
            with_outcome = mask & known
            rates = group_rates(outcome[with_outcome].astype(np.int64), refused[with_outcome])
            row |= {
                "n_with_outcome": rates["n"],
                "n_defaulters": rates["n_defaulters"],
                "n_repaid": rates["n"] - rates["n_defaulters"],
                "default_rate": rates["default_rate"],
                "true_positive_rate": rates["true_positive_rate"],
                "false_positive_rate": rates["false_positive_rate"],
            }
        rows.append(row)
    return rows


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
    known_outcome = None if outcome is None else np.asarray(outcome, dtype=float)
    for attribute, values in groups.items():
        rows += _group_rows(np.asarray(values, dtype=object), refused, known_outcome, attribute)
    for row in rows:
        for rate, base in RATE_BASES.items():
            if rate in row:
                n = row[base]
                row[f"{rate}_interval"] = wilson_interval(row[rate] * n if n else 0.0, n)
    return rows
