"""Counter-offers on a synthetic model: exact boundaries, bounds, rules and reasons."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.features.catalogue import feature_catalogue, monotone_directions
from model_training.loan_terms import instalment
from model_training.modeling.offers import (
    AMOUNT_AND_TERM,
    AMOUNT_FREE_FEATURES,
    AMOUNT_RISK_FEATURES,
    LARGEST_AMOUNT,
    SHORTEST_TERM,
    OfferBounds,
    search_offers,
)

BOUNDS = OfferBounds(
    min_amount=45_000, max_amount=4_050_000, amount_step=1_000, min_term=6, max_term=60
)
THRESHOLD = 0.5
INCOME = 60_000.0


def burden_model(amounts: np.ndarray, instalments: np.ndarray) -> np.ndarray:
    """Return a probability growing with the instalment share and the amount (monotone)."""
    return 1 / (1 + np.exp(-(8 * (instalments / INCOME - 0.3) + amounts / 4_000_000)))


def granted(amount: float, term: float) -> bool:
    """Tell whether the synthetic model grants a loan."""
    probability = burden_model(np.array([amount]), np.array([instalment(amount, term)]))
    return bool(probability[0] < THRESHOLD)


def test_largest_amount_is_granted_and_one_step_more_is_not() -> None:
    result = search_offers(
        burden_model, THRESHOLD, 600_000, instalment(600_000, 24), BOUNDS, INCOME
    )
    offer = next(o for o in result.offers if o.rule == LARGEST_AMOUNT)
    assert offer.term_months == pytest.approx(24)
    assert offer.amount % BOUNDS.amount_step == 0
    assert granted(offer.amount, 24)
    assert not granted(offer.amount + BOUNDS.amount_step, 24)
    assert offer.instalment == pytest.approx(instalment(offer.amount, 24))
    assert result.model_calls <= 5


def test_shortest_term_is_granted_and_one_month_less_is_not() -> None:
    result = search_offers(
        burden_model, THRESHOLD, 600_000, instalment(600_000, 24), BOUNDS, INCOME
    )
    offer = next(o for o in result.offers if o.rule == SHORTEST_TERM)
    assert offer.amount == 600_000
    assert offer.term_months == int(offer.term_months)
    assert granted(600_000, offer.term_months)
    assert not granted(600_000, offer.term_months - 1)


def test_combination_only_when_neither_lever_alone_works() -> None:
    bounds = OfferBounds(500_000, 4_050_000, 1_000, 6, 60)
    amount = 4_000_000  # too large for any term; smaller amounts only at long terms
    result = search_offers(burden_model, THRESHOLD, amount, instalment(amount, 12), bounds, INCOME)
    assert [o.rule for o in result.offers] == [AMOUNT_AND_TERM]
    offer = result.offers[0]
    assert offer.term_months == 60
    assert granted(offer.amount, 60)
    assert not granted(offer.amount + 1_000, 60)
    assert not granted(offer.amount, 12)


def test_offers_stay_within_bounds() -> None:
    bounds = OfferBounds(100_000, 300_000, 5_000, 12, 36)
    result = search_offers(
        burden_model, THRESHOLD, 900_000, instalment(900_000, 10), bounds, INCOME
    )
    assert result.offers
    for offer in result.offers:
        assert 100_000 <= offer.amount <= 300_000
        assert offer.amount % 5_000 == 0
        assert 12 <= offer.term_months <= 36


def test_instalment_ceiling_caps_offers() -> None:
    bounds = OfferBounds(45_000, 4_050_000, 1_000, 6, 60, max_instalment_to_income=0.1)
    result = search_offers(
        burden_model, THRESHOLD, 600_000, instalment(600_000, 24), bounds, INCOME
    )
    assert result.offers
    for offer in result.offers:
        assert offer.instalment <= 0.1 * INCOME + 1e-6


def test_no_offer_says_why() -> None:
    bounds = OfferBounds(3_000_000, 4_050_000, 1_000, 6, 12)
    result = search_offers(
        burden_model, THRESHOLD, 3_500_000, instalment(3_500_000, 12), bounds, INCOME
    )
    assert result.offers == []
    assert result.reason == "no_offer_in_range"
    assert "12 months" in (result.message or "")


def test_no_offer_below_minimum_and_ceiling_reasons() -> None:
    below = search_offers(burden_model, THRESHOLD, 10_000, instalment(10_000, 12), BOUNDS, INCOME)
    assert below.reason == "below_product_minimum"
    assert below.offers == []
    tight = OfferBounds(45_000, 4_050_000, 1_000, 6, 60, max_instalment_to_income=0.01)
    capped = search_offers(burden_model, THRESHOLD, 600_000, instalment(600_000, 24), tight, INCOME)
    assert capped.reason == "instalment_ceiling"
    assert capped.offers == []


def test_request_without_loan_terms() -> None:
    result = search_offers(burden_model, THRESHOLD, float("nan"), 1_000, BOUNDS, INCOME)
    assert result.reason == "no_loan_terms"
    assert result.model_calls == 0


def test_the_amount_moves_only_features_constrained_riskier_but_one_free() -> None:
    """The bisection's premise, read from the catalogue (training's monotone constraints)."""
    directions = monotone_directions(list(AMOUNT_RISK_FEATURES))
    assert directions == dict.fromkeys(AMOUNT_RISK_FEATURES, 1)
    catalogue = feature_catalogue()
    assert [catalogue[name].direction for name in AMOUNT_FREE_FEATURES] == [0]
