"""Risk bands: the credit score's distance to the decision threshold, one band a doubling of odds.

With ``T`` the threshold in points and ``pdo`` the points to double the odds (20 by default):
A, very low risk: score > T + 2 pdo; B, low: T + pdo < score <= T + 2 pdo; C, moderate:
T < score <= T + pdo; D, high: T - pdo < score <= T; E, very high: score <= T - pdo.
Refused means a probability at or above the threshold (``decision.is_refused``), that is a
score at or below ``T``: D and E are exactly the refused (or referred) clients, A to C the
granted ones. A referral is a decision, not a band: a referred client is in D or E.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model_training.modeling.decision import is_refused
from model_training.modeling.points import PointsScale


@dataclass(frozen=True)
class RiskBand:
    """One risk band: its letter and its label (fr, en)."""

    code: str
    label_fr: str
    label_en: str

    def label(self, lang: str = "fr") -> str:
        """Return the band's label in ``lang`` (fr or en)."""
        return self.label_fr if lang == "fr" else self.label_en


# Safest first; the lower edge of band i is T + (2 - i) * pdo (band E has none).
RISK_BANDS: tuple[RiskBand, ...] = (
    RiskBand("A", "risque très faible", "very low risk"),
    RiskBand("B", "risque faible", "low risk"),
    RiskBand("C", "risque modéré", "moderate risk"),
    RiskBand("D", "risque élevé", "high risk"),
    RiskBand("E", "risque très élevé", "very high risk"),
)
BAND_CODES: tuple[str, ...] = tuple(band.code for band in RISK_BANDS)
BAND_BY_CODE: dict[str, RiskBand] = {band.code: band for band in RISK_BANDS}


def band_edges(threshold_points: float, points_to_double_odds: float) -> np.ndarray:
    """Return the four band edges in points, increasing: T - pdo, T, T + pdo, T + 2 pdo."""
    return threshold_points + points_to_double_odds * np.arange(-1.0, 3.0)


def risk_band_index(points: np.ndarray | float, threshold_points: float, pdo: float) -> np.ndarray:
    """Return each score's band as an index into ``RISK_BANDS`` (0 = A ... 4 = E)."""
    # side="left": an edge belongs to the band below it (a score equal to T is refused).
    above = np.searchsorted(band_edges(threshold_points, pdo), np.asarray(points, dtype=float))
    return 4 - above


def risk_bands(probability: np.ndarray | float, threshold: float, scale: PointsScale) -> np.ndarray:
    """Return each probability of default's band letter under the decision threshold.

    The C/D edge is the decision rule itself (``is_refused``), so rounding in the points can
    never put a refused client in C or a granted one in D.
    """
    p = np.asarray(probability, dtype=float)
    index = risk_band_index(
        scale.score(p), float(scale.score(threshold)), scale.points_to_double_odds
    )
    refused = is_refused(p, threshold)
    index = np.where(refused, np.maximum(index, 3), np.minimum(index, 2))
    return np.asarray(BAND_CODES)[index]
