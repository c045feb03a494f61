"""Rate limits per identity (Flask-Limiter): account, else API key, else remote address."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter import Limiter, RequestLimit
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse

from scoring_api.config import Settings
from scoring_api.security.identity import current_identity


def identity_key() -> str:
    """Return the rate-limit bucket of the caller."""
    identity = current_identity()
    if identity is None:
        return f"ip:{get_remote_address()}"
    if identity.account_id is not None:
        return f"account:{identity.account_id}"
    return f"key:{identity.api_key_id}"


def remote_address_key() -> str:
    """Return the remote-address bucket (sign-in attempts, before any identity)."""
    return f"ip:{get_remote_address()}"


def init_limits(app: Flask, settings: Settings, login_view: Callable[..., object]) -> Limiter:
    """Attach a limiter with the configured default limits and a stricter one on sign-in."""
    limiter = Limiter(
        key_func=identity_key,
        default_limits=[settings.ratelimit_default],
        storage_uri=settings.ratelimit_storage_uri,
        headers_enabled=True,
        strategy="fixed-window",
        on_breach=_breach_response,
        key_prefix="scoring",
    )
    limiter.init_app(app)
    login_limit = parse(settings.ratelimit_login)

    def limit_sign_in() -> Response | None:
        """Count a sign-in attempt per remote address; answer 429 past the limit."""
        if request.method != "POST" or not _is_view(request.endpoint, login_view):
            return None
        key = remote_address_key()
        if limiter.limiter.hit(login_limit, "login", key):
            return None
        reset_at = limiter.limiter.get_window_stats(login_limit, "login", key).reset_time
        return rate_limited_response(str(login_limit), max(1, math.ceil(reset_at - time.time())))

    app.before_request(limit_sign_in)
    app.register_error_handler(RateLimitExceeded, _rate_limited)
    return limiter


def _is_view(endpoint: str | None, view: Callable[..., object]) -> bool:
    """Tell whether an endpoint serves this view (through any functools.wraps layers)."""
    func = current_app.view_functions.get(endpoint or "")
    while func is not None:
        if func is view:
            return True
        func = getattr(func, "__wrapped__", None)
    return False


def _breach_response(limit: RequestLimit) -> Response:
    """Return the JSON 429 of a breached limit, with Retry-After in seconds."""
    retry_after = max(1, math.ceil(limit.reset_at - time.time()))
    return rate_limited_response(str(limit.limit), retry_after)


def rate_limited_response(limit_text: str, retry_after: int) -> Response:
    """Return ``{"error": {"code": "rate_limited", ...}}`` with status 429 and Retry-After."""
    response = jsonify(
        {
            "error": {
                "code": "rate_limited",
                "message": f"Too many requests ({limit_text}). Retry in {retry_after} s.",
                "details": {"limit": limit_text, "retry_after": retry_after},
            }
        }
    )
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def _rate_limited(error: RateLimitExceeded) -> Response:
    """Answer a breached limit with its JSON response (built at breach time)."""
    if error.response is not None:
        return error.response
    return rate_limited_response(str(error.description), 60)
