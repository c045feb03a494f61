"""A window's indicators, hand-checked: values from statistics and baseline, status at each edge."""

from __future__ import annotations

import math

import pytest

from model_training.monitoring.indicators import (
    DEFAULT_THRESHOLDS,
    INDICATOR_NAMES,
    Baseline,
    Threshold,
    approval_ratios,
    indicator_values,
    indicators,
    thresholds_document,
)
from model_training.presentation.drift_bands import MODERATE, SIGNIFICANT

NAN = float("nan")
BASELINE = Baseline(
    approval_rate=0.90, expected_cost=0.50, approval_ratios={"gender": 0.95, "age band": 0.85}
)


def fairness_row(attribute: str, group: str, approval: float, small: bool = False) -> dict:
    """Return one fairness row as fairness_by_group gives it (the keys indicators read)."""
    return {"attribute": attribute, "group": group, "approval_rate": approval, "is_small": small}


def statistics(**changes: object) -> dict:
    """Return a window's statistics (the keys indicators read), with some changed."""
    base = {
        "n": 200,
        "approval_rate": 0.82,
        "expected_cost": 0.60,
        "score_drift": {"psi": 0.05},
        "feature_drift": [{"psi": 0.30, "n": 200}, {"psi": 0.12, "n": 200}, {"psi": NAN, "n": 0}],
        "outcomes": {
            "gini": 0.40,
            "expected_gini": 0.47,
            "default_rate": 0.11,
            "mean_predicted": 0.08,
        },
        "fairness": [
            fairness_row("gender", "F", 0.80),
            fairness_row("gender", "M", 0.90),
            fairness_row("gender", "XNA", 0.10, small=True),  # small: left out
            fairness_row("age band", "20-30", 0.60),
            fairness_row("age band", "30-40", 0.75),
        ],
    }
    return base | changes


def test_the_names_come_in_the_contract_order_and_psi_edges_are_the_drift_bands() -> None:
    assert INDICATOR_NAMES == (
        "score_psi",
        "feature_psi_max",
        "approval_rate_shift",
        "expected_cost_ratio",
        "gini_drop",
        "calibration_gap",
        "approval_ratio_drop",
    )
    for name in ("score_psi", "feature_psi_max"):
        assert (DEFAULT_THRESHOLDS[name].warn, DEFAULT_THRESHOLDS[name].alert) == (
            MODERATE,
            SIGNIFICANT,
        )
    assert {threshold.direction for threshold in DEFAULT_THRESHOLDS.values()} == {"above"}


def test_values_by_hand() -> None:
    values = indicator_values(statistics(), BASELINE)
    assert values["score_psi"] == 0.05
    assert values["feature_psi_max"] == 0.30  # the empty feature's NaN is left out
    assert values["approval_rate_shift"] == pytest.approx(0.08)  # |0.82 - 0.90|
    assert values["expected_cost_ratio"] == pytest.approx(1.2)  # 0.60 / 0.50
    assert values["gini_drop"] == pytest.approx(0.07)  # 0.47 - 0.40
    assert values["calibration_gap"] == pytest.approx(0.03)  # |0.11 - 0.08|
    # age: 0.85 at training, 0.60 / 0.75 = 0.8 now; gender: 0.95, 0.8 / 0.9 = 0.889 now
    assert values["approval_ratio_drop"] == pytest.approx(0.95 - 0.8 / 0.9)


def test_statuses_by_hand() -> None:
    rows = indicators(statistics(), BASELINE, DEFAULT_THRESHOLDS, min_events=100)
    assert [(row["name"], row["status"]) for row in rows] == [
        ("score_psi", "ok"),
        ("feature_psi_max", "alert"),
        ("approval_rate_shift", "warn"),
        ("expected_cost_ratio", "warn"),
        ("gini_drop", "warn"),
        ("calibration_gap", "warn"),
        ("approval_ratio_drop", "warn"),  # 0.061
    ]
    assert rows[0] == {
        "name": "score_psi",
        "value": 0.05,
        "status": "ok",
        "warn": 0.1,
        "alert": 0.25,
    }


def test_without_outcomes_baseline_or_groups_those_indicators_are_unknown() -> None:
    window = statistics(outcomes=None, fairness=[fairness_row("gender", "F", 0.8)])
    rows = indicators(window, Baseline(), DEFAULT_THRESHOLDS, min_events=100)
    unknown = [row["name"] for row in rows if row["status"] == "unknown"]
    assert unknown == [
        "approval_rate_shift",
        "expected_cost_ratio",
        "gini_drop",
        "calibration_gap",
        "approval_ratio_drop",  # no training ratio (and one group of an attribute)
    ]
    assert all(row["value"] is None for row in rows if row["name"] in unknown)


