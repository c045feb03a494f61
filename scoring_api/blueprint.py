"""The API blueprint: routes under /api/v1, per-request bundle in ``g``, anonymous routes listed."""

from __future__ import annotations

from flask import current_app, g, request
from flask_openapi3 import APIBlueprint
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from scoring_api.bundle_store import BundleStore, ServingBundle
from scoring_api.config import Settings
from scoring_api.errors import ApiError, not_found
from scoring_api.query_schemas import memoize_query_schemas
from scoring_api.schemas import ErrorResponse
from scoring_api.security import (
    audit_event,
    check_client_access,
    current_identity,
    register_auth_routes,
)

API_PREFIX = "/api/v1"
STORE_KEY = "scoring_bundle_store"
SETTINGS_KEY = "scoring_settings"
ANONYMOUS_ENDPOINTS = frozenset({"health_live", "health_ready", "login", "api_not_found"})
ERRORS = {
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    422: ErrorResponse,
    429: ErrorResponse,
    503: ErrorResponse,
}


def api_settings() -> Settings:
    """Return the settings of the running app."""
    return current_app.extensions[SETTINGS_KEY]


def bundle_store() -> BundleStore:
    """Return the bundle store of the running app."""
    return current_app.extensions[STORE_KEY]


def current_bundle() -> ServingBundle:
    """Return the bundle this request uses from start to end (taken once, kept in ``g``)."""
    if "bundle" not in g:
        g.bundle = bundle_store().get()
    return g.bundle


def request_lang(lang: str | None) -> str:
    """Return the asked language, else the configured one."""
    return lang or api_settings().language


def client_access(client_id: int, action: str) -> None:
    """Check a caller may see this client (403 otherwise), recording refusals in the audit."""
    try:
        check_client_access(client_id)
    except ApiError:
        audit_event(action, None, client_id, "denied")
        raise


def _require_identity() -> None:
    """Refuse anonymous callers on every API route but health, sign-in and unknown paths."""
    endpoint = (request.endpoint or "").rsplit(".", 1)[-1]
    if endpoint in ANONYMOUS_ENDPOINTS or request.method == "OPTIONS":
        return
    if current_identity() is None:
        raise ApiError(401, "unauthorized", "Sign in or send an API key (X-API-Key).")


def _unknown_api_path(path: str) -> None:
    """Answer unknown /api/v1 paths with a JSON 404 (405 when another method would match)."""
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


def create_blueprint(settings: Settings) -> APIBlueprint:
    """Return the API blueprint with every route; the factory attaches the bundle store."""
    from scoring_api.routes import clients, model, scoring  # noqa: PLC0415 (routes need bp)

    bp = APIBlueprint("api", __name__, url_prefix=API_PREFIX, abp_responses=ERRORS)
    bp.before_request(_require_identity)
    model.register(bp)
    clients.register(bp)
    scoring.register(bp)
    register_auth_routes(bp, ErrorResponse)
    bp.add_url_rule(
        "/<path:path>",
        endpoint="api_not_found",
        view_func=_unknown_api_path,
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    )
    bp.record_once(lambda state: memoize_query_schemas(state.app))  # once the views exist
    return bp
