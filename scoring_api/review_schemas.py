"""Request and response models of the review routes, for validation and the OpenAPI document."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, Field, model_validator

from scoring_api.schemas import ModelOutcome, Outcome, Strict
from scoring_api.services.review_flow import (
    OUTCOME_STATUSES,
    REVIEW_ORIGINS,
    REVIEW_STATUSES,
    ReviewStatus,
)

COMMENT_MAX_LENGTH = 2000  # characters of a request's comment (plain text, never rendered)
REASON_MAX_LENGTH = 2000  # characters of an outcome's reason
MAX_AGE_DAYS = 3650
MAX_REVIEW_ID = 2**31 - 1  # the reviews table's INTEGER columns: id, client_id (32 bits)
# Literal of a tuple built at import: mypy wants literal values, pydantic reads these fine.
ReviewStatusName = Literal[REVIEW_STATUSES]  # type: ignore[valid-type]  # see above
OutcomeStatusName = Literal[OUTCOME_STATUSES]  # type: ignore[valid-type]  # see above
ReviewOriginName = Literal[REVIEW_ORIGINS]  # type: ignore[valid-type]  # see above


class ReviewRequest(Strict):
    """A request for a human review of the client's current decision."""

    comment: str = Field(
        "", max_length=COMMENT_MAX_LENGTH, description="what the client or advisor wants reviewed"
    )


class ReviewPath(BaseModel):
    """A review's id in the path."""

    review_id: int = Field(ge=0, le=MAX_REVIEW_ID)


class ReviewsQuery(Strict):
    """Filters and paging of the review queue (oldest first)."""

    status: ReviewStatusName | None = None
    client_id: int | None = Field(
        None,
        ge=0,
        le=MAX_REVIEW_ID,
        description="SK_ID_CURR: one client's reviews (a client: their own only)",
    )
    older_than_days: int | None = Field(
        None, ge=0, le=MAX_AGE_DAYS, description="only reviews opened at least this many days ago"
    )
    limit: int = Field(20, ge=1, le=200)
    cursor: int | None = Field(
        None, ge=0, le=MAX_REVIEW_ID, description="next_cursor of the last page"
    )


class ReviewOutcome(Strict):
    """A step of a review: taken up (in_review) or closed with its mandatory reason."""

    status: OutcomeStatusName
    reason: str | None = Field(None, max_length=REASON_MAX_LENGTH)

    @model_validator(mode="after")
    def closing_needs_a_reason(self) -> Self:
        """Refuse confirmed or overturned without a reason (blank counts as none)."""
        if self.status != ReviewStatus.IN_REVIEW and not (self.reason or "").strip():
            raise ValueError(f"a reason is mandatory to record a review as {self.status}")
        return self


class ReviewRecord(BaseModel):
    """A human review: the score it is about (never changed), its status and outcome."""

    id: int
    client_id: int
    status: ReviewStatusName
    origin: ReviewOriginName = Field(description="a person's request, or a referred decision")
    model_version: str
    probability: float
    decision: Outcome = Field(description="the decision reviewed, as scored")
    model_decision: ModelOutcome
    score: float
    final_decision: ModelOutcome | None = Field(
        description="after confirmed or overturned: the decision that stands, beside the model's"
    )
    comment: str
    reason: str | None
    requested_by_account_id: int | None
    requested_by_role: str | None
    reviewer_account_id: int | None
    created_at: str
    updated_at: str
    taken_up_at: str | None = Field(
        description="when a reviewer took it up (null if never, or closed before revision 0002)"
    )
    decided_at: str | None


class ReviewPage(BaseModel):
    """A page of reviews; ``next_cursor`` asks for the next one (null on the last page)."""

    items: list[ReviewRecord]
    next_cursor: str | None
