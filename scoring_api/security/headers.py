"""Security headers on every response and the Origin check on state-changing requests."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

from scoring_api.errors import ApiError
from scoring_api.security.identity import current_identity

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}
HSTS = "max-age=31536000; includeSubDomains"
CSP_HASHES_KEY = "scoring_security_csp_script_hashes"
# flask-openapi3's documentation pages: fixed templates with inline scripts, hashed per response.
DOC_BLUEPRINTS = frozenset({"openapi", "swagger", "redoc", "rapidoc", "rapipdf", "scalar"})
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
# Pages, API answers, exports and the report may hold a person's data: never kept by a browser
# (the Back button after sign-out) or a shared cache. Static files keep their own caching.
NO_STORE_TYPES = frozenset({"application/json", "text/html", "text/csv", "text/plain"})
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def content_security_policy(script_hashes: list[str]) -> str:
    """Return the CSP: own origin only, inline styles for Plotly, scripts by hash."""
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def sandboxed_report_policy(html: str) -> str:
    """Return the CSP of a page read from a bundle (the model report): sandboxed, inert.

    ``sandbox allow-scripts`` without ``allow-same-origin`` gives the page an opaque origin: its
    charts draw, but whatever its scripts do cannot read the app's cookies, pages or API, submit
    forms, open windows or fetch anything (``connect-src 'none'``).
    """
    scripts = " ".join(inline_script_hashes(html)) or "'none'"
    return "; ".join(
        [
            "sandbox allow-scripts",
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def inline_script_hashes(html: str) -> list[str]:
    """Return the CSP hashes (``'sha256-...'``) of the inline scripts of an HTML page."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    ]


def add_csp_script_hashes(app: Flask, hashes: list[str]) -> None:
    """Allow inline scripts by hash (e.g. Dash's ``app.csp_hashes()``) in the CSP."""
    known = app.config.setdefault(CSP_HASHES_KEY, [])
    known.extend(h for h in hashes if h not in known)


def allow_inline_scripts(app: Flask, script_hashes: Callable[[], Iterable[str]]) -> None:
    """Allow a mounted app's inline scripts by hash now and once more after the first request.

    Dash registers its pages router (an inline clientside script) on the first request; the
    second read, registered before the security headers' hook, runs before it (reverse order).
    """
    add_csp_script_hashes(app, list(script_hashes()))
    is_reread: list[bool] = []

    def reread_script_hashes(response: Response) -> Response:
        if not is_reread:
            add_csp_script_hashes(app, list(script_hashes()))
            is_reread.append(True)
        return response

    app.after_request(reread_script_hashes)


def init_headers(app: Flask, is_production: bool) -> None:
    """Check Origin before state-changing requests; add security headers to every response."""
    app.config.setdefault(CSP_HASHES_KEY, [])
    app.before_request(check_origin)

    policies: dict[tuple[str, ...], str] = {}  # CSP text per set of allowed script hashes

    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        present = {name.lower() for name, _ in headers}  # one pass, not one scan per header
        for name, value in STATIC_HEADERS.items():
            if name.lower() not in present:
                headers.add(name, value)
        if "content-security-policy" not in present:
            hashes = tuple(current_app.config[CSP_HASHES_KEY])
            if request.blueprint in DOC_BLUEPRINTS and response.mimetype == "text/html":
                page_hashes = inline_script_hashes(response.get_data(as_text=True))
                headers.add(
                    "Content-Security-Policy", content_security_policy([*hashes, *page_hashes])
                )
            else:
                if hashes not in policies:
                    policies[hashes] = content_security_policy(list(hashes))
                headers.add("Content-Security-Policy", policies[hashes])
        if is_production and "strict-transport-security" not in present:
            headers.add("Strict-Transport-Security", HSTS)
        if response.mimetype in NO_STORE_TYPES and "cache-control" not in present:
            headers.add("Cache-Control", "no-store")
        return response

    app.after_request(add_security_headers)


def _origin_parts(url: str) -> tuple[str, str, int | None] | None:
    """Return an origin's scheme, host and port (the scheme's default port if none given)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is no number
        return None
    scheme = parts.scheme.lower()
    if not scheme or not parts.hostname:
        return None
    return scheme, parts.hostname, port or DEFAULT_PORTS.get(scheme)


def is_same_origin(origin: str) -> bool:
    """Tell whether an Origin header names this server: same scheme, host and port."""
    own = _origin_parts(f"{request.scheme}://{request.host}")
    return own is not None and _origin_parts(origin) == own


def _is_api_key_caller() -> bool:
    """Tell whether the caller is a valid API key (never a browser's cookie: it wins if sent)."""
    identity = current_identity()
    return identity is not None and identity.api_key_id is not None


def check_origin() -> None:
    """Refuse a state-changing browser request whose Origin is not this server (403).

    A caller with a valid API key is exempt (a browser cannot send the header cross-site);
    a key that is not valid, or a session cookie sent beside it, exempts nothing.
    """
    if request.method not in STATE_CHANGING:
        return
    origin = request.headers.get("Origin")
    if origin is None or is_same_origin(origin) or _is_api_key_caller():
        return
    raise ApiError(
        403,
        "forbidden",
        "Cross-site request refused: the Origin header does not match this server.",
        {"origin": origin},
    )
