"""The cost threshold: exact costs on a hand-checked example, ties, agreement with brute force."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.modeling.decision import (
    choose_threshold,
    cost_curve,
    cost_per_client,
    is_refused,
    log_odds_of_probability,
    probability_of_log_odds,
    refusal_rate,
)

Y = np.array([0, 0, 1, 0, 1])
P = np.array([0.1, 0.2, 0.3, 0.4, 0.9])


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(0.1, 3 / 5), (0.2, 2 / 5), (0.3, 1 / 5), (0.4, 11 / 5), (0.9, 10 / 5), (0.95, 20 / 5)],
)
def test_cost_per_client_counts_errors_with_their_weights(
    threshold: float, expected: float
) -> None:
    assert cost_per_client(Y, P, threshold, cost_fn=10, cost_fp=1) == pytest.approx(expected)


def test_chosen_threshold_minimises_the_hand_computed_cost() -> None:
    assert choose_threshold(Y, P, cost_fn=10, cost_fp=1) == pytest.approx(0.3)


def test_costlier_false_positives_move_the_threshold_up() -> None:
    assert choose_threshold(Y, P, cost_fn=1, cost_fp=1) == pytest.approx(0.3)
    assert choose_threshold(Y, P, cost_fn=1, cost_fp=10) == pytest.approx(0.9)


def test_curve_matches_brute_force_on_random_scores() -> None:
    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.1).astype(int)
    p = np.round(rng.random(400), 2)  # many ties
    curve = cost_curve(y, p, cost_fn=10, cost_fp=1)
    for t, cost in zip(curve.thresholds[::7], curve.cost_per_client[::7], strict=True):
        assert cost == pytest.approx(cost_per_client(y, p, t, 10, 1))


def test_calibrated_scores_give_a_threshold_near_the_bayes_cost_ratio() -> None:
    rng = np.random.default_rng(1)
    p = rng.beta(1, 10, 200_000)
    y = (rng.random(len(p)) < p).astype(int)
    assert choose_threshold(y, p, cost_fn=10, cost_fp=1) == pytest.approx(1 / 11, abs=0.01)


@pytest.mark.parametrize(
    ("probability", "expected"), [(0.0999, False), (0.1, True), (0.1001, True), (0.0, False)]
)
def test_a_probability_at_the_threshold_is_refused(probability: float, expected: bool) -> None:
    assert bool(is_refused(probability, 0.1)) is expected


def test_probabilities_and_log_odds_convert_both_ways() -> None:
    log_odds = np.array([-40.0, -2.5, 0.0, 1.25, 40.0])
    probability = probability_of_log_odds(log_odds)
    np.testing.assert_allclose(probability[1:4], 1 / (1 + np.exp(-log_odds[1:4])), rtol=1e-15)
    np.testing.assert_allclose(log_odds_of_probability(probability)[1:4], log_odds[1:4])
    assert np.isfinite(log_odds_of_probability(np.array([0.0, 1.0]))).all()


def test_refusal_rate_counts_the_threshold_itself_as_a_refusal() -> None:
    assert refusal_rate(np.array([0.1, 0.5, 0.7, 0.2]), 0.5) == 0.5
    assert np.isnan(refusal_rate(np.array([]), 0.5))
