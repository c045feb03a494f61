"""Credit points: 600 at odds 50:1, 20 points to double the odds, SHAP converts exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model_training.modeling.points import PointsScale


@pytest.mark.parametrize(
    ("odds_good_to_bad", "points"),
    [(50, 600.0), (100, 620.0), (25, 580.0), (1, 600 - 20 * math.log2(50))],
)
def test_score_follows_the_documented_scale(odds_good_to_bad: float, points: float) -> None:
    probability_of_default = 1 / (1 + odds_good_to_bad)
    assert PointsScale().score(probability_of_default) == pytest.approx(points)


def test_factor_and_offset_are_the_documented_constants() -> None:
    scale = PointsScale()
    assert scale.factor == pytest.approx(28.8539, abs=1e-4)
    assert scale.offset == pytest.approx(487.1229, abs=1e-4)


def test_contribution_points_add_up_to_the_score() -> None:
    scale = PointsScale()
    base, phi = -2.4, np.array([0.3, -0.8, 0.05])
    log_odds = base + phi.sum()
    total = scale.points_of_log_odds(base) + scale.contribution_points(phi).sum()
    assert total == pytest.approx(scale.score(1 / (1 + math.exp(-log_odds))))
