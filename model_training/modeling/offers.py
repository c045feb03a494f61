"""Counter-offers: the nearest loans the model grants, moving only what the lender can offer.

Pure and exact. Given a function scoring candidate loans (amounts and their instalments, every
derived feature rebuilt by the caller as the what-if does) and the product's bounds, find:

- ``largest_amount`` (a): the largest amount, to the product's step, granted at the requested
  term (the request's own term, from its amount and instalment, kept inside the term bounds);
- ``shortest_term`` (b): the shortest whole-month term that grants the requested amount;
- ``amount_and_term`` (c), only when neither (a) nor (b) exists: the largest amount granted at
  the longest term the product allows (the longest term lowers the instalment most).

The goods price is the caller's to keep: a smaller amount for the same goods is a larger down
payment, so (a) and (c) are also the down-payment lever. No offer lends more than was asked.

Amounts: at a fixed term the instalment is proportional to the amount, so the features of
``AMOUNT_RISK_FEATURES`` all grow with it, each constrained riskier-as-it-grows (catalogue
direction +1); CREDIT_TERM does not move; GOODS_MINUS_CREDIT falls and is free (direction 0),
so the model is monotone in the amount as far as that one feature lets it. The search is a
batched bisection (``BATCH`` candidates a model call) that always ends on an adjacent pair: the
offer is granted and one step more is refused (or out of bounds); it is the largest such amount
wherever the model is monotone. Terms are not monotone (CREDIT_TERM is free), so every
whole-month term is scored, in one call.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from model_training.loan_terms import DEFAULT_ANNUAL_RATE, instalment, term_months
from model_training.modeling.decision import is_refused

LARGEST_AMOUNT, SHORTEST_TERM, AMOUNT_AND_TERM = (
    "largest_amount",
    "shortest_term",
    "amount_and_term",
)
RULES: tuple[str, ...] = (LARGEST_AMOUNT, SHORTEST_TERM, AMOUNT_AND_TERM)
AMOUNT_RISK_FEATURES: tuple[str, ...] = (  # grow with the amount at a fixed term
    "AMT_CREDIT",
    "AMT_ANNUITY",
    "CREDIT_TO_INCOME",
    "ANNUITY_TO_INCOME",
    "CREDIT_TO_GOODS",
    "ANNUITY_PER_PERSON_TO_INCOME",
    "TOTAL_ANNUITY_TO_INCOME",
)
AMOUNT_FREE_FEATURES: tuple[str, ...] = ("GOODS_MINUS_CREDIT",)  # falls as the amount grows
BATCH = 32  # amount candidates scored a model call: 4,000 steps take 3 calls

# amounts, instalments -> probabilities of default (the derived features rebuilt per candidate)
ProbabilityOf = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class OfferBounds:
    """The product's range: amounts (and their step), whole-month terms, instalment ceiling."""

    min_amount: float
    max_amount: float
    amount_step: float
    min_term: int
    max_term: int
    max_instalment_to_income: float = 0.0  # 0: no ceiling
    annual_rate: float = DEFAULT_ANNUAL_RATE


@dataclass(frozen=True)
class Offer:
    """One granted loan, with the rule that found it."""

    rule: str
    amount: float
    term_months: float
    instalment: float
    probability: float


@dataclass(frozen=True)
class OfferSearch:
    """The offers found, the request's term, and why there is none (code and words)."""

    requested_term: float | None
    offers: list[Offer] = field(default_factory=list)
    reason: str | None = None
    message: str | None = None
    model_calls: int = 0


class _Counted:
    """A probability function that counts its calls."""

    def __init__(self, probability_of: ProbabilityOf, threshold: float) -> None:
        self.probability_of, self.threshold, self.calls = probability_of, threshold, 0

    def __call__(self, amounts: np.ndarray, instalments: np.ndarray) -> np.ndarray:
        self.calls += 1
        return np.asarray(self.probability_of(amounts, instalments), dtype=float)

    def granted(self, probabilities: np.ndarray) -> np.ndarray:
        """Tell which probabilities the threshold grants."""
        return ~is_refused(probabilities, self.threshold)


def _amount_ceiling(bounds: OfferBounds, term: float, income: float | None) -> float:
    """Return the largest amount whose instalment at this term keeps under the income ceiling."""
    if bounds.max_instalment_to_income <= 0 or income is None or not income > 0:
        return math.inf
    return bounds.max_instalment_to_income * income / instalment(1.0, term, bounds.annual_rate)


