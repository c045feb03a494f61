"""gunicorn's ``app:server`` and ``python app.py``: the API server with the dashboard mounted.

The API (``scoring_api.factory``) never imports the dashboard, downstream of it: this module does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from dash_app import create_dash
from scoring_api import factory
from scoring_api.config import Settings
from scoring_api.security.headers import allow_inline_scripts


def mount_dashboard(server: Flask, settings: Settings) -> None:
    """Mount Dash on the server (when DASHBOARD is on); its inline scripts are allowed by hash."""
    dashboard = create_dash(
        server,
        api_url=settings.api_url,
        language=settings.language,
        loan_annual_rate=settings.loan_annual_rate,
    )
    allow_inline_scripts(server, dashboard.csp_hashes)


def create_app(config: Mapping[str, Any] | Settings | None = None) -> Flask:
    """Return the server: the API at /api/v1 and the dashboard."""
    return factory.create_app(config, dashboard=mount_dashboard)


def __getattr__(name: str) -> Flask:
    """Build ``server`` (gunicorn's ``app:server``) on first access: an import builds nothing."""
    if name != "server":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()["server"] = server = create_app()
    return server


if __name__ == "__main__":
    factory.run_development_server(create_app)
