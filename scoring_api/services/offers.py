"""Counter-offers of a refused or referred application, each candidate scored as a what-if.

Each candidate changes only AMT_CREDIT and AMT_ANNUITY (the instalment of its amount and term)
on top of the application: ``build_feature_rows`` rebuilds every derived feature (the ratios,
the approximate term, the cross-table burden) exactly as POST score does for a what-if. The
goods price stays as asked: a smaller credit for the same goods is a larger down payment.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from model_training.loan_terms import term_months
from model_training.modeling.decision import GRANTED, decide, probability_of_log_odds
from model_training.modeling.offers import (
    BATCH,
    Offer,
    OfferBounds,
    ProbabilityOf,
    search_offers,
)
from scoring_api.bundle_store import ServingBundle
from scoring_api.config import Settings
from scoring_api.services.scoring import (
    build_feature_rows,
    model_pool,
    predict_log_odds,
    stored_applications,
)

LOAN_FIELDS = ("AMT_CREDIT", "AMT_ANNUITY", "AMT_INCOME_TOTAL")
GRANTED_REASON = (
    "already_granted",
    "The application is granted as asked: no counter-offer is needed.",
)


def offer_bounds(settings: Settings) -> OfferBounds:
    """Return the product's bounds named by the settings."""
    return OfferBounds(
        min_amount=settings.offer_min_amount,
        max_amount=settings.offer_max_amount,
        amount_step=settings.offer_amount_step,
        min_term=settings.offer_min_term_months,
        max_term=settings.offer_max_term_months,
        max_instalment_to_income=settings.offer_max_instalment_to_income,
        annual_rate=settings.loan_annual_rate,
    )


def offer_cost(settings: Settings) -> int:
    """Return the most candidate rows one search scores (its cost in the scoring budget)."""
    bounds = offer_bounds(settings)
    steps = bounds.max_amount / bounds.amount_step + 1
    rounds = max(1, math.ceil(math.log(steps) / math.log(BATCH + 1)))
    return 2 * rounds * BATCH + bounds.max_term - bounds.min_term + 1


def _loan_fields(bundle: ServingBundle, application: dict[str, Any]) -> dict[str, float]:
    """Return the amount, instalment and income asked: the changes, else the stored file."""
    values = {name: application.get(name) for name in LOAN_FIELDS}
    client_id = application.get("SK_ID_CURR")
    unchanged = [name for name in LOAN_FIELDS if name not in application]  # null: made missing
    if client_id is not None and unchanged:
        stored = stored_applications(bundle)
        row = int(stored.positions([client_id])[0])
        for name in unchanged:
            if row >= 0:
                values[name] = float(stored.columns[name][row])
    return {name: math.nan if v is None else float(v) for name, v in values.items()}


def _number(value: float) -> float | None:
    """Return a number, None when it is missing (JSON has no NaN)."""
    return None if math.isnan(value) else value


def _probability_of(bundle: ServingBundle, application: dict[str, Any]) -> ProbabilityOf:
    """Return the function scoring candidate (amount, instalment) pairs of this application."""

    def probability_of(amounts: np.ndarray, instalments: np.ndarray) -> np.ndarray:
        candidates = [
            {**application, "AMT_CREDIT": float(a), "AMT_ANNUITY": float(i)}
            for a, i in zip(amounts, instalments, strict=True)
        ]
        pool = model_pool(bundle, build_feature_rows(bundle, candidates))
        return probability_of_log_odds(predict_log_odds(bundle, pool))

    return probability_of


def _scored(bundle: ServingBundle, probability: float) -> dict[str, Any]:
    """Return a probability with its model decision and score."""
    return {
        "probability": probability,
        "decision": str(decide(probability, bundle.threshold)),
        "score": float(bundle.scale.score(probability)),
    }


def _offer(bundle: ServingBundle, offer: Offer, requested: dict[str, Any]) -> dict[str, Any]:
    """Return an offer's fields and its change from the request."""
    term = requested["term_months"]
    return {
        "rule": offer.rule,
        "amount": offer.amount,
        "term_months": offer.term_months,
        "instalment": offer.instalment,
        **_scored(bundle, offer.probability),
        "change": {
            "amount": offer.amount - requested["amount"],
            "term_months": None if term is None else offer.term_months - term,
            "instalment": offer.instalment - requested["instalment"],
        },
    }


def application_offers(
    bundle: ServingBundle, settings: Settings, application: dict[str, Any], result: dict[str, Any]
) -> dict[str, Any]:
    """Return the counter-offers of a scored application (none, and why, when it is granted)."""
    loan = _loan_fields(bundle, application)
    bounds = offer_bounds(settings)
    requested: dict[str, Any] = {
        "amount": _number(loan["AMT_CREDIT"]),
        "term_months": None,
        "instalment": _number(loan["AMT_ANNUITY"]),
        "probability": result["probability"],
        "decision": result["decision"],
        "score": result["score"],
    }
    body: dict[str, Any] = {"requested": requested, "amount_step": bounds.amount_step}
    if result["decision"] == GRANTED:
        requested["term_months"] = term_months(
            loan["AMT_CREDIT"], loan["AMT_ANNUITY"], bounds.annual_rate
        )
        code, message = GRANTED_REASON
        return {**body, "offers": [], "reason": {"code": code, "message": message}}
    income = loan["AMT_INCOME_TOTAL"]
    search = search_offers(
        _probability_of(bundle, application),
        bundle.threshold,
        loan["AMT_CREDIT"],
        loan["AMT_ANNUITY"],
        bounds,
        None if math.isnan(income) else income,
    )
    requested["term_months"] = search.requested_term
    offers = [_offer(bundle, offer, requested) for offer in search.offers]
    reason = None if search.reason is None else {"code": search.reason, "message": search.message}
    return {**body, "offers": offers, "reason": reason}
