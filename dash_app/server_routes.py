"""Plain Flask routes of the dashboard: language switch and the relayed model report."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Flask, Response, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from dash_app import api_client
from dash_app.api_client import REPORT_RELAY_PATH, ApiClientError
from dash_app.routing import is_page_path
from dash_app.text import LANG_COOKIE, LANGUAGES

LANG_COOKIE_SECONDS = 365 * 24 * 3600
SAFE_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)*/?")  # "/" or "/a/b": no "//", no backslash
SAFE_QUERY = re.compile(r"[A-Za-z0-9._~%=&+-]*")


def safe_next(target: str | None) -> str:
    """Return a known page of this site to go back to, else home (no open redirect).

    The path must be a registered Dash page (or the relayed report) spelt in plain path
    characters: a backslash, ``//``, a scheme, a host or a control character sends home.
    """
    path, _, query = (target or "").partition("?")
    if not SAFE_PATH.fullmatch(path) or not (path == REPORT_RELAY_PATH or is_page_path(path)):
        return "/"
    return f"{path}?{query}" if query and SAFE_QUERY.fullmatch(query) else path


def _switch_language(code: str) -> BaseResponse:
    """Remember the chosen language in a cookie and go back to the page."""
    response = redirect(safe_next(request.args.get("next")), code=303)
    if code in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, code, max_age=LANG_COOKIE_SECONDS, samesite="Lax", httponly=True
        )
    return response


def _relay_model_report() -> BaseResponse:
    """Serve the remote API's model report on the dashboard's host, with the report's CSP."""
    try:
        report = api_client.model_report()
    except ApiClientError as error:
        if error.status == 401:
            return redirect(f"/sign-in?next={quote(REPORT_RELAY_PATH)}", code=303)
        return Response(error.message, status=error.status, mimetype="text/plain")
    response = Response(report.body, mimetype="text/html")
    if report.content_security_policy:  # kept by the security headers: the report's own
        response.headers["Content-Security-Policy"] = report.content_security_policy
    return response


def init_server_routes(server: Flask) -> None:
    """Add the language and report routes to the server (once)."""
    if "dashboard_language" in server.view_functions:
        return
    server.add_url_rule(
        "/language/<code>", endpoint="dashboard_language", view_func=_switch_language
    )
    server.add_url_rule(
        REPORT_RELAY_PATH, endpoint="dashboard_model_report", view_func=_relay_model_report
    )
