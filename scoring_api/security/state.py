"""The security layer's per-app state (in app.extensions) and the per-request session (in g)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from time import monotonic
from typing import Any

from cachetools import TTLCache
from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from scoring_api.config import Settings
from scoring_api.security.audit_writer import AuditWriter
from scoring_api.security.database import Database
from scoring_api.security.keys import digest_secret
from scoring_api.security.throttle import SignInThrottle

EXTENSION_NAME = "scoring_security"
# A disabled account or a revoked key stops working in every worker within this delay.
IDENTITY_CACHE_SECONDS = 2.0
IDENTITY_CACHE_SIZE = 4096


def _clock() -> float:
    """Return the identity cache's time (this module's ``monotonic``: tests move it)."""
    return monotonic()


def new_identity_cache() -> TTLCache[str, Any]:
    """Return an empty cache of identity lookups, each kept IDENTITY_CACHE_SECONDS."""
    return TTLCache(maxsize=IDENTITY_CACHE_SIZE, ttl=IDENTITY_CACHE_SECONDS, timer=_clock)


@dataclass
class SecurityState:
    """Settings, database, audit and event writers of one app; the API-key digest secret."""

    settings: Settings
    database: Database
    audit: AuditWriter
    throttle: SignInThrottle  # sign-in back-off: in the database, or Redis with the limits
    events: AuditWriter | None = None  # scoring events (scoring_api.events), same batching
    key_secret: bytes | None = field(default=None, repr=False)
    identity_cache: TTLCache[str, Any] = field(default_factory=new_identity_cache, repr=False)
    cache_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cached(self, key: str) -> Any | None:
        """Return a cached identity lookup younger than IDENTITY_CACHE_SECONDS, else None."""
        with self.cache_lock:  # a TTLCache drops expired entries as it is read: not thread-safe
            return self.identity_cache.get(key)

    def remember(self, key: str, value: Any) -> None:
        """Cache an identity lookup (bounded: the least recently used entry goes first)."""
        with self.cache_lock:
            self.identity_cache[key] = value

    def api_key_secret(self, session: Session) -> bytes:
        """Return the HMAC key of API-key digests (read once per process)."""
        if self.key_secret is None:
            self.key_secret = digest_secret(self.settings, session)
        return self.key_secret


def get_state(app: Flask | None = None) -> SecurityState:
    """Return the security state of this app (init_security must have run)."""
    return (app or current_app).extensions[EXTENSION_NAME]


def request_session() -> Session:
    """Return the ORM session of the current request (closed at teardown)."""
    if "security_session" not in g:
        g.security_session = get_state().database.new_session()
    return g.security_session


def close_request_session(_exc: BaseException | None = None) -> None:
    """Close the request's ORM session, if one was opened."""
    session = g.pop("security_session", None)
    if session is not None:
        session.close()
