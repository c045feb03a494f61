"""Fairness of a window: rates by group with Wilson intervals."""

from __future__ import annotations

import math

import pytest

from model_training.monitoring.fairness import wilson_interval
from model_training.monitoring.statistics import window_statistics
from tests.model_training.monitoring.test_statistics import FACTS, tiny


def test_the_wilson_interval_of_two_out_of_four() -> None:
    # centre (0.5 + z²/8) / (1 + z²/4) = 0.5; half z / (1 + z²/4) sqrt(1/16 + z²/64) = 0.35.
    low, high = wilson_interval(2, 4)
    assert low == pytest.approx(0.1500, abs=1e-4)
    assert high == pytest.approx(0.8500, abs=1e-4)
    assert wilson_interval(0, 5)[0] == 0.0
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_fairness_rates_carry_wilson_intervals() -> None:
    rows = window_statistics(tiny(), FACTS)["fairness"]
    women = next(r for r in rows if r["group"] == "F")
    # F: p 0.05 (granted, repaid) and 0.3 (refused, default): approval 1/2, Wilson 95 %:
    # centre 0.5, half-width z / (1 + z²/2) * sqrt(0.25/2 + z²/16) = 0.4055: (0.0945, 0.9055).
    assert women["approval_rate"] == 0.5
    low, high = women["approval_rate_interval"]
    assert low == pytest.approx(0.0945, abs=1e-3)
    assert high == pytest.approx(0.9055, abs=1e-3)
    assert women["true_positive_rate"] == 1.0
    # M: p 0.1 (granted, default) and 0.6 (referred, outcome unknown): the approval rate counts
    # both events, the error rates the one known: its defaulter was granted, TPR 0.
    men = next(r for r in rows if r["group"] == "M")
    assert (men["n"], men["approval_rate"], men["n_with_outcome"]) == (2, 0.5, 1)
    assert men["true_positive_rate"] == 0.0
    assert men["true_positive_rate_interval"][0] == 0.0
