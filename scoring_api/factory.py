"""The API server: ``create_app`` builds Flask with settings, extensions and the API blueprints.

The dashboard is downstream of the API, so the API never imports it: a caller that serves both
passes ``dashboard``, a function mounting it on the server (root ``app.py`` passes Dash's).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask
from flask_openapi3 import Info, OpenAPI
from werkzeug.middleware.proxy_fix import ProxyFix

from scoring_api import blueprint, context
from scoring_api.bundle_store import BundleStore
from scoring_api.compression import init_compression
from scoring_api.config import Settings
from scoring_api.docs_index import init_docs_index
from scoring_api.error_handlers import init_error_handlers, validation_response
from scoring_api.events.shadow import init_shadow
from scoring_api.observability.access_log import init_access_log
from scoring_api.observability.log_format import configure_logging
from scoring_api.observability.metrics import init_metrics
from scoring_api.observability.request_id import init_request_id
from scoring_api.query_schemas import memoize_query_schemas
from scoring_api.routes import (
    catalogue,
    clients,
    letter,
    model,
    monitoring,
    offers,
    outcomes,
    reviews,
    scoring,
)
from scoring_api.security import routes as auth
from scoring_api.security.extension import init_security
from scoring_api.security.identity import SECURITY_SCHEMES
from scoring_api.urls import API_PREFIX

MountDashboard = Callable[[Flask, Settings], None]
# The API's blueprints, in the order of the OpenAPI document; the fallback answers the rest.
BLUEPRINTS = (
    model.blueprint,
    catalogue.blueprint,
    clients.blueprint,
    letter.blueprint,
    offers.blueprint,
    scoring.blueprint,
    reviews.blueprint,
    outcomes.blueprint,
    monitoring.blueprint,
    auth.blueprint,
)


def load_settings(config: Mapping[str, Any] | Settings | None) -> Settings:
    """Return settings from the environment, with a mapping's overrides, or as given."""
    if isinstance(config, Settings):
        return config
    return Settings.from_env(config)


def create_app(
    config: Mapping[str, Any] | Settings | None = None, *, dashboard: MountDashboard | None = None
) -> Flask:
    """Build the server: API at /api/v1, security, JSON errors, bundle store (and dashboard).

    ``dashboard`` mounts the dashboard on the server when the DASHBOARD setting is on.
    """
    settings = load_settings(config)
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
        # werkzeug's documented way to wrap an app; mypy reads it as replacing a method
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    init_docs_index(app)
    store = BundleStore(
        settings.artifacts_dir,
        settings.bundle_check_seconds,
        is_background=True,
        map_dir=settings.map_dir,
    )
    context.attach(app, settings, store)
    init_compression(app)  # first registered: its hook runs after every other one
    init_request_id(app)  # first: every later hook and log line has the request id
    init_metrics(app, settings, store)
    init_security(app, settings)
    init_shadow(app, settings)  # after metrics (its counters) and security (the event writer)
    init_access_log(app)
    blueprint.use_ascii_int_converter(app)  # /clients/١٢٣ is no client id
    for api_blueprint in (*BLUEPRINTS, blueprint.fallback):
        app.register_api(api_blueprint)
    memoize_query_schemas(app)  # once the views exist
    init_error_handlers(app)
    if settings.dashboard and dashboard is not None:
        dashboard(app, settings)
    return app


def run_development_server(
    build: Callable[[Settings], Flask], argv: list[str] | None = None
) -> None:
    """Run ``build``'s server with Flask's development server (debug off)."""
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description="Run the scoring server (development).")
    parser.add_argument("--host", default=settings.host)
    parser.add_argument("--port", type=int, default=settings.port)
    args = parser.parse_args(argv)
    configure_logging(settings.log_format or "text", settings.log_level)
    build(settings).run(host=args.host, port=args.port, debug=False)
