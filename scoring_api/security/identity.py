"""Who is calling: a signed-in account (session cookie) or another system (API key)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, Request, session
from flask_login import LoginManager, UserMixin, current_user
from flask_openapi3 import SecurityScheme

from scoring_api.security.keys import digest_token, find_api_key
from scoring_api.security.models import Account, RevokedSession
from scoring_api.security.state import get_state, request_session

API_KEY_HEADER = "X-API-Key"
SESSION_COOKIE = "session"  # Flask's session cookie, shared with the dashboard
# The OpenAPI document's two ways in.
SECURITY_SCHEMES: dict[str, SecurityScheme | dict[str, Any]] = {
    "apiKey": {"type": "apiKey", "in": "header", "name": API_KEY_HEADER},
    "session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE},
}


@dataclass(frozen=True)
class Identity:
    """The caller: a signed-in account or an API key (account_id None, api_key_id set)."""

    account_id: int | None
    username: str
    role: str
    client_id: int | None
    api_key_id: int | None = None


class SessionUser(UserMixin):
    """Flask-Login's view of an identity."""

    def __init__(self, identity: Identity) -> None:
        self.identity = identity

    def get_id(self) -> str:
        """Return the id stored in the session cookie."""
        return str(self.identity.account_id)


def init_login(app: Flask) -> LoginManager:
    """Attach Flask-Login: accounts from the session cookie, API keys from X-API-Key."""
    manager = LoginManager()
    manager.session_protection = "basic"
    manager.user_loader(_load_session_user)
    manager.request_loader(_load_key_user)
    manager.init_app(app)
    return manager


SESSION_ID_KEY = "sid"


def is_session_revoked(sid: str) -> bool:
    """Tell whether a session was signed out (cached per worker like identities)."""
    state = get_state()
    revoked = state.cached(f"sid:{sid}")
    if revoked is None:
        revoked = request_session().get(RevokedSession, sid) is not None
        state.remember(f"sid:{sid}", revoked)
    return bool(revoked)


def _load_session_user(user_id: str) -> SessionUser | None:
    """Return the user of a session cookie while the account stays active and signed in."""
    if not user_id.isdigit():
        return None
    sid = session.get(SESSION_ID_KEY)
    if not isinstance(sid, str) or is_session_revoked(sid):
        return None
    state = get_state()
    identity = state.cached(f"account:{user_id}")
    if identity is None:
        account = request_session().get(Account, int(user_id))
        if account is None or not account.is_active:
            return None
        identity = identity_of_account(account)
        state.remember(f"account:{user_id}", identity)
    return SessionUser(identity)


def _load_key_user(request: Request) -> SessionUser | None:
    """Return the user of a live API key in the X-API-Key header."""
    token = request.headers.get(API_KEY_HEADER)
    if not token:
        return None
    state = get_state()
    if state.key_secret is not None:  # cached by digest, never by the raw key
        cache_key = "key:" + digest_token(state.key_secret, token)
        identity = state.cached(cache_key)
        if identity is not None:
            return SessionUser(identity)
    session = request_session()
    secret = state.api_key_secret(session)
    key = find_api_key(session, secret, token)
    if key is None:
        return None
    identity = Identity(
        account_id=None,
        username=f"key:{key.name}",
        role=key.role,
        client_id=key.client_id,
        api_key_id=key.id,
    )
    state.remember("key:" + key.digest, identity)
    return SessionUser(identity)


def identity_of_account(account: Account) -> Identity:
    """Return the identity of an account."""
    return Identity(
        account_id=account.id,
        username=account.username,
        role=account.role,
        client_id=account.client_id,
    )


def current_identity() -> Identity | None:
    """Return the caller's identity, or None when anonymous."""
    user = current_user._get_current_object()  # one proxy lookup, not three
    if user is not None and user.is_authenticated:
        return user.identity
    return None
