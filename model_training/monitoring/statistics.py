"""The statistics of one window of scoring events against the bundle's reference."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from model_training.bundle.metadata import Costs
from model_training.bundle.reference import MonitoringReference
from model_training.modeling.points import PointsScale
from model_training.monitoring.decisions import decision_rates, expected_cost
from model_training.monitoring.drift import variable_drift
from model_training.monitoring.fairness import fairness_by_group
from model_training.monitoring.outcomes import outcome_statistics


@dataclass(frozen=True)
class WindowEvents:
    """One window's events as arrays, one row an event (bins from ``binning.bin_values``).

    ``outcome``: 1 default, 0 repaid, NaN not known yet (None: no outcome at all);
    ``groups``: attribute name -> each event's group label (gender, age band).
    """

    probability: np.ndarray
    decision: np.ndarray
    score_bin: np.ndarray
    feature_bins: dict[str, np.ndarray] = field(default_factory=dict)
    outcome: np.ndarray | None = None
    groups: dict[str, np.ndarray] = field(default_factory=dict)

    def take(self, rows: np.ndarray) -> WindowEvents:
        """Return the events of ``rows`` (a window of a longer stream)."""
        return WindowEvents(
            self.probability[rows],
            self.decision[rows],
            self.score_bin[rows],
            {name: bins[rows] for name, bins in self.feature_bins.items()},
            None if self.outcome is None else self.outcome[rows],
            {name: labels[rows] for name, labels in self.groups.items()},
        )


@dataclass(frozen=True)
class ModelFacts:
    """What the statistics read from the bundle: threshold, points scale, costs, reference."""

    threshold: float
    scale: PointsScale
    costs: Costs
    reference: MonitoringReference


def window_statistics(events: WindowEvents, model: ModelFacts) -> dict:
    """Return a window's volume, rates, drift, expected cost, outcomes and fairness."""
    reference = model.reference
    features = [
        variable_drift(reference.variable(name), bins) for name, bins in events.feature_bins.items()
    ]
    features.sort(key=lambda row: -row["psi"] if row["n"] else 0.0)
    has_outcome = events.outcome is not None and bool(np.any(~np.isnan(events.outcome)))
    return {
        **decision_rates(events.decision),
        **expected_cost(events.probability, model.threshold, model.costs),
        "score_drift": variable_drift(reference.score, events.score_bin),
        "feature_drift": features,
        "outcomes": (
            outcome_statistics(
                events.probability, events.outcome, model.threshold, model.scale, model.costs
            )
            if has_outcome and events.outcome is not None
            else None
        ),
        "fairness": fairness_by_group(
            events.groups,
            events.probability,
            model.threshold,
            events.outcome if has_outcome else None,
        ),
    }
