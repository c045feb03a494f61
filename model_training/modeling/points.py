"""Credit points: score = offset + factor * ln(odds good:bad), 600 points at 50:1, 20 to double."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class PointsScale:
    """The scaling of probabilities to points (stored in every bundle)."""

    base_points: float = 600.0
    base_odds: float = 50.0
    points_to_double_odds: float = 20.0

    @property
    def factor(self) -> float:
        """Return points per unit of log-odds (20 / ln 2 by default)."""
        return self.points_to_double_odds / math.log(2.0)

    @property
    def offset(self) -> float:
        """Return the points at even odds (about 487.1 by default)."""
        return self.base_points - self.factor * math.log(self.base_odds)

    def score(self, probability_of_default: np.ndarray | float) -> np.ndarray:
        """Return the points of a probability of default (not clamped)."""
        p = np.clip(np.asarray(probability_of_default, dtype=float), 1e-12, 1 - 1e-12)
        return self.offset + self.factor * np.log((1.0 - p) / p)

    def points_of_log_odds(self, log_odds_of_default: np.ndarray | float) -> np.ndarray:
        """Return the points of a log-odds of default: points = offset - factor * log-odds."""
        return self.offset - self.factor * np.asarray(log_odds_of_default, dtype=float)

    def contribution_points(self, shap_log_odds: np.ndarray | float) -> np.ndarray:
        """Convert SHAP contributions (log-odds of default) to points: -factor * phi."""
        return -self.factor * np.asarray(shap_log_odds, dtype=float)

    def to_dict(self) -> dict[str, float]:
        """Return the scale with its derived factor and offset, for the bundle metadata."""
        return {**asdict(self), "factor": self.factor, "offset": self.offset}
