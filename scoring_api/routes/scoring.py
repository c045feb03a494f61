"""Scoring routes: POST score (what-if and new applications) and MLflow-style invocations."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import Tag
from flask_openapi3.utils import parse_body

from scoring_api.application_rows import missing_for_new_applicants, validate_rows
from scoring_api.blueprint import api_blueprint
from scoring_api.context import api_settings, current_bundle, request_lang
from scoring_api.errors import ApiError, forbidden
from scoring_api.events.groups import application_groups, event_groups
from scoring_api.events.recorder import Channel, Scored, record_scores
from scoring_api.invocation_payload import invocation_records
from scoring_api.invocation_schemas import INVOCATION_BODY, InvocationRequest
from scoring_api.observability.metrics import observe_served_scores
from scoring_api.schemas import (
    NEW_APPLICANT_REQUIRED,
    ErrorResponse,
    InvocationResponse,
    ScoreRequest,
    ScoreResponse,
)
from scoring_api.security.access import client_access, require_roles
from scoring_api.security.audit import audit_event
from scoring_api.security.cost_limits import charge_scoring, heavy_slot, scoring_cost
from scoring_api.security.identity import current_identity
from scoring_api.security.roles import Role
from scoring_api.services.applications import score_applications_with_values
from scoring_api.services.offers import application_offers, offer_cost

SCORING = Tag(name="scoring", description="Score new or edited applications")
blueprint = api_blueprint("scoring", __name__)
# invocations reads its body itself (JSON or CSV): its JSON model joins the document's schemas.
blueprint.components_schemas.update(parse_body(InvocationRequest)[1])


def _check_batch(n_applications: int) -> None:
    """Refuse batches larger than the configured maximum."""
    limit = api_settings().max_batch
    if n_applications > limit:
        raise ApiError(
            422,
            "batch_too_large",
            f"At most {limit} applications per request; got {n_applications}.",
            {"max_batch": limit, "received": n_applications},
        )


def _check_new_applicants(records: list[dict[str, Any]]) -> None:
    """Refuse new applications (no SK_ID_CURR) that lack a field the model cannot do without."""
    details = [
        {"loc": ["applications", i, name], "msg": "required for a new applicant"}
        for i, name in missing_for_new_applicants(records)
    ]
    if details:
        raise ApiError(
            422,
            "missing_required_fields",
            "A new application needs: " + ", ".join(NEW_APPLICANT_REQUIRED) + ".",
            details[:50],
        )


@blueprint.post(
    "/score", tags=[SCORING], summary="Score applications", responses={200: ScoreResponse}
)
@require_roles(Role.ADVISOR, Role.CLIENT, Role.SERVICE)
def post_score(body: ScoreRequest) -> dict[str, Any]:
    """Score applications: an SK_ID_CURR with changed fields is a what-if on that client."""
    _check_batch(len(body.applications))
    records = [a.model_dump(exclude_unset=True) for a in body.applications]
    identity = current_identity()
    ids = {r.get("SK_ID_CURR") for r in records}
    if identity is not None and identity.role == Role.CLIENT and None in ids:
        raise forbidden("A client account may only score changes to their own file.")
    for client_id in sorted(i for i in ids if i is not None):
        client_access(client_id, "score.what_if")
    _check_new_applicants(records)
    settings, bundle = api_settings(), current_bundle()
    cost = scoring_cost(settings, len(records), is_explained=body.explain)
    if body.offers:
        cost += len(records) * offer_cost(settings)
    with heavy_slot(settings, cost):  # refused when busy before it is charged
        charge_scoring(settings, cost)
        results, values = score_applications_with_values(
            bundle,
            records,
            explain=body.explain,
            top=body.top,
            lang=request_lang(body.lang),
        )
        if body.offers:
            for record, result in zip(records, results, strict=True):
                result["offers"] = application_offers(bundle, settings, record, result)
    for client_id in sorted(i for i in ids if i is not None):
        audit_event("score.what_if", None, client_id, "ok")
    for channel, is_what_if in ((Channel.WHAT_IF, True), (Channel.NEW_APPLICATION, False)):
        record_scores(
            bundle,
            channel,
            (
                Scored(
                    record.get("SK_ID_CURR"),
                    result,
                    value_of,
                    event_groups(bundle, record),
                    application=record,
                )
                for record, result, value_of in zip(records, results, values, strict=True)
                if (record.get("SK_ID_CURR") is not None) == is_what_if
            ),
        )
    observe_served_scores(results)
    return {"model_version": bundle.version, "results": results}


@blueprint.post(
    "/invocations",
    tags=[SCORING],
    summary="MLflow-compatible scoring",
    responses={200: InvocationResponse, 400: ErrorResponse, 415: ErrorResponse},
    openapi_extensions={"requestBody": INVOCATION_BODY},
)
@require_roles(Role.SERVICE, Role.ADVISOR)
def post_invocations() -> dict[str, Any]:
    """Score an MLflow scoring-server payload (JSON or CSV): probability, decision, score."""
    records = invocation_records()
    _check_batch(len(records))
    applications, errors = validate_rows(records)
    if errors:
        raise ApiError(422, "validation_error", "Invalid application fields.", errors)
    if any(a.get("SK_ID_CURR") is not None for a in applications):
        raise ApiError(422, "invalid_payload", "invocations scores new applications only.")
    _check_new_applicants(applications)
    cost = scoring_cost(api_settings(), len(applications), is_explained=False)
    bundle = current_bundle()
    with heavy_slot(api_settings(), cost):
        charge_scoring(api_settings(), cost)
        results, values = score_applications_with_values(bundle, applications)
    record_scores(
        bundle,
        Channel.INVOCATIONS,
        (
            Scored(None, result, value_of, application_groups(application), application)
            for application, result, value_of in zip(applications, results, values, strict=True)
        ),
    )
    observe_served_scores(results)
    keys = ("probability", "decision", "score")
    return {"predictions": [{k: r[k] for k in keys} for r in results]}
