"""Counter-offer response models: the request, each granted offer and why there is none."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from model_training.modeling.decision import OUTCOMES
from model_training.modeling.offers import RULES as OFFER_RULES

Outcome = Literal[OUTCOMES]  # type: ignore[valid-type]


class LoanChange(BaseModel):
    """An offer minus the request: amount, term (months) and instalment."""

    amount: float
    term_months: float | None = Field(description="None when the request has no term")
    instalment: float


class RequestedLoan(BaseModel):
    """The loan asked for, its term implied by its instalment (LOAN_ANNUAL_RATE), its score."""

    amount: float | None = Field(description="AMT_CREDIT")
    term_months: float | None
    instalment: float | None = Field(description="AMT_ANNUITY")
    probability: float
    decision: Outcome
    score: float


class LoanOffer(BaseModel):
    """A granted counter-offer, rebuilt and scored as a what-if."""

    rule: Literal[OFFER_RULES] = Field(  # type: ignore[valid-type]  # a tuple of rule names
        description="largest_amount: at the requested term; shortest_term: for the amount "
        "asked; amount_and_term: largest amount at the longest term, when neither works alone"
    )
    amount: float = Field(description="AMT_CREDIT, a multiple of amount_step")
    term_months: float
    instalment: float = Field(description="AMT_ANNUITY, rebuilt from amount and term")
    probability: float
    decision: Outcome
    score: float
    change: LoanChange


class OfferReason(BaseModel):
    """Why there is no offer: a code and a sentence."""

    code: str
    message: str


class Offers(BaseModel):
    """Counter-offers of an application (only for refused or referred ones)."""

    requested: RequestedLoan
    amount_step: float
    offers: list[LoanOffer]
    reason: OfferReason | None = Field(
        None, description="why offers is empty (already_granted when no offer is needed)"
    )


class ClientOffers(Offers):
    """A stored client's counter-offers."""

    client_id: int
    model_version: str
