"""A tiny app with dummy protected routes around init_security (no model, no bundle)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask, Response, jsonify
from flask.testing import FlaskClient
from flask_openapi3 import APIBlueprint, OpenAPI
from pydantic import BaseModel

from scoring_api.config import Settings
from scoring_api.errors import ApiError
from scoring_api.security import (
    audit_event,
    check_client_access,
    current_identity,
    init_security,
    register_auth_routes,
    require_roles,
)
from scoring_api.security.accounts import create_account
from scoring_api.security.keys import create_api_key
from scoring_api.security.state import get_state

PASSWORD = "correct horse battery staple"
CLIENT_ID = 100002
OTHER_CLIENT_ID = 100003


class ClientPath(BaseModel):
    """Path of a client route."""

    client_id: int


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Return test settings with a database file under tmp_path."""
    values: dict[str, Any] = {
        "app_env": "test",
        "database_url": f"sqlite:///{tmp_path / 'security.sqlite3'}",
        "pseudonym_key": "p" * 40,
    }
    values.update(overrides)
    return Settings.from_env(values, environ={})


def make_app(settings: Settings) -> Flask:
    """Build a flask-openapi3 app with an API blueprint and dummy routes behind init_security."""
    app = OpenAPI(__name__)
    app.config["TESTING"] = True

    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> tuple[Response, int]:
        return jsonify(error.to_dict()), error.status

    init_security(app, settings)
    bp = APIBlueprint("api", __name__, url_prefix="/api/v1")
    register_auth_routes(bp)

    @bp.get("/health/live")
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @bp.get("/clients/<int:client_id>/score")
    @require_roles("advisor", "client", "service")
    def score(path: ClientPath) -> dict[str, Any]:
        check_client_access(path.client_id)
        audit_event("client.score", client_id=path.client_id)
        return {"client_id": path.client_id}

    @bp.get("/model")
    @require_roles("advisor", "client")
    def model() -> dict[str, Any]:
        identity = current_identity()
        return {"role": identity.role if identity else None}

    @bp.post("/score")
    @require_roles("advisor", "client", "service")
    def score_new() -> dict[str, str]:
        return {"status": "scored"}

    app.register_api(bp)
    return app


def add_account(app: Flask, username: str, role: str, client_id: int | None = None) -> int:
    """Create an account in the app's database; return its id."""
    with get_state(app).database.session() as session:
        return create_account(session, username, PASSWORD, role, client_id).id


def add_key(app: Flask, name: str, role: str = "service", client_id: int | None = None) -> str:
    """Create an API key in the app's database; return the raw token."""
    state = get_state(app)
    with state.database.session() as session:
        return create_api_key(session, state.api_key_secret(session), name, role, client_id).token


def sign_in(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    """Post credentials to the login route; return the response."""
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


@pytest.fixture(name="settings")
def settings_fixture(tmp_path: Path) -> Settings:
    """Return test settings with a fresh database file."""
    return make_settings(tmp_path)


@pytest.fixture(name="app")
def app_fixture(settings: Settings) -> Flask:
    """Return a fresh tiny app with an advisor, a client (CLIENT_ID) and an admin."""
    app = make_app(settings)
    add_account(app, "alice", "advisor")
    add_account(app, "carl", "client", CLIENT_ID)
    add_account(app, "ada", "admin")
    return app


@pytest.fixture(name="client")
def client_fixture(app: Flask) -> FlaskClient:
    """Return a test client of the tiny app."""
    return app.test_client()
