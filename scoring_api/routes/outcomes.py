"""Outcomes route: observed defaults per client and date, recorded for monitoring."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask_openapi3 import Tag

from scoring_api.blueprint import api_blueprint
from scoring_api.events.outcomes import ObservedOutcome, record_outcomes
from scoring_api.outcome_schemas import OutcomesRecorded, OutcomesRequest
from scoring_api.security.access import require_roles
from scoring_api.security.audit import audit_event
from scoring_api.security.roles import Role
from scoring_api.security.state import get_state

OUTCOMES = Tag(name="outcomes", description="Observed defaults, for monitoring")
blueprint = api_blueprint("outcomes", __name__)


@blueprint.post(
    "/outcomes", tags=[OUTCOMES], summary="Record outcomes", responses={200: OutcomesRecorded}
)
@require_roles(Role.SERVICE, Role.ADMIN)
def post_outcomes(body: OutcomesRequest) -> dict[str, Any]:
    """Record observed defaults (idempotent per client and date; a new value corrects)."""
    state = get_state()
    outcomes = [
        ObservedOutcome(item.SK_ID_CURR, item.outcome_date, bool(item.defaulted))
        for item in body.root
    ]
    counts = record_outcomes(state.database, state.settings.pseudonym_key, outcomes)
    audit_event("outcomes.record", None, None, "ok")
    return asdict(counts)
