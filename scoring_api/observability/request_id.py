"""A request's id, start time and route pattern: the id from a safe ``X-Request-ID``, else new.

It lives in ``g.request_id``, goes back in the ``X-Request-ID`` response header and onto every
log line of the request (``log_format.RequestIdFilter``). An incoming id must be a short
token (``[A-Za-z0-9._-]{1,64}``) without a run of 6 to 9 digits (it could be an SK_ID_CURR);
any other value is replaced by a generated one, so a caller cannot write into the logs.
"""

from __future__ import annotations

import re
import secrets
import time

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
CLIENT_ID_LIKE = re.compile(r"(?<!\d)\d{6,9}(?!\d)")
UNMATCHED = "<unmatched>"  # the route of a request no rule matched


def accepted_request_id(value: str | None) -> str | None:
    """Return an incoming request id when it is a safe short token, else None."""
    if not value or SAFE_REQUEST_ID.fullmatch(value) is None:
        return None
    if CLIENT_ID_LIKE.search(value) is not None:
        return None
    return value


def new_request_id() -> str:
    """Return a fresh random request id (16 hex characters)."""
    return secrets.token_hex(8)


def _assign_request_id() -> None:
    """Take the caller's request id when safe, else make one; keep it and the start in ``g``."""
    g.request_started = time.perf_counter()
    g.request_id = accepted_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()


def elapsed_seconds() -> float | None:
    """Return the seconds since the request started, or None outside a started request."""
    started = g.get("request_started")
    return None if started is None else time.perf_counter() - started


def route_pattern(unmatched: str = UNMATCHED) -> str:
    """Return the request's route pattern (``/api/v1/clients/<int:client_id>``), never its path.

    The pattern holds no id; ``unmatched`` stands for a request no rule matched, or no request.
    """
    rule = request.url_rule if has_request_context() else None
    return rule.rule if rule is not None else unmatched


def _send_request_id(response: Response) -> Response:
    """Return the request id in the ``X-Request-ID`` response header."""
    request_id = g.get("request_id")
    if request_id is not None:
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def init_request_id(app: Flask) -> None:
    """Give every request an id (register this first: its hooks run first and answer last)."""
    app.before_request(_assign_request_id)
    app.after_request(_send_request_id)
