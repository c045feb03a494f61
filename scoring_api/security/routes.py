"""Sign-in and sign-out routes (``POST auth/login``, ``POST auth/logout``, ``GET auth/me``)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, NoReturn

from flask import session
from flask_login import login_user, logout_user
from flask_openapi3 import Tag
from pydantic import BaseModel, ConfigDict, Field

from scoring_api.blueprint import api_blueprint
from scoring_api.errors import unauthorized
from scoring_api.observability.metrics import count_sign_in_refusal
from scoring_api.security.access import require_roles
from scoring_api.security.accounts import authenticate
from scoring_api.security.audit import audit_event, pseudonymise_account
from scoring_api.security.identity import (
    SESSION_ID_KEY,
    SessionUser,
    current_identity,
    identity_of_account,
)
from scoring_api.security.models import RevokedSession, utc_now
from scoring_api.security.passwords import verify_password
from scoring_api.security.roles import PERSON_ROLES
from scoring_api.security.state import get_state, request_session

AUTH_TAG = Tag(
    name="auth", description="Sign in and out (session cookie shared with the dashboard)"
)
BAD_CREDENTIALS = "Wrong username or password."
REFUSED = "refused"  # audit outcome and metric reason: unknown account, wrong password, disabled
THROTTLED = "throttled"  # the account is inside its back-off delay
blueprint = api_blueprint("auth", __name__)


class LoginBody(BaseModel):
    """Credentials of a person."""

    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


class LoginResponse(BaseModel):
    """The signed-in account."""

    username: str
    role: str = Field(description=", ".join(PERSON_ROLES[:-1]) + " or " + PERSON_ROLES[-1])
    client_id: int | None = Field(description="SK_ID_CURR of a client account, else null")


class LogoutResponse(BaseModel):
    """Confirmation that the session ended."""

    signed_out: bool


def _refuse(reason: str, account_ref: str) -> NoReturn:
    """Audit and count a refused sign-in, then answer the one 401 every refusal gets."""
    audit_event("auth.login", outcome=reason, account_ref=account_ref)
    count_sign_in_refusal(reason)
    raise unauthorized(BAD_CREDENTIALS)


@blueprint.post(
    "/auth/login",
    tags=[AUTH_TAG],
    summary="Sign in",
    responses={200: LoginResponse},
    security=[],
)
def login(body: LoginBody) -> dict[str, Any]:
    """Check the credentials and open a session (cookie); accounts back off after failures.

    Unknown account, wrong password, disabled account and an account inside its back-off
    delay (security/throttle.py) get the same 401 after the same password-hashing work.
    """
    db = request_session()
    account_ref = pseudonymise_account(body.username)
    throttle = get_state().throttle
    if not throttle.admit(db, account_ref):
        verify_password(None, body.password)  # the time a checked password takes
        _refuse(THROTTLED, account_ref)
    account = authenticate(db, body.username, body.password)
    if account is None:
        _refuse(REFUSED, account_ref)
    throttle.clear(db, account_ref)
    session.clear()  # a new session at each sign-in (no fixation)
    login_user(SessionUser(identity_of_account(account)))
    session[SESSION_ID_KEY] = secrets.token_urlsafe(32)  # revoked server-side at sign-out
    session.permanent = True
    audit_event("auth.login", account_ref=account_ref)
    return {"username": account.username, "role": account.role, "client_id": account.client_id}


def revoke_session(sid: str, account_id: int) -> None:
    """Refuse this session's cookie from now on (kept until it would have expired)."""
    state = get_state()
    now = utc_now()
    db = request_session()
    db.query(RevokedSession).filter(RevokedSession.expires_at < now).delete()
    lifetime = timedelta(minutes=state.settings.session_minutes)
    db.merge(RevokedSession(sid=sid, account_id=account_id, expires_at=now + lifetime))
    db.commit()
    state.remember(f"sid:{sid}", True)


@blueprint.post(
    "/auth/logout", tags=[AUTH_TAG], summary="Sign out", responses={200: LogoutResponse}
)
@require_roles()
def logout() -> dict[str, Any]:
    """End the caller's session."""
    identity = current_identity()
    if identity is not None:
        audit_event("auth.logout")
    sid = session.get(SESSION_ID_KEY)
    if isinstance(sid, str) and identity is not None and identity.account_id is not None:
        revoke_session(sid, identity.account_id)
    logout_user()
    session.clear()
    return {"signed_out": True}


@blueprint.get(
    "/auth/me", tags=[AUTH_TAG], summary="Who is signed in", responses={200: LoginResponse}
)
@require_roles()
def me() -> dict[str, Any]:
    """Return who the caller is (the dashboard checks roles with it on every page)."""
    identity = current_identity()
    if identity is None:  # require_roles already refuses anonymous callers
        raise unauthorized()
    return {"username": identity.username, "role": identity.role, "client_id": identity.client_id}
