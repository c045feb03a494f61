"""A tiny app with dummy protected routes around init_security (no model, no bundle)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify
from flask.testing import FlaskClient
from flask_openapi3 import APIBlueprint, OpenAPI
from pydantic import BaseModel

from scoring_api.config import Settings
from scoring_api.errors import ApiError
from scoring_api.security import routes as auth
from scoring_api.security.access import check_client_access, require_roles
from scoring_api.security.accounts import create_account
from scoring_api.security.audit import audit_event
from scoring_api.security.extension import init_security
from scoring_api.security.identity import current_identity
from scoring_api.security.keys import create_api_key
from scoring_api.security.roles import Role
from scoring_api.security.state import get_state
from scoring_api.urls import API_PREFIX

PASSWORD = "correct horse battery staple"
CLIENT_ID = 100002
OTHER_CLIENT_ID = 100003
HOUR = 3600.0  # an audit flush interval no test waits for: rows land only when flushed


class ClientPath(BaseModel):
    """Path of a client route."""

    client_id: int


def make_app(settings: Settings) -> Flask:
    """Build a flask-openapi3 app with the sign-in routes and dummy routes behind init_security."""
    app = OpenAPI(__name__)
    app.config["TESTING"] = True

    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> tuple[Response, int]:
        return jsonify(error.to_dict()), error.status

    init_security(app, settings)
    bp = APIBlueprint("api", __name__, url_prefix=API_PREFIX)

    @bp.get("/health/live")
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @bp.get("/clients/<int:client_id>/score")
    @require_roles(Role.ADVISOR, Role.CLIENT, Role.SERVICE)
    def score(path: ClientPath) -> dict[str, Any]:
        check_client_access(path.client_id)
        audit_event("client.score", client_id=path.client_id)
        return {"client_id": path.client_id}

    @bp.get("/model")
    @require_roles(Role.ADVISOR, Role.CLIENT)
    def model() -> dict[str, Any]:
        identity = current_identity()
        return {"role": identity.role if identity else None}

    @bp.post("/score")
    @require_roles(Role.ADVISOR, Role.CLIENT, Role.SERVICE)
    def score_new() -> dict[str, str]:
        return {"status": "scored"}

    app.register_api(bp)
    app.register_api(auth.blueprint)
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
    return client.post(
        f"{API_PREFIX}/auth/login", json={"username": username, "password": password}
    )


# Settings of conftest.py's fixtures that the tests read back.
FREE_ATTEMPTS = 3  # the guarded app's sign-ins per account before each waits
BUDGET = "20 per minute"  # the budget app's rows per identity
EXPLAIN_COST = 5
HEAVY_COST = 10  # a request of two explained rows or more is heavy
CLOCK_START = 1_000_000.0


class FakeClock:
    """A clock the test moves by hand (``time()`` as the ``time`` module has it)."""

    def __init__(self) -> None:
        self.now = CLOCK_START

    def time(self) -> float:
        """Return the current fake epoch time."""
        return self.now
