"""A year in the browser's cache for the dashboard's fingerprinted files; pages are never kept.

A file whose address names its version (the vendor files, Dash's component suites
``*.v4_4_1m<stamp>.js``, the assets folder's ``?m=<mtime>``, the favicon's ``?v=``) never
changes at that address: ``public, max-age=<a year>, immutable``, so a repeat visit asks for
none of them. Pages and data keep ``no-store`` (``scoring_api/security/headers.py``).

Only a 200 that is no HTML page is kept (Dash answers an unknown address with its page).
This is WSGI middleware, the last word on those headers: Flask adds ``Vary: Cookie`` after
every response hook once the session was read (Flask-Login reads it on every request), and the
session cookie changes at each request, so a cached file would never match again. The files do
not depend on the cookie; the ``Vary`` of their responses keeps ``Accept-Encoding`` only.
Nor do they refresh the session cookie (Flask sets it again on every answer of a signed-in
browser): a response a shared cache may keep never carries a ``Set-Cookie``; the next page or
API answer refreshes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs

from dash.fingerprint import check_fingerprint

from dash_app.icons import icon_font
from dash_app.vendor import is_vendor_file

YEAR_SECONDS = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR_SECONDS}, immutable"
COMPONENT_SUITES = "/_dash-component-suites/"
ASSETS = "/assets/"
FAVICON = "/_favicon.ico"


def is_fingerprinted_asset(path: str, query: str) -> bool:
    """Tell whether a request's path (and query) names one version of a static file."""
    if is_vendor_file(path) or path in (icon_font().css_url, icon_font().font_url):
        return True
    if path.startswith(COMPONENT_SUITES):
        return check_fingerprint(path)[1]
    args = parse_qs(query)
    return (path.startswith(ASSETS) and "m" in args) or (path == FAVICON and "v" in args)


def _cached_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return the headers with a year's caching, no ``Cookie`` in ``Vary`` and no cookie set."""
    dropped = ("cache-control", "vary", "set-cookie")
    kept = [(k, v) for k, v in headers if k.lower() not in dropped]
    vary = [
        token.strip()
        for name, value in headers
        if name.lower() == "vary"
        for token in value.split(",")
        if token.strip() and token.strip().lower() != "cookie"
    ]
    if vary:
        kept.append(("Vary", ", ".join(dict.fromkeys(vary))))
    return [*kept, ("Cache-Control", IMMUTABLE)]


class AssetCaching:
    """WSGI middleware giving fingerprinted files their year of caching (see the module)."""

    def __init__(self, wsgi_app: Any) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """Serve the request; rewrite the caching headers of a fingerprinted file's 200."""
        path = environ.get("PATH_INFO", "")
        if not is_fingerprinted_asset(path, environ.get("QUERY_STRING", "")):
            return self.wsgi_app(environ, start_response)

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            is_page = any(
                k.lower() == "content-type" and v.startswith("text/html") for k, v in headers
            )
            if status.startswith("200 ") and not is_page:  # a page is never kept
                headers = _cached_headers(headers)
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)
