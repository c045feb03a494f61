"""API errors: every error is JSON ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, jsonify

RETRY_AFTER_SECONDS = 5  # the Retry-After of every 503: a dependency (database, model) is down


class ConfigurationError(Exception):
    """The server cannot start with this configuration (e.g. no secret in production)."""


class ApiError(Exception):
    """An error the caller can act on, turned into a JSON response with its status."""

    def __init__(self, status: int, code: str, message: str, details: Any | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON body of the error."""
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def not_found(what: str, details: Any | None = None) -> ApiError:
    """Return a 404 error for an unknown resource."""
    return ApiError(404, "not_found", f"{what} not found.", details)


def forbidden(message: str = "You may not access this resource.") -> ApiError:
    """Return a 403 error."""
    return ApiError(403, "forbidden", message)


def database_unavailable_error() -> ApiError:
    """Return the 503 error of an accounts database that cannot serve now."""
    return ApiError(
        503,
        "service_unavailable",
        "The accounts database is unavailable. Retry shortly.",
        {"retry_after": RETRY_AFTER_SECONDS},
    )


def unauthorized(message: str = "Sign in or send an API key (X-API-Key).") -> ApiError:
    """Return a 401 error."""
    return ApiError(401, "unauthorized", message)


class BundleFetchError(Exception):
    """A model bundle could not be fetched, checked or made live (``fetch-bundle``)."""


def error_response(error: ApiError, headers: Mapping[str, str] | None = None) -> Response:
    """Return the JSON response of an API error."""
    response = jsonify(error.to_dict())
    response.status_code = error.status
    if error.status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
