"""A window's monitoring indicators: one value each, read against warn and alert thresholds.

The one owner of the indicators' names (in the order the API gives them), their direction
and default thresholds (docs/monitoring.md). An indicator's value comes from the window's
statistics (``statistics.window_statistics``) and, for the approval rate, the expected cost
and the groups' approval ratio, from what the bundle measured at training (its out-of-fold
``Baseline``): each measures a change since training (the fairness at training itself is the
model report's). Its status is
"unknown" when the value is missing (no outcome yet, an older bundle without the baseline) or
the window holds fewer events than ``min_events``; else "alert" at or past the alert
threshold, "warn" at or past the warn one, "ok" otherwise ("above": larger is worse;
"below": smaller is worse). The PSI's thresholds are ``presentation.drift_bands``' edges.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from model_training.presentation.drift_bands import MODERATE, PSI_DIGITS, SIGNIFICANT

Direction = Literal["above", "below"]
Status = Literal["ok", "warn", "alert", "unknown"]
OK: Status = "ok"
WARN: Status = "warn"
ALERT: Status = "alert"
UNKNOWN: Status = "unknown"
ABOVE: Direction = "above"
BELOW: Direction = "below"


@dataclass(frozen=True)
class Threshold:
    """An indicator's warn and alert levels, and which side of them is worse."""

    warn: float
    alert: float
    direction: Direction = ABOVE

    def problem(self) -> str | None:
        """Return why the levels are inconsistent (warn must come before alert), or None."""
        if not (math.isfinite(self.warn) and math.isfinite(self.alert)):
            return f"warn and alert must be finite numbers, got {self.warn!r}, {self.alert!r}"
        if self.direction == ABOVE and not self.warn < self.alert:
            return (
                f"warn must be below alert (larger is worse), got {self.warn!r} >= {self.alert!r}"
            )
        if self.direction == BELOW and not self.warn > self.alert:
            return (
                f"warn must be above alert (smaller is worse), got {self.warn!r} <= {self.alert!r}"
            )
        return None

    def status(self, value: float | None) -> Status:
        """Return the status of a value (unknown when it is None or NaN)."""
        if value is None or math.isnan(value):
            return UNKNOWN
        sign = 1.0 if self.direction == ABOVE else -1.0
        if sign * value >= sign * self.alert:
            return ALERT
        return WARN if sign * value >= sign * self.warn else OK


Thresholds = Mapping[str, Threshold]  # indicator name -> its threshold

DEFAULT_THRESHOLDS: dict[str, Threshold] = {
    "score_psi": Threshold(MODERATE, SIGNIFICANT),
    "feature_psi_max": Threshold(MODERATE, SIGNIFICANT),
    "approval_rate_shift": Threshold(0.05, 0.10),
    "expected_cost_ratio": Threshold(1.10, 1.25),
    "gini_drop": Threshold(0.05, 0.10),
    "calibration_gap": Threshold(0.02, 0.05),
    "approval_ratio_drop": Threshold(0.05, 0.10),
}
INDICATOR_NAMES: tuple[str, ...] = tuple(DEFAULT_THRESHOLDS)
# A PSI is read as shown (drift_bands.reading): its status agrees with the band beside it.
READ_ROUNDED = {"score_psi": PSI_DIGITS, "feature_psi_max": PSI_DIGITS}


@dataclass(frozen=True)
class Baseline:
    """What the bundle measured out of fold at training (None: an older bundle lacks it)."""

    approval_rate: float | None = None
    expected_cost: float | None = None  # per decision, by decisions.expected_cost
    # Each fairness attribute's approval ratio (``approval_ratios``) of the train clients.
    approval_ratios: Mapping[str, float] = field(default_factory=dict)


def _number(value: float | None) -> float | None:
    """Return a float, or None for None and NaN."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _feature_psi_max(rows: Iterable[dict]) -> float | None:
    """Return the largest PSI of the features the window measured."""
    values = [_number(row["psi"]) for row in rows if row["n"]]
    known = [value for value in values if value is not None]
    return max(known) if known else None


def approval_ratios(rows: Iterable[dict]) -> dict[str, float]:
    """Return each attribute's smallest group approval rate over its largest (groups flagged
    small left out; an attribute needs two groups and an approval)."""
    by_attribute: dict[str, list[float]] = {}
    for row in rows:
        if not row["is_small"]:
            by_attribute.setdefault(row["attribute"], []).append(row["approval_rate"])
    return {
        attribute: min(rates) / max(rates)
        for attribute, rates in by_attribute.items()
        if len(rates) >= 2 and max(rates) > 0
    }


def _approval_ratio_drop(rows: Iterable[dict], baseline: Baseline) -> float | None:
    """Return the largest fall of an attribute's approval ratio from its training one."""
    drops = [
        baseline.approval_ratios[attribute] - ratio
        for attribute, ratio in approval_ratios(rows).items()
        if attribute in baseline.approval_ratios
    ]
    return max(drops) if drops else None


def indicator_values(statistics: dict, baseline: Baseline) -> dict[str, float | None]:
    """Return each indicator's value in a window (None: it cannot be measured)."""
    outcomes = statistics.get("outcomes") or {}
    approval = _number(statistics.get("approval_rate"))
    cost = _number(statistics.get("expected_cost"))
    gini, expected_gini = _number(outcomes.get("gini")), _number(outcomes.get("expected_gini"))
    observed, predicted = (
        _number(outcomes.get("default_rate")),
        _number(outcomes.get("mean_predicted")),
    )
    return {
        "score_psi": _number(statistics["score_drift"]["psi"]),
        "feature_psi_max": _feature_psi_max(statistics.get("feature_drift", [])),
        "approval_rate_shift": (
            abs(approval - baseline.approval_rate)
            if approval is not None and baseline.approval_rate is not None
            else None
        ),
        "expected_cost_ratio": (
            cost / baseline.expected_cost
            if cost is not None and baseline.expected_cost  # None or 0: no ratio
            else None
        ),
        "gini_drop": (
            expected_gini - gini if gini is not None and expected_gini is not None else None
        ),
        "calibration_gap": (
            abs(observed - predicted) if observed is not None and predicted is not None else None
        ),
        "approval_ratio_drop": _approval_ratio_drop(statistics.get("fairness", []), baseline),
    }


def indicators(
    statistics: dict, baseline: Baseline, thresholds: Thresholds, min_events: int
) -> list[dict]:
    """Return each indicator of a window: name, value, status, warn and alert levels."""
    values = indicator_values(statistics, baseline)
    enough = statistics["n"] >= min_events
    rows = []
    for name in INDICATOR_NAMES:
        threshold = thresholds.get(name, DEFAULT_THRESHOLDS[name])
        value = values[name]
        read = (
            value if value is None or name not in READ_ROUNDED else round(value, READ_ROUNDED[name])
        )
        rows.append(
            {
                "name": name,
                "value": value,
                "status": threshold.status(read) if enough else UNKNOWN,
                "warn": threshold.warn,
                "alert": threshold.alert,
            }
        )
    return rows


def thresholds_document(thresholds: Thresholds) -> dict[str, dict]:
    """Return the thresholds as the API gives them: warn, alert, direction by indicator."""
    return {
        name: {
            "warn": thresholds[name].warn,
            "alert": thresholds[name].alert,
            "direction": thresholds[name].direction,
        }
        for name in INDICATOR_NAMES
    }
