"""The app's access log: method, route pattern, status, duration and pseudonymised client.

The same fields ride on the record (``extra``) for the JSON lines of ``log_format``.

It replaces gunicorn's access log, which can only print the raw path (with the SK_ID_CURR).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request

from scoring_api.observability.request_id import elapsed_seconds, route_pattern
from scoring_api.security.audit import pseudonymise

logger = logging.getLogger("scoring_api.access")


def _log_request(response: Response) -> Response:
    """Log one line per request: no raw path, no query string, no raw client id."""
    if not logger.isEnabledFor(logging.INFO):
        return response
    seconds = elapsed_seconds()
    milliseconds = seconds * 1000 if seconds is not None else -1.0
    route = route_pattern()
    client_id = (request.view_args or {}).get("client_id")
    client_ref = f"ref:{pseudonymise(client_id)}" if isinstance(client_id, int) else "-"
    method, status = request.method, response.status_code
    logger.info(
        "%s %s %s %.1fms client=%s",
        method,
        route,
        status,
        milliseconds,
        client_ref,
        extra={
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(milliseconds, 2),
            "client_ref": client_ref,
        },
    )
    return response


def init_access_log(app: Flask) -> None:
    """Log every request of the app through the ``scoring_api.access`` logger.

    The request's start comes from ``request_id`` (initialised first).
    """
    app.after_request(_log_request)
