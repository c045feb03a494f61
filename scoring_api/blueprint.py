"""The API's blueprints: one per route module under /api/v1, anonymous callers refused.

Each route module builds its own with ``api_blueprint`` and puts the route decorator above each
view; the factory registers them, then ``fallback``, which answers unknown API paths in JSON.
"""

from __future__ import annotations

from typing import Any, NoReturn

from flask import Flask, current_app, request
from flask_openapi3 import APIBlueprint
from flask_openapi3.utils import get_operation_id_for_path
from pydantic import BaseModel
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import IntegerConverter

from scoring_api.errors import ApiError, not_found
from scoring_api.schemas import ErrorResponse
from scoring_api.security.identity import current_identity
from scoring_api.urls import API_PREFIX, ASCII_DIGITS

# Endpoints (by view name) that answer anonymous callers: health, sign-in, unknown paths.
HEALTH_ENDPOINTS = frozenset({"health_live", "health_ready"})
ANONYMOUS_ENDPOINTS = HEALTH_ENDPOINTS | {"login", "api_not_found"}
ERRORS: dict[Any, type[BaseModel] | dict[Any, Any] | None] = {
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    422: ErrorResponse,
    429: ErrorResponse,
    503: ErrorResponse,
}
FALLBACK_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
# The OpenAPI operationIds are published (client generators name methods after them): they keep
# the prefix of the single blueprint the API had, whichever module's blueprint holds the route.
OPERATION_PREFIX = "api"


def require_identity() -> None:
    """Refuse anonymous callers on every API route but health, sign-in and unknown paths."""
    endpoint = (request.endpoint or "").rsplit(".", 1)[-1]
    if endpoint in ANONYMOUS_ENDPOINTS or request.method == "OPTIONS":
        return
    if current_identity() is None:
        raise ApiError(401, "unauthorized", "Sign in or send an API key (X-API-Key).")


def operation_id(*, name: str, path: str, method: str) -> str:
    """Return a route's OpenAPI operationId (``api_get_model_model_get``)."""
    return get_operation_id_for_path(bp_name=OPERATION_PREFIX, name=name, path=path, method=method)


def api_blueprint(name: str, import_name: str) -> APIBlueprint:
    """Return a blueprint under /api/v1 whose routes document the JSON errors and need a caller."""
    blueprint = APIBlueprint(
        name,
        import_name,
        url_prefix=API_PREFIX,
        abp_responses=ERRORS,
        operation_id_callback=operation_id,
    )
    blueprint.before_request(require_identity)
    return blueprint


fallback = api_blueprint("api", __name__)


@fallback.route("/<path:path>", endpoint="api_not_found", methods=FALLBACK_METHODS)
def api_not_found(path: str) -> NoReturn:
    """Answer unknown /api/v1 paths with a JSON 404 (405 when another method would match).

    Dash adds a GET catch-all ``/<path>``: without this one it would answer API paths in HTML.
    """
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = []
    for method in ("GET", "POST"):
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if not endpoint.endswith("api_not_found"):
            allowed.append(method)
    if allowed:
        raise MethodNotAllowed(valid_methods=allowed)
    raise not_found("API route", {"path": f"{API_PREFIX}/{path}"})


class AsciiIntegerConverter(IntegerConverter):
    """Werkzeug's ``<int:...>`` matching ASCII digits only (its ``\\d+`` takes any script's)."""

    regex = ASCII_DIGITS.pattern


def use_ascii_int_converter(app: Flask) -> None:
    """Make ``<int:...>`` in the app's routes match ASCII digits only (before adding routes)."""
    app.url_map.converters["int"] = AsciiIntegerConverter
