"""The expected AUC against its definition, by brute force over every pair."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from model_training.monitoring.outcomes import actual_auc, expected_auc


def brute_force_expected_auc(p: np.ndarray) -> float:
    """Return E[concordant] / E[pairs] over every ordered pair i != j, ties counting 1/2."""
    numerator = denominator = 0.0
    for i in range(len(p)):
        for j in range(len(p)):
            if i == j:
                continue
            weight = p[i] * (1 - p[j])
            denominator += weight
            numerator += weight * (1.0 if p[i] > p[j] else 0.5 if p[i] == p[j] else 0.0)
    return numerator / denominator


def test_the_expected_auc_is_the_pairwise_definition_ties_included() -> None:
    p = np.round(np.random.default_rng(3).uniform(0, 1, 60), 1)  # many ties
    assert expected_auc(p) == pytest.approx(brute_force_expected_auc(p))


def test_the_actual_auc_is_sklearns_ties_included() -> None:
    rng = np.random.default_rng(5)
    p = np.round(rng.uniform(0, 1, 500), 2)
    y = (rng.uniform(size=500) < p).astype(int)
    assert actual_auc(y, p) == pytest.approx(roc_auc_score(y, p))


def test_equal_probabilities_expect_a_coin_and_too_few_events_nothing() -> None:
    assert expected_auc(np.full(10, 0.2)) == pytest.approx(0.5)
    assert math.isnan(expected_auc(np.array([0.3])))
    assert math.isnan(actual_auc(np.array([1, 1]), np.array([0.2, 0.4])))


def test_calibrated_probabilities_score_their_expected_auc() -> None:
    rng = np.random.default_rng(4)
    p = rng.beta(1, 9, 200_000)
    y = (rng.uniform(size=len(p)) < p).astype(int)
    assert actual_auc(y, p) == pytest.approx(expected_auc(p), abs=0.01)
