"""The review's states and the transitions between them (no Flask, no SQLAlchemy).

open -> in_review -> confirmed | overturned, and open -> confirmed | overturned directly; a
closed review stays closed. An outcome sets the final decision beside the model's: confirmed
keeps what the threshold says (``model_decision``), overturned takes the other one.
"""

from __future__ import annotations

from enum import StrEnum

from model_training.modeling.decision import GRANTED, REFUSED
from scoring_api.errors import ApiError


class ReviewStatus(StrEnum):
    """Where a human review stands; its value is stored and sent in JSON."""

    OPEN = "open"
    IN_REVIEW = "in_review"
    CONFIRMED = "confirmed"
    OVERTURNED = "overturned"


class ReviewOrigin(StrEnum):
    """Why a review exists: a person asked, or a referred decision opened it."""

    REQUEST = "request"
    REFERRAL = "referral"


REVIEW_STATUSES = tuple(status.value for status in ReviewStatus)
OUTCOME_STATUSES = tuple(s.value for s in ReviewStatus if s != ReviewStatus.OPEN)  # POST outcome
REVIEW_ORIGINS = tuple(origin.value for origin in ReviewOrigin)
CLOSED = frozenset({ReviewStatus.CONFIRMED, ReviewStatus.OVERTURNED})
PENDING = frozenset({ReviewStatus.OPEN, ReviewStatus.IN_REVIEW})
NEXT: dict[ReviewStatus, frozenset[ReviewStatus]] = {
    ReviewStatus.OPEN: frozenset({ReviewStatus.IN_REVIEW, *CLOSED}),
    ReviewStatus.IN_REVIEW: CLOSED,
    ReviewStatus.CONFIRMED: frozenset(),
    ReviewStatus.OVERTURNED: frozenset(),
}


def check_transition(current: str, new: str) -> None:
    """Refuse (409) a move the state machine does not allow, saying which moves it allows."""
    allowed = NEXT[ReviewStatus(current)]
    if ReviewStatus(new) in allowed:
        return
    if not allowed:
        message = f"The review is already {current}: its outcome cannot change."
    else:
        moves = " or ".join(sorted(allowed))
        message = f"A review that is {current} can become {moves}, not {new}."
    raise ApiError(409, "conflict", message, {"status": current, "requested": new})


def final_decision(status: str, model_decision: str) -> str | None:
    """Return the final decision an outcome records (None while the review is not closed)."""
    if ReviewStatus(status) == ReviewStatus.CONFIRMED:
        return model_decision
    if ReviewStatus(status) == ReviewStatus.OVERTURNED:
        return GRANTED if model_decision == REFUSED else REFUSED
    return None
