"""Every failure answered in JSON: invalid bodies, werkzeug's HTTP errors, unexpected errors."""

from __future__ import annotations

import logging
from typing import Any, cast

from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from scoring_api.errors import ApiError, error_response
from scoring_api.observability.request_id import route_pattern

logger = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, where a body nested deeper than Python can parse is invalid JSON."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON; a RecursionError (e.g. 10,000 nested arrays) becomes a ValueError."""
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def validation_response(exc: ValidationError) -> Response:
    """Return 415 for a body not sent as JSON, 400 for invalid JSON, else 422 with details."""
    if request.get_data() and not request.is_json:
        return error_response(
            ApiError(
                415,
                "unsupported_media_type",
                "Send the body as JSON with the header Content-Type: application/json.",
                {"content_type": request.mimetype or None},
            )
        )
    if request.get_data() and request.get_json(silent=True) is None:
        return error_response(ApiError(400, "bad_request", "The body is not valid JSON."))
    return error_response(validation_error(exc))


def validation_error(exc: ValidationError) -> ApiError:
    """Return the 422 of a body that is JSON but not the request's model, with each error."""
    details = [
        {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    return ApiError(422, "validation_error", "Invalid request.", details)


def http_error(exc: HTTPException) -> Response:
    """Return werkzeug's HTTP errors (404, 405, 413...) as JSON error bodies."""
    if exc.response is not None:  # a response already built (validation, rate limits)
        return cast(Response, exc.response)  # built by Flask (abort(response)): Flask's class
    code = exc.code or 500
    error = ApiError(code, HTTP_CODES.get(code, "http_error"), exc.description or exc.name)
    headers = {}
    if code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    return error_response(error, headers)


def unexpected_error(exc: Exception) -> Response:
    """Log an unexpected error and answer a 500 with no traceback."""
    if isinstance(exc, HTTPException):
        return http_error(exc)
    logger.exception("unexpected error on %s", route_pattern("-"))
    return error_response(ApiError(500, "internal_error", "An unexpected error occurred."))


def init_error_handlers(app: Flask) -> None:
    """Answer API errors, HTTP errors and unexpected errors with the JSON error body."""
    app.json = BoundedJSONProvider(app)
    app.json.sort_keys = False
    app.register_error_handler(ApiError, error_response)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
