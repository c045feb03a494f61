"""Human reviews in the database: open one, list the queue, read one, record its outcome."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from model_training.modeling.decision import REFERRED
from scoring_api.errors import ApiError, not_found
from scoring_api.security.audit import audit_event, pseudonymise
from scoring_api.security.identity import Identity
from scoring_api.security.models import Review, utc_now
from scoring_api.security.state import request_session
from scoring_api.services.review_flow import (
    ReviewOrigin,
    ReviewStatus,
    check_transition,
    final_decision,
)

REFERRAL_ACTION = "reviews.referral"  # audit action of a review a referred decision opened


def open_review(
    session: Session,
    client_id: int,
    score: Mapping[str, Any],
    requester: Identity,
    comment: str,
) -> Review:
    """Open a review a person asked for, about the score the client has now."""
    review = _new_review(client_id, score, ReviewOrigin.REQUEST)
    review.requested_by_account_id = requester.account_id
    review.requested_by_role = requester.role
    review.comment = comment
    session.add(review)
    session.commit()
    return review


def open_referral_review(
    session: Session, client_id: int, score: Mapping[str, Any]
) -> Review | None:
    """Open the review of a referred decision once per client and model version.

    Return the new review, or None when that client's referral under that model already has
    one (the unique ``referral_key`` settles a race between workers).
    """
    key = referral_key(client_id, str(score["model_version"]))
    if session.scalar(select(Review.id).where(Review.referral_key == key)) is not None:
        return None
    review = _new_review(client_id, score, ReviewOrigin.REFERRAL)
    review.referral_key = key
    session.add(review)
    try:
        session.commit()
    except IntegrityError:  # another worker opened it between the check and the insert
        session.rollback()
        return None
    return review


def referral_key(client_id: int, model_version: str) -> str:
    """Return the key that makes a referral's review unique: client and model version."""
    return f"{int(client_id)}:{model_version}"


def _new_review(client_id: int, score: Mapping[str, Any], origin: ReviewOrigin) -> Review:
    """Return an open review holding a copy of the score it is about."""
    now = utc_now()
    return Review(
        client_id=int(client_id),
        client_ref=pseudonymise(client_id),
        model_version=str(score["model_version"]),
        probability=float(score["probability"]),
        decision=str(score["decision"]),
        model_decision=str(score["model_decision"]),
        score=float(score["score"]),
        origin=origin.value,
        comment="",
        status=ReviewStatus.OPEN.value,
        created_at=now,
        updated_at=now,
    )


def list_reviews(
    session: Session,
    *,
    status: str | None,
    older_than_days: int | None,
    client_id: int | None,
    limit: int,
    cursor: int | None,
) -> dict[str, Any]:
    """Return a page of reviews, oldest first; ``client_id`` restricts it to one client's."""
    statement = select(Review).order_by(Review.id).limit(limit + 1)
    if status is not None:
        statement = statement.where(Review.status == status)
    if older_than_days is not None:
        statement = statement.where(
            Review.created_at <= utc_now() - timedelta(days=older_than_days)
        )
    if client_id is not None:
        statement = statement.where(Review.client_id == client_id)
    if cursor is not None:
        statement = statement.where(Review.id > cursor)
    reviews = list(session.scalars(statement))
    items = [review_body(review) for review in reviews[:limit]]
    has_more = len(reviews) > limit
    return {"items": items, "next_cursor": str(items[-1]["id"]) if has_more else None}


def client_reviews(session: Session, client_id: int) -> list[dict[str, Any]]:
    """Return every review of one client, oldest first (the client's data export)."""
    statement = select(Review).where(Review.client_id == client_id).order_by(Review.id)
    return [review_body(review) for review in session.scalars(statement)]


def latest_outcome(session: Session, client_id: int) -> dict[str, Any] | None:
    """Return the client's latest closed review (the final decision the letter states)."""
    statement = (
        select(Review)
        .where(Review.client_id == client_id, Review.final_decision.is_not(None))
        .order_by(Review.decided_at.desc(), Review.id.desc())
        .limit(1)
    )
    review = session.scalars(statement).first()
    return review_body(review) if review else None


def find_review(session: Session, review_id: int, client_id: int | None = None) -> Review:
    """Return a review (only one of ``client_id``'s when given), or raise a 404 either way."""
    review = session.get(Review, review_id)
    if review is None or (client_id is not None and review.client_id != client_id):
        raise not_found("Review", {"review_id": review_id})
    return review


def record_outcome(
    session: Session, review: Review, status: str, reason: str | None, reviewer: Identity
) -> Review:
    """Move a review to ``status`` (409 if the state machine forbids it) and return it.

    The update only applies while the review still has the status read: two reviewers
    recording at once get one success and one 409.
    """
    check_transition(review.status, status)
    now = utc_now()
    values: dict[str, Any] = {
        "status": status,
        "reviewer_account_id": reviewer.account_id,
        "updated_at": now,
    }
    if status == ReviewStatus.IN_REVIEW:
        values["taken_up_at"] = now
    final = final_decision(status, review.model_decision)
    if final is not None:
        values |= {"final_decision": final, "reason": reason, "decided_at": now}
    elif reason is not None:
        values["reason"] = reason
    read_status = review.status
    result = session.execute(
        update(Review)
        .where(Review.id == review.id, Review.status == read_status)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(review)
    if result.rowcount == 0:  # type: ignore[attr-defined]  # an UPDATE returns a CursorResult
        raise ApiError(
            409,
            "conflict",
            f"The review changed meanwhile (it is now {review.status}): read it again.",
            {"status": review.status, "requested": status},
        )
    return review


def review_body(review: Review) -> dict[str, Any]:
    """Return a review as the API sends it."""
    return {
        "id": review.id,
        "client_id": review.client_id,
        "status": review.status,
        "origin": review.origin,
        "model_version": review.model_version,
        "probability": review.probability,
        "decision": review.decision,
        "model_decision": review.model_decision,
        "score": review.score,
        "final_decision": review.final_decision,
        "comment": review.comment,
        "reason": review.reason,
        "requested_by_account_id": review.requested_by_account_id,
        "requested_by_role": review.requested_by_role,
        "reviewer_account_id": review.reviewer_account_id,
        "created_at": _iso(review.created_at),
        "updated_at": _iso(review.updated_at),
        "taken_up_at": _iso(review.taken_up_at),
        "decided_at": _iso(review.decided_at),
    }


def _iso(moment: datetime | None) -> str | None:
    """Return a timestamp in ISO 8601 (UTC), or None (SQLite gives it back without its zone)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def review_referral(client_id: int, score: Mapping[str, Any]) -> None:
    """Open (once) the review of a stored client's referred decision, audited; else nothing.

    Called where a stored client's decision is read: the first read of a referral under a
    model version opens its review, later reads find it and add nothing.
    """
    if score.get("decision") != REFERRED:
        return
    if open_referral_review(request_session(), client_id, score) is not None:
        audit_event(REFERRAL_ACTION, None, client_id, "ok")
