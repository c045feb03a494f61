"""One Flask server: the scoring API at /api/v1 (OpenAPI document, docs page) and the dashboard."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider
from flask_openapi3 import Info, OpenAPI
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dash_app import create_dash
from scoring_api.access_log import init_access_log
from scoring_api.blueprint import API_PREFIX, SETTINGS_KEY, STORE_KEY, create_blueprint
from scoring_api.bundle_store import BundleStore
from scoring_api.client_ids import use_ascii_int_converter
from scoring_api.compression import init_compression
from scoring_api.config import Settings
from scoring_api.errors import ApiError, error_response
from scoring_api.log_format import configure_logging
from scoring_api.metrics import init_metrics
from scoring_api.request_id import init_request_id
from scoring_api.security import SECURITY_SCHEMES, add_csp_script_hashes, init_security

logger = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, where a body nested deeper than Python can parse is invalid JSON."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON; a RecursionError (e.g. 10,000 nested arrays) becomes a ValueError."""
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def validation_response(exc: ValidationError) -> Response:
    """Return 415 for a body not sent as JSON, 400 for invalid JSON, else 422 with details."""
    if request.get_data() and not request.is_json:
        return error_response(
            ApiError(
                415,
                "unsupported_media_type",
                "Send the body as JSON with the header Content-Type: application/json.",
                {"content_type": request.mimetype or None},
            )
        )
    if request.get_data() and request.get_json(silent=True) is None:
        return error_response(ApiError(400, "bad_request", "The body is not valid JSON."))
    details = [
        {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    return error_response(ApiError(422, "validation_error", "Invalid request.", details))


def _http_error(exc: HTTPException) -> Response:
    """Return werkzeug's HTTP errors (404, 405, 413...) as JSON error bodies."""
    if exc.response is not None:  # a response already built (validation, rate limits)
        return exc.response
    code = exc.code or 500
    error = ApiError(code, HTTP_CODES.get(code, "http_error"), exc.description or exc.name)
    headers = {}
    if code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    return error_response(error, headers)


def _unexpected_error(exc: Exception) -> Response:
    """Log an unexpected error and answer a 500 with no traceback."""
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    logger.exception("unexpected error on %s", request.url_rule.rule if request.url_rule else "-")
    return error_response(ApiError(500, "internal_error", "An unexpected error occurred."))


def _settings(config: Mapping[str, Any] | Settings | None) -> Settings:
    """Return settings from the environment, with a mapping's overrides, or as given."""
    if isinstance(config, Settings):
        return config
    return Settings.from_env(config)


def create_app(config: Mapping[str, Any] | Settings | None = None) -> Flask:
    """Build the server: API blueprint at /api/v1, security, JSON errors, bundle store."""
    settings = _settings(config)
    app = OpenAPI(
        __name__,
        info=Info(title="Prêt à dépenser scoring API", version="1"),
        security_schemes=SECURITY_SCHEMES,
        doc_prefix=API_PREFIX,
        doc_url="/openapi.json",
        validation_error_callback=validation_response,
    )
    if settings.proxy_fix:  # behind a router: the caller's address and scheme from its headers
        hops = settings.proxy_fix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json = BoundedJSONProvider(app)
    app.json.sort_keys = False
    app.extensions[SETTINGS_KEY] = settings
    store = BundleStore(settings.artifacts_dir, settings.bundle_check_seconds, is_background=True)
    app.extensions[STORE_KEY] = store
    init_compression(app)  # first registered: its hook runs after every other one
    init_request_id(app)  # first: every later hook and log line has the request id
    init_metrics(app, settings, store)
    init_security(app, settings)
    init_access_log(app)
    use_ascii_int_converter(app)  # /clients/١٢٣ is no client id
    app.register_api(create_blueprint(settings))
    app.register_error_handler(ApiError, error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    if settings.dashboard:
        _mount_dashboard(app, settings)
    return app


def _mount_dashboard(app: Flask, settings: Settings) -> None:
    """Mount Dash on the server and allow its inline scripts (by hash) in the CSP."""
    dashboard = create_dash(
        app,
        api_url=settings.api_url,
        language=settings.language,
        loan_annual_rate=settings.loan_annual_rate,
    )
    add_csp_script_hashes(app, list(dashboard.csp_hashes()))

    is_router_allowed: list[bool] = []

    @app.after_request  # runs before the security headers (after_request runs in reverse)
    def allow_dash_router_scripts(response: Response) -> Response:
        # Dash registers its pages router (an inline clientside script) on the first request.
        if not is_router_allowed:
            add_csp_script_hashes(app, list(dashboard.csp_hashes()))
            is_router_allowed.append(True)
        return response


def main(argv: list[str] | None = None) -> None:
    """Run the development server (debug off)."""
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description="Run the scoring server (development).")
    parser.add_argument("--host", default=settings.host)
    parser.add_argument("--port", type=int, default=settings.port)
    args = parser.parse_args(argv)
    configure_logging(settings.log_format or "text", settings.log_level)
    create_app(settings).run(host=args.host, port=args.port, debug=False)


_servers: dict[str, Flask] = {}


def __getattr__(name: str) -> Flask:
    """Build the module-level ``server`` (gunicorn's ``app:server``) on first access only."""
    if name != "server":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if "server" not in _servers:
        _servers["server"] = create_app()
    return _servers["server"]


if __name__ == "__main__":
    main()