def test_a_window_under_min_events_is_unknown_but_keeps_its_values() -> None:
    rows = indicators(statistics(n=99), BASELINE, DEFAULT_THRESHOLDS, min_events=100)
    assert {row["status"] for row in rows} == {"unknown"}
    assert rows[0]["value"] == 0.05
    rows = indicators(statistics(n=100), BASELINE, DEFAULT_THRESHOLDS, min_events=100)
    assert rows[0]["status"] == "ok"


def test_an_empty_window_is_unknown_everywhere() -> None:
    empty = statistics(
        n=0,
        approval_rate=NAN,
        expected_cost=NAN,
        score_drift={"psi": NAN},
        feature_drift=[],
        outcomes=None,
        fairness=[],
    )
    rows = indicators(empty, BASELINE, DEFAULT_THRESHOLDS, min_events=0)
    assert {row["status"] for row in rows} == {"unknown"}
    assert all(row["value"] is None for row in rows)


@pytest.mark.parametrize(
    ("value", "status"),
    [(0.0, "ok"), (0.0994, "ok"), (0.0996, "warn"), (0.10, "warn"), (0.2494, "warn"),
     (0.2496, "alert"), (0.25, "alert"), (3.0, "alert")],
)  # fmt: skip
def test_the_psi_status_reads_the_psi_as_shown_like_its_band(value: float, status: str) -> None:
    rows = indicators(
        statistics(score_drift={"psi": value}), BASELINE, DEFAULT_THRESHOLDS, min_events=1
    )
    assert rows[0]["status"] == status


@pytest.mark.parametrize(
    ("value", "status"),
    [(0.0499, "ok"), (0.05, "warn"), (0.0999, "warn"), (0.10, "alert"), (0.5, "alert")],
)
def test_an_above_threshold_at_and_around_its_edges(value: float, status: str) -> None:
    assert Threshold(0.05, 0.10).status(value) == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (1.0, "ok"),
        (0.9001, "ok"),
        (0.90, "warn"),
        (0.8001, "warn"),
        (0.80, "alert"),
        (0.0, "alert"),
    ],
)
def test_a_below_threshold_at_and_around_its_edges(value: float, status: str) -> None:
    assert Threshold(0.90, 0.80, "below").status(value) == status


def test_a_missing_value_is_unknown() -> None:
    assert Threshold(0.05, 0.10).status(None) == "unknown"
    assert Threshold(0.05, 0.10).status(NAN) == "unknown"


def test_warn_must_come_before_alert_in_the_direction() -> None:
    assert Threshold(0.05, 0.10).problem() is None
    assert "below alert" in (Threshold(0.10, 0.10).problem() or "")
    assert Threshold(0.90, 0.80, "below").problem() is None
    assert "above alert" in (Threshold(0.80, 0.90, "below").problem() or "")
    assert "finite" in (Threshold(math.inf, 1.0).problem() or "")
    assert all(threshold.problem() is None for threshold in DEFAULT_THRESHOLDS.values())


def test_a_zero_baseline_cost_gives_no_ratio() -> None:
    values = indicator_values(statistics(), Baseline(0.9, 0.0))
    assert values["expected_cost_ratio"] is None


def test_the_thresholds_document() -> None:
    document = thresholds_document(DEFAULT_THRESHOLDS)
    assert list(document) == list(INDICATOR_NAMES)
    assert document["approval_ratio_drop"] == {"warn": 0.05, "alert": 0.1, "direction": "above"}


def test_an_approval_ratio_is_compared_with_its_own_attribute_at_training() -> None:
    window = statistics(
        fairness=[fairness_row("age band", "20-30", 0.6), fairness_row("age band", "30-40", 0.8)]
    )
    assert approval_ratios(window["fairness"]) == {"age band": pytest.approx(0.75)}
    values = indicator_values(window, Baseline(approval_ratios={"gender": 1.0, "age band": 0.7}))
    assert values["approval_ratio_drop"] == pytest.approx(-0.05)  # fairer than at training
    values = indicator_values(window, Baseline(approval_ratios={"gender": 1.0}))
    assert values["approval_ratio_drop"] is None  # no attribute measured in both
