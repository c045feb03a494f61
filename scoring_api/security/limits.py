"""Rate limits per identity: account, else API key, else remote address; a stricter sign-in limit.

Built on ``limits`` (Flask-Limiter's own engine: the same fixed-window strategy and storages,
``memory://`` per worker or a shared ``redis://``), without Flask-Limiter's per-request
machinery (route decorators, exemption scopes, meta limits: none of which the API uses), which
cost about 0.4 ms a request, a fifth of a stored score's. Each route has its own window per
identity, as Flask-Limiter's default limits had. Limited responses carry ``X-RateLimit-Limit``,
``-Remaining`` and ``-Reset``; a refusal is a JSON 429 with ``Retry-After``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from flask import Flask, Response, current_app, g, request
from limits import RateLimitItem, parse
from limits.storage import Storage, storage_from_string
from redis.exceptions import RedisError

from scoring_api.blueprint import HEALTH_ENDPOINTS
from scoring_api.config import Settings
from scoring_api.errors import ApiError, ConfigurationError, error_response
from scoring_api.observability.metrics import count_sign_in_refusal
from scoring_api.security.forwarded import DASHBOARD_CLIENT_HEADER, verified_address
from scoring_api.security.identity import current_identity
from scoring_api.security.rate_storage import LOCAL_MEMORY_URI, LocalMemoryStorage

LIMITS_KEY = "scoring_rate_limits"
KEY_PREFIX = "scoring"
# limits' memory:// expires counters from a timer thread restarted every 10 ms under load: the
# same per-process counters, expired lazily (security/rate_storage.py), serve memory:// here.
STORAGE_ALIASES = {"memory://": LOCAL_MEMORY_URI}


def identity_key() -> str:
    """Return the rate-limit bucket of the caller."""
    identity = current_identity()
    if identity is None:
        return f"ip:{remote_address()}"
    if identity.account_id is not None:
        return f"account:{identity.account_id}"
    return f"key:{identity.api_key_id}"


def remote_address() -> str:
    """Return the caller's address: the browser's when the dashboard signed it, else the peer's.

    The peer is the proxy's address unless ProxyFix rewrote it; the dashboard's signed
    ``X-Dashboard-Client`` (security/forwarded.py) names the browser behind a remote dashboard.
    """
    forwarded = request.headers.get(DASHBOARD_CLIENT_HEADER)
    if forwarded:
        address = verified_address(current_app.secret_key or "", forwarded)
        if address is not None:
            return address
    return request.remote_addr or "127.0.0.1"


def remote_address_key() -> str:
    """Return the remote-address bucket (sign-in attempts, before any identity)."""
    return f"ip:{remote_address()}"


class RateLimits:
    """The default limit of every route, per identity, and the sign-in limit per address."""

    def __init__(self, settings: Settings) -> None:
        uri = STORAGE_ALIASES.get(settings.ratelimit_storage_uri, settings.ratelimit_storage_uri)
        storage = storage_from_string(uri)
        if not isinstance(storage, Storage):  # limits' async storages (async+redis://...)
            raise ConfigurationError(
                f"RATELIMIT_STORAGE_URI={settings.ratelimit_storage_uri!r} names an asynchronous "
                "storage; use memory:// or redis://host:port (no async+ scheme)."
            )
        self.storage = storage
        self.default = parse(settings.ratelimit_default)
        self.login = parse(settings.ratelimit_login)

    def check(self, limit: RateLimitItem, *identifiers: str) -> tuple[bool, int, int]:
        """Count one hit; return whether it is allowed, the hits left and the window's end.

        ``limits``' fixed window (``FixedWindowRateLimiter.hit`` then ``get_window_stats``) in
        two storage calls instead of four: two round trips fewer with Redis.
        """
        key = limit.key_for(KEY_PREFIX, *identifiers)
        count = self.storage.incr(key, limit.get_expiry())
        reset_at = self.storage.get_expiry(key)
        return count <= limit.amount, max(0, limit.amount - count), int(reset_at)


def shared_limits_status() -> str | None:
    """Return "ok" or why the shared rate-limit store (Redis) does not answer; None when the
    counters are this process's own memory (nothing to check)."""
    storage = current_app.extensions[LIMITS_KEY].storage
    if isinstance(storage, LocalMemoryStorage):
        return None
    try:
        is_up = storage.check()
    except Exception as exc:  # a storage's check may raise its driver's errors
        return f"unreachable ({type(exc).__name__})"
    return "ok" if is_up else "unreachable"


def init_limits(app: Flask, limits: RateLimits, login_view: Callable[..., object]) -> None:
    """Limit every routed request per identity and route, and sign-in attempts per address."""
    app.extensions[LIMITS_KEY] = limits

    def limit_request() -> Response | None:
        """Count the request in its identity's window for this route; 429 past the limit.

        Without its shared store (Redis down) a request gets 503, except health: monitors
        then still learn that the process lives and why it is not ready.
        """
        endpoint = request.endpoint
        if endpoint is None or endpoint.rsplit(".", 1)[-1] == "static":
            return None
        try:
            return count_request(endpoint)
        except RedisError:
            if endpoint.rsplit(".", 1)[-1] in HEALTH_ENDPOINTS:
                return None
            raise

    def count_request(endpoint: str) -> Response | None:
        """Count the request (sign-ins per address too); the 429 response past a limit."""
        if request.method == "POST" and _is_view(endpoint, login_view):
            allowed, _, reset_at = limits.check(limits.login, "login", remote_address_key())
            if not allowed:
                count_sign_in_refusal("rate_limited")
                return rate_limited_response(str(limits.login), _seconds_until(reset_at))
        allowed, remaining, reset_at = limits.check(limits.default, identity_key(), endpoint)
        g.rate_limit_headers = {
            "X-RateLimit-Limit": str(limits.default.amount),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(reset_at),
        }
        if not allowed:
            return rate_limited_response(str(limits.default), _seconds_until(reset_at))
        return None

    def add_rate_limit_headers(response: Response) -> Response:
        """Tell the caller where they stand in their window."""
        for name, value in g.get("rate_limit_headers", {}).items():
            response.headers[name] = value
        return response

    app.before_request(limit_request)
    app.after_request(add_rate_limit_headers)


def _seconds_until(reset_at: float) -> int:
    """Return whole seconds until a window ends (at least 1)."""
    return max(1, math.ceil(reset_at - time.time()))


def _is_view(endpoint: str, view: Callable[..., object]) -> bool:
    """Tell whether an endpoint serves this view (through any functools.wraps layers)."""
    func = current_app.view_functions.get(endpoint)
    while func is not None:
        if func is view:
            return True
        func = getattr(func, "__wrapped__", None)
    return False


def rate_limited_response(limit_text: str, retry_after: int) -> Response:
    """Return ``{"error": {"code": "rate_limited", ...}}`` with status 429 and Retry-After."""
    message = f"Too many requests ({limit_text}). Retry in {retry_after} s."
    details = {"limit": limit_text, "retry_after": retry_after}
    error = ApiError(429, "rate_limited", message, details)
    return error_response(error, {"Retry-After": str(retry_after)})
