"""Monitoring route: the champion's windows of served scores, indicators and the challenger's."""

from __future__ import annotations

import datetime
from typing import Any

from flask_openapi3 import Tag

from scoring_api.blueprint import api_blueprint
from scoring_api.context import api_settings, current_bundle
from scoring_api.errors import ApiError
from scoring_api.events.shadow import shadow_challenger
from scoring_api.monitoring_schemas import MonitoringQuery, MonitoringReport, range_problem
from scoring_api.schemas import ErrorResponse
from scoring_api.security.access import require_roles
from scoring_api.security.roles import Role
from scoring_api.security.state import get_state
from scoring_api.services.monitoring import default_start, monitoring_report

MONITORING = Tag(name="monitoring", description="The model in production: drift and indicators")
blueprint = api_blueprint("monitoring", __name__)


@blueprint.get(
    "/monitoring",
    tags=[MONITORING],
    summary="Monitoring windows and indicators",
    responses={200: MonitoringReport, 422: ErrorResponse},
)
@require_roles(Role.ADVISOR)
def get_monitoring(query: MonitoringQuery) -> dict[str, Any]:
    """Return the windows of the asked days: statistics, indicators, the challenger beside them."""
    settings = api_settings()
    bundle = current_bundle()
    end = query.end or datetime.datetime.now(datetime.UTC).date()
    start = query.start or default_start(end, query.window)
    problem = range_problem(start, end)  # 'from' alone: checked against today
    if problem is not None:
        raise ApiError(
            422,
            "validation_error",
            "Invalid request.",
            [{"loc": ["from"], "msg": problem, "type": "value_error"}],
        )
    challenger = shadow_challenger(bundle.version)
    with get_state().database.session() as session:
        return monitoring_report(
            session, bundle, settings, query.window, start, end, challenger=challenger
        )