def _largest_amount(
    score: _Counted, bounds: OfferBounds, term: float, cap: float
) -> tuple[float, float] | None:
    """Return the largest granted (amount, probability) at a term, amounts to the step, <= cap."""
    step = bounds.amount_step
    k_low = math.ceil(bounds.min_amount / step - 1e-9)
    k_high = math.floor(min(bounds.max_amount, cap) / step + 1e-9)
    if k_high < k_low:
        return None
    rate = instalment(1.0, term, bounds.annual_rate)
    granted_k, refused_k, found = k_low - 1, k_high + 1, None  # virtual ends: granted, refused
    while refused_k - granted_k > 1:
        inside = np.unique(np.linspace(granted_k, refused_k, BATCH + 2)[1:-1].round().astype(int))
        inside = inside[(inside > granted_k) & (inside < refused_k)]
        amounts = inside * step
        probabilities = score(amounts, amounts * rate)
        is_granted = score.granted(probabilities)
        refused = np.flatnonzero(~is_granted)
        first = refused[0] if len(refused) else len(inside)
        if first > 0:
            granted_k, found = int(inside[first - 1]), float(probabilities[first - 1])
        if first < len(inside):
            refused_k = int(inside[first])
    if found is None:
        return None
    return granted_k * step, found


def _terms(bounds: OfferBounds, amount: float, income: float | None) -> np.ndarray:
    """Return the whole-month terms in bounds whose instalment meets the income ceiling."""
    terms = np.arange(bounds.min_term, bounds.max_term + 1, dtype=float)
    return terms[amount <= np.array([_amount_ceiling(bounds, t, income) for t in terms])]


def _offer(rule: str, amount: float, term: float, probability: float, rate: float) -> Offer:
    """Return an offer, its instalment rebuilt from amount and term."""
    return Offer(
        rule, float(amount), float(term), float(instalment(amount, term, rate)), probability
    )


def _clamp_term(requested: float | None, bounds: OfferBounds) -> float:
    """Return the request's term kept inside the bounds (the longest when it has none)."""
    if requested is None:
        return float(bounds.max_term)
    return float(min(max(requested, bounds.min_term), bounds.max_term))


def search_offers(
    probability_of: ProbabilityOf,
    threshold: float,
    amount: float,
    requested_instalment: float,
    bounds: OfferBounds,
    income: float | None = None,
) -> OfferSearch:
    """Return the counter-offers of a refused request (rules a, b, then c when neither exists)."""
    if not (amount > 0 and requested_instalment > 0):
        return OfferSearch(
            None, reason="no_loan_terms", message="The request has no amount or instalment."
        )
    score = _Counted(probability_of, threshold)
    requested_term = term_months(amount, requested_instalment, bounds.annual_rate)
    rate, offers = bounds.annual_rate, []
    term = _clamp_term(requested_term, bounds)
    best = _largest_amount(score, bounds, term, min(amount, _amount_ceiling(bounds, term, income)))
    if best is not None:
        offers.append(_offer(LARGEST_AMOUNT, best[0], term, best[1], rate))
    terms = _terms(bounds, amount, income)
    if bounds.min_amount <= amount <= bounds.max_amount and len(terms):
        probabilities = score(np.full(len(terms), amount), instalment(amount, terms, rate))
        granted = np.flatnonzero(score.granted(probabilities))
        if len(granted):
            first = int(granted[0])
            offers.append(_offer(SHORTEST_TERM, amount, terms[first], probabilities[first], rate))
    if not offers:
        longest = float(bounds.max_term)
        cap = min(amount, _amount_ceiling(bounds, longest, income))
        best = _largest_amount(score, bounds, longest, cap) if longest != term else None
        if best is not None:
            offers.append(_offer(AMOUNT_AND_TERM, best[0], longest, best[1], rate))
    if offers:
        return OfferSearch(requested_term, offers, model_calls=score.calls)
    code, message = _no_offer_reason(bounds, amount, income)
    return OfferSearch(requested_term, [], code, message, score.calls)


def _no_offer_reason(bounds: OfferBounds, amount: float, income: float | None) -> tuple[str, str]:
    """Return why no offer exists within the bounds (a code and a sentence)."""
    smallest = math.ceil(bounds.min_amount / bounds.amount_step - 1e-9) * bounds.amount_step
    if smallest > min(amount, bounds.max_amount):
        return (
            "below_product_minimum",
            f"The amount asked is below the product's smallest amount ({smallest:,.0f}).",
        )
    if smallest > _amount_ceiling(bounds, float(bounds.max_term), income):
        return (
            "instalment_ceiling",
            "Even the product's smallest amount over its longest term takes more than "
            f"{bounds.max_instalment_to_income:.0%} of the income in instalments.",
        )
    return (
        "no_offer_in_range",
        f"No amount from {smallest:,.0f} up to the amount asked is granted at the requested "
        f"term or at {bounds.max_term} months, and no term from {bounds.min_term} to "
        f"{bounds.max_term} months grants the amount asked.",
    )
