"""Window statistics, hand-checked on a tiny stream, and their edge cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model_training.bundle.metadata import Costs
from model_training.bundle.reference import NUMERIC, SCORE, BinnedVariable, MonitoringReference
from model_training.modeling.points import PointsScale
from model_training.monitoring.statistics import ModelFacts, WindowEvents, window_statistics

# Score bins: <= 500, (500, 600], > 600, missing; training shares 0.25, 0.25, 0.5, 0.
REFERENCE = MonitoringReference(
    score=BinnedVariable(SCORE, NUMERIC, (25, 25, 50, 0), edges=(500.0, 600.0)),
    features=(BinnedVariable("INCOME", NUMERIC, (50, 50, 0), edges=(100.0,)),),
    n_clients=100,
)
FACTS = ModelFacts(0.25, PointsScale(), Costs(false_negative=10.0, false_positive=1.0), REFERENCE)


def tiny() -> WindowEvents:
    """Return four events: two granted, one refused, one referred; one outcome unknown."""
    return WindowEvents(
        probability=np.array([0.05, 0.1, 0.3, 0.6]),
        decision=np.array(["granted", "granted", "refused", "referred"]),
        score_bin=np.array([0, 0, 1, 2]),
        feature_bins={"INCOME": np.array([0, 1, 0, 1])},
        outcome=np.array([0.0, 1.0, 1.0, np.nan]),
        groups={"gender": np.array(["F", "M", "F", "M"], dtype=object)},
    )


def test_a_tiny_stream_gives_the_hand_computed_numbers() -> None:
    stats = window_statistics(tiny(), FACTS)
    assert stats["n"] == 4
    assert (stats["approval_rate"], stats["refusal_rate"], stats["referral_rate"]) == (
        0.5,
        0.25,
        0.25,
    )
    # Expected cost: granted p 0.05 and 0.1 -> 10 * 0.15 / 4 = 0.375; refused (and referred)
    # p 0.3 and 0.6 -> 1 * (0.7 + 0.4) / 4 = 0.275.
    assert stats["expected_fn_cost"] == pytest.approx(0.375)
    assert stats["expected_fp_cost"] == pytest.approx(0.275)
    assert stats["expected_cost"] == pytest.approx(0.65)
    # Score shares 0.5, 0.25, 0.25, 0 against 0.25, 0.25, 0.5, 0: PSI = 0.25 ln 2 + 0.25 ln 2.
    score = stats["score_drift"]
    assert score["psi"] == pytest.approx(0.5 * math.log(2))
    assert score["reading"] == "significant"
    # Chi-square over the bins either fills (the missing bin is empty in both): expected
    # counts 4 x (0.25, 0.25, 0.5) = 1, 1, 2 against 2, 1, 1: 1 + 0 + 0.5.
    expected = np.array([1.0, 1.0, 2.0])
    observed = np.array([2, 1, 1])
    assert score["chi2"] == pytest.approx(1.5)
    assert score["chi2"] == pytest.approx(float(np.sum((observed - expected) ** 2 / expected)))
    assert stats["feature_drift"][0]["psi"] == pytest.approx(0.0)  # 2 and 2 as 50 and 50


def test_outcomes_of_a_tiny_stream() -> None:
    outcomes = window_statistics(tiny(), FACTS)["outcomes"]
    # Known: p 0.05 (repaid), 0.1 (default), 0.3 (default).
    assert outcomes["n_with_outcome"] == 3
    assert outcomes["default_rate"] == pytest.approx(2 / 3)
    assert outcomes["auc"] == 1.0
    assert outcomes["gini"] == 1.0
    # Expected AUC: pairs (i, j) weigh p_i (1 - p_j); concordant 0.1x0.95 + 0.3x0.95 + 0.3x0.9
    # = 0.65, discordant 0.05x0.9 + 0.05x0.7 + 0.1x0.7 = 0.15: 0.65 / 0.8.
    assert outcomes["expected_auc"] == pytest.approx(0.8125)
    # Refused at 0.25: only p 0.3 (a defaulter). Granted defaulter p 0.1 costs 10: 10 / 3.
    assert outcomes["realised_cost"] == pytest.approx(10 / 3)
    bands = {row["band"]: row for row in outcomes["by_band"]}
    assert sum(row["n"] for row in bands.values()) == 3
    assert sum(row["defaults"] for row in bands.values()) == 2
    assert sum(b["n"] for b in outcomes["calibration"]) == 3


def test_a_window_without_outcomes_has_drift_and_cost_but_no_outcome_indicators() -> None:
    events = tiny()
    events = WindowEvents(
        events.probability,
        events.decision,
        events.score_bin,
        events.feature_bins,
        None,
        events.groups,
    )
    stats = window_statistics(events, FACTS)
    assert stats["outcomes"] is None
    assert stats["expected_cost"] == pytest.approx(0.65)
    assert {r["group"]: r["approval_rate"] for r in stats["fairness"]} == {"F": 0.5, "M": 0.5}
    assert "true_positive_rate" not in stats["fairness"][0]


def test_an_empty_window_answers_nan_without_failing() -> None:
    empty = np.array([], dtype=float)
    events = WindowEvents(
        empty,
        np.array([], dtype=str),
        np.array([], dtype=np.int16),
        {"INCOME": np.array([], dtype=np.int16)},
        empty,
    )
    stats = window_statistics(events, FACTS)
    assert stats["n"] == 0
    assert math.isnan(stats["approval_rate"])
    assert math.isnan(stats["expected_cost"])
    assert math.isnan(stats["score_drift"]["psi"])
    assert stats["score_drift"]["reading"] is None
    assert stats["outcomes"] is None


def test_a_bin_never_seen_at_training_stays_finite() -> None:
    events = tiny()
    missing = np.full(4, 3)  # every score in the missing bin, empty at training
    stats = window_statistics(WindowEvents(events.probability, events.decision, missing), FACTS)
    score = stats["score_drift"]
    assert math.isfinite(score["psi"])
    assert score["reading"] == "significant"
    assert math.isfinite(score["chi2"])
    assert score["p_value"] < 1e-6
