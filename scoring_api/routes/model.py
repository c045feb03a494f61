"""Health, the model card, its report and curves, and the population sample."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Response, jsonify
from flask_openapi3 import Tag

from model_training.bundle import EVALUATION_FILE, REPORT_FILE
from scoring_api.blueprint import api_blueprint
from scoring_api.bundle_store import ServingBundle
from scoring_api.context import bundle_store, current_bundle, request_lang
from scoring_api.errors import ApiError, error_response, not_found
from scoring_api.responses import (
    HTML_PAGE,
    DirectionView,
    Evaluation,
    Liveness,
    ModelCard,
    PopulationSample,
    Readiness,
)
from scoring_api.schemas import ErrorResponse, LangQuery, SampleQuery
from scoring_api.security.access import require_roles
from scoring_api.security.extension import database_problem
from scoring_api.security.headers import sandboxed_report_policy
from scoring_api.security.identity import current_identity
from scoring_api.security.limits import shared_limits_status
from scoring_api.security.roles import Role
from scoring_api.services.clients import population_sample
from scoring_api.services.model_card import card_metrics, direction_view, model_features

HEALTH = Tag(name="health", description="Liveness and readiness (anonymous)")
MODEL = Tag(name="model", description="The live model: card, report, curves, population")
logger = logging.getLogger(__name__)
blueprint = api_blueprint("model", __name__)
CARD_KEYS = ("version", "created", "threshold", "costs", "points", "base_value", "n_clients")


@blueprint.get(
    "/health/live", tags=[HEALTH], security=[], summary="Liveness", responses={200: Liveness}
)
def health_live() -> dict[str, Any]:
    """Say the process answers."""
    return {"status": "alive"}


@blueprint.get(
    "/health/ready",
    tags=[HEALTH],
    security=[],
    summary="Readiness",
    responses={200: Readiness, 503: ErrorResponse},
)
def health_ready() -> Response:
    """Say whether the model and the database serve; versions and reasons for admins only.

    Anonymous callers (load balancers, monitors) get a status per check; the reasons, which
    name internal paths, go to the log and to a signed-in admin.
    """
    status = bundle_store().status()
    checks = {
        "model": "ok" if status["model_version"] is not None else (status["problem"] or "none"),
        "database": database_problem() or "ok",
    }
    shared_limits = shared_limits_status()
    if shared_limits is not None:  # Redis: every request counts there
        checks["rate_limits"] = shared_limits
    failed = [name for name, value in checks.items() if value != "ok"]
    if failed:
        logger.warning("not ready: %s", "; ".join(f"{name}: {checks[name]}" for name in failed))
    identity = current_identity()
    if identity is not None and identity.role == Role.ADMIN:
        details: dict[str, Any] = {**status, "checks": checks}
    else:
        details = {"checks": {name: "ok" if v == "ok" else "failing" for name, v in checks.items()}}
    if failed:
        message = f"Not ready: {', '.join(failed)} unavailable."
        return error_response(ApiError(503, "not_ready", message, details))
    return jsonify({"status": "ready", **details})


@blueprint.get("/model", tags=[MODEL], summary="Model card", responses={200: ModelCard})
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_model(query: LangQuery) -> dict[str, Any]:
    """Return the model card: version, metrics, threshold, costs, points scale and inputs."""
    bundle = current_bundle()
    return {
        **bundle.metadata.model_dump(include=set(CARD_KEYS)),
        "metrics": card_metrics(bundle),
        "features": model_features(bundle, request_lang(query.lang)),
    }


def _report_page(bundle: ServingBundle) -> tuple[str, str] | None:
    """Return the report's HTML and its sandboxing CSP (it runs in an opaque origin), or None."""
    text = bundle.read_text(REPORT_FILE)
    if text is None:
        return None
    return text, sandboxed_report_policy(text)


@blueprint.get(
    "/model/report", tags=[MODEL], summary="Model report (HTML)", responses={200: HTML_PAGE}
)
@require_roles(Role.ADVISOR)
def get_model_report() -> Response:
    """Return the model report (HTML), sandboxed: nothing in it can act as the app."""
    bundle = current_bundle()
    page = bundle.cached("model_report", bundle.version, lambda: _report_page(bundle))
    if page is None:
        raise not_found("Model report")
    text, policy = page
    response = Response(text, mimetype="text/html")
    response.headers["Content-Security-Policy"] = policy  # kept by the security headers
    return response


@blueprint.get(
    "/model/curves", tags=[MODEL], summary="Evaluation curves", responses={200: Evaluation}
)
@require_roles(Role.ADVISOR)
def get_model_curves() -> dict[str, Any]:
    """Return the evaluation as data: cost, ROC, calibration, fairness, drift."""
    text = current_bundle().read_text(EVALUATION_FILE)
    if text is None:
        raise not_found("Model evaluation")
    return json.loads(text)


@blueprint.get(
    "/model/directions",
    tags=[MODEL],
    summary="Direction of the main inputs",
    responses={200: DirectionView, 404: ErrorResponse},
)
@require_roles(Role.ADVISOR)
def get_model_directions(query: LangQuery) -> dict[str, Any]:
    """Return, for a sample of train clients, the top inputs' points by value (404 if absent)."""
    view = direction_view(current_bundle(), request_lang(query.lang))
    if view is None:
        raise not_found("Direction view")
    return view


@blueprint.get(
    "/population/sample",
    tags=[MODEL],
    summary="Bivariate sample",
    responses={200: PopulationSample},
)
@require_roles(Role.ADVISOR)
def get_population_sample(query: SampleQuery) -> dict[str, Any]:
    """Return a server-side sample of two features with decisions (no client ids)."""
    return population_sample(current_bundle(), query.x, query.y, query.n)
