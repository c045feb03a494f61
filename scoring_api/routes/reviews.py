"""Human reviews: a client or an advisor asks, advisors work the queue, the client reads it.

Every step is audited with the pseudonymised client reference, never the comment or reason.
"""

from __future__ import annotations

from typing import Any

from flask_openapi3 import Tag

from scoring_api.blueprint import api_blueprint
from scoring_api.context import current_bundle
from scoring_api.errors import ApiError, forbidden, unauthorized
from scoring_api.review_schemas import (
    ReviewOutcome,
    ReviewPage,
    ReviewPath,
    ReviewRecord,
    ReviewRequest,
    ReviewsQuery,
)
from scoring_api.schemas import ClientPath, ErrorResponse
from scoring_api.security.access import client_access, require_roles
from scoring_api.security.audit import audit_event
from scoring_api.security.identity import Identity, current_identity
from scoring_api.security.roles import Role
from scoring_api.security.state import request_session
from scoring_api.services.reviews import (
    find_review,
    list_reviews,
    open_review,
    record_outcome,
    review_body,
)
from scoring_api.services.scoring import score_stored_client

REVIEWS = Tag(name="reviews", description="Human review of a decision, on request")
blueprint = api_blueprint("reviews", __name__)


def _caller() -> Identity:
    """Return the caller's identity (the blueprint already refused anonymous callers)."""
    identity = current_identity()
    if identity is None:
        raise unauthorized()
    return identity


def _own_client(identity: Identity) -> int | None:
    """Return the only client whose reviews the caller may see (None: any client)."""
    if identity.role != Role.CLIENT:
        return None
    if identity.client_id is None:  # a client account bound to no file sees no review
        raise forbidden("This client account is bound to no client file.")
    return identity.client_id


@blueprint.post(
    "/clients/<int:client_id>/reviews",
    tags=[REVIEWS],
    summary="Request a human review",
    responses={201: ReviewRecord},
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def post_client_review(path: ClientPath, body: ReviewRequest) -> tuple[dict[str, Any], int]:
    """Open a review of the client's current decision, with the requester's comment."""
    client_access(path.client_id, "reviews.request")
    score = score_stored_client(current_bundle(), path.client_id)
    review = open_review(request_session(), path.client_id, score, _caller(), body.comment)
    audit_event("reviews.request", None, path.client_id, "ok")
    return review_body(review), 201


@blueprint.get("/reviews", tags=[REVIEWS], summary="The review queue", responses={200: ReviewPage})
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_reviews(query: ReviewsQuery) -> dict[str, Any]:
    """Return reviews oldest first, filtered by status, age and client (a client: their own)."""
    client_id = _own_client(_caller())
    if query.client_id is not None:
        client_access(query.client_id, "reviews.list")  # a client asking another's: 403
        client_id = query.client_id
    page = list_reviews(
        request_session(),
        status=query.status,
        older_than_days=query.older_than_days,
        client_id=client_id,
        limit=query.limit,
        cursor=query.cursor,
    )
    audit_event("reviews.list", None, client_id, "ok")
    return page


@blueprint.get(
    "/reviews/<int:review_id>", tags=[REVIEWS], summary="One review", responses={200: ReviewRecord}
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_review(path: ReviewPath) -> dict[str, Any]:
    """Return a review; a client gets a 404 for another client's, as for one that is not."""
    try:
        review = find_review(request_session(), path.review_id, _own_client(_caller()))
    except ApiError:
        audit_event("reviews.read", None, None, "not_found")
        raise
    audit_event("reviews.read", None, review.client_id, "ok")
    return review_body(review)


@blueprint.post(
    "/reviews/<int:review_id>/outcome",
    tags=[REVIEWS],
    summary="Record a review's step or outcome",
    responses={200: ReviewRecord, 409: ErrorResponse},
)
@require_roles(Role.ADVISOR)
def post_review_outcome(path: ReviewPath, body: ReviewOutcome) -> dict[str, Any]:
    """Take a review up (in_review) or close it (confirmed, overturned) with its reason."""
    session = request_session()
    review = find_review(session, path.review_id)
    try:
        review = record_outcome(session, review, body.status, body.reason, _caller())
    except ApiError:
        audit_event("reviews.outcome", None, review.client_id, "conflict")
        raise
    audit_event("reviews.outcome", None, review.client_id, body.status)
    return review_body(review)
