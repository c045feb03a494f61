"""Metrics on tiny hand-made arrays, with exact expected values."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.evaluate import metrics

Y = np.array([0, 0, 0, 1, 0, 1, 1, 0])
P = np.array([0.1, 0.2, 0.3, 0.35, 0.4, 0.6, 0.8, 0.9])
FOLD = np.array([0, 1, 0, 1, 0, 1, 0, 1])


def test_confusion_at_threshold_counts_each_cell() -> None:
    found = metrics.confusion_at(Y, P, 0.5)
    assert (found["tn"], found["fp"], found["fn"], found["tp"]) == (4, 1, 1, 2)
    assert found["n"] == 8
    assert found["refusal_rate"] == pytest.approx(3 / 8)
    assert found["true_positive_rate"] == pytest.approx(2 / 3)
    assert found["false_positive_rate"] == pytest.approx(1 / 5)
    assert found["precision"] == pytest.approx(2 / 3)


def test_confusion_refuses_at_exactly_the_threshold() -> None:
    found = metrics.confusion_at(Y, P, 0.35)
    assert (found["tn"], found["fp"], found["fn"], found["tp"]) == (3, 2, 0, 3)


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (0.0, 5 / 8),  # everyone refused: five good clients at cost 1
        (0.5, (10 * 1 + 1) / 8),  # one defaulter granted, one good client refused
        (0.95, 30 / 8),  # everyone granted: three defaulters at cost 10
    ],
)
def test_costs_on_grid_match_hand_counts(threshold: float, expected: float) -> None:
    found = metrics.costs_on_grid(Y, P, np.array([threshold]), 10.0, 1.0)
    assert found[0] == pytest.approx(expected)


def test_cost_by_threshold_marks_the_chosen_threshold_and_half() -> None:
    found = metrics.cost_by_threshold(Y, P, FOLD, 0.35, 10.0, 1.0)
    assert found["chosen"] == {"threshold": 0.35, "cost_per_client": pytest.approx(2 / 8)}
    assert found["half"]["cost_per_client"] == pytest.approx(11 / 8)
    assert 0.35 in found["thresholds"]
    assert len(found["thresholds"]) == len(found["cost_per_client"]) == len(found["cost_fold_std"])


def test_roc_of_a_perfect_ranking_has_auc_one_in_every_fold() -> None:
    y = np.array([0, 0, 1, 1, 0, 0, 1, 1])
    p = np.array([0.1, 0.2, 0.8, 0.9, 0.15, 0.25, 0.7, 0.95])
    fold = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    found = metrics.roc_by_fold(y, p, fold)
    assert [f["auc"] for f in found["folds"]] == [1.0, 1.0]
    assert found["auc_std"] == 0.0
    assert found["tpr_mean"][0] == 0.0
    assert found["tpr_mean"][1:] == [1.0] * (metrics.ROC_GRID_POINTS - 1)


def test_roc_mean_auc_averages_the_folds() -> None:
    found = metrics.roc_by_fold(Y, P, FOLD)
    # fold 0: y=[0,0,0,1] p=[.1,.3,.4,.8] -> 1.0; fold 1: y=[0,1,1,0] p=[.2,.35,.6,.9] -> 0.5
    assert [f["auc"] for f in found["folds"]] == [1.0, 0.5]
    assert found["auc_mean"] == 0.75


def test_brier_score_is_the_mean_squared_error() -> None:
    assert metrics.brier_score(np.array([0, 1]), np.array([0.2, 0.6])) == pytest.approx(0.1)


def test_calibration_bins_have_equal_counts_and_exact_rates() -> None:
    found = metrics.calibration(Y, P, n_bins=2)
    assert found["bins"] == [
        {"mean_predicted": pytest.approx(0.2375), "observed_rate": 0.25, "n": 4},
        {"mean_predicted": pytest.approx(0.675), "observed_rate": 0.5, "n": 4},
    ]
    assert found["brier_reference"] == pytest.approx(0.375 * 0.625)


def test_precision_recall_reports_the_base_rate() -> None:
    found = metrics.precision_recall(Y, P)
    assert found["base_rate"] == 3 / 8
    assert found["recall"][0] == 1.0
    assert found["recall"][-1] == 0.0
