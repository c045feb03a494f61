"""Refuse malformed callback requests with a 400 JSON error before Dash dispatches them.

The browser's Dash renderer always sends a well-formed body to ``_dash-update-component``; a
forged or truncated one (no inputs, an unknown output, a number where a URL path belongs)
made Dash fail inside its dispatch with a 500. The shape is checked here, against the
callbacks this app registered.
"""

from __future__ import annotations

from typing import Any

import dash
from flask import Flask, Response, request
from pydantic import BaseModel, ConfigDict, ValidationError

from scoring_api.errors import ApiError, error_response

CALLBACK_PATH_SUFFIX = "/_dash-update-component"
LOCATION_PROPS = frozenset({"pathname", "search", "hash", "href"})  # dcc.Location's strings


class Dependency(BaseModel):
    """One input or state of a callback request: component id, property, value."""

    model_config = ConfigDict(extra="allow")

    id: str | dict[str, Any]
    property: str
    value: Any = None


class CallbackRequest(BaseModel):
    """The body the Dash renderer posts to run one callback."""

    model_config = ConfigDict(extra="allow")

    output: str
    outputs: dict[str, Any] | list[Any]
    inputs: list[Dependency | list[Dependency]]
    changedPropIds: list[str]  # noqa: N815 (Dash's own field name)
    state: list[Dependency | list[Dependency]] = []


def _flat(items: list[Dependency | list[Dependency]]) -> list[Dependency]:
    """Return the dependencies, pattern-matching groups flattened."""
    flat: list[Dependency] = []
    for item in items:
        flat.extend(item if isinstance(item, list) else [item])
    return flat


def callback_request_problem(body: Any, callback_map: dict[str, Any]) -> str | None:
    """Return why a callback request cannot be run, or None when it is well formed."""
    try:
        parsed = CallbackRequest.model_validate(body)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return f"Malformed callback request: {where}: {first['msg']}."
    callback = callback_map.get(parsed.output)
    if callback is None:
        return "Unknown callback output."
    if len(parsed.inputs) != len(callback.get("inputs", [])):
        return "The callback's inputs do not match its declaration."
    if len(parsed.state) != len(callback.get("state", [])):
        return "The callback's states do not match its declaration."
    for dependency in _flat(parsed.inputs + parsed.state):
        if dependency.property in LOCATION_PROPS and not isinstance(dependency.value, str | None):
            return f"The URL property {dependency.property!r} must be text."
    return None


def init_callback_guard(server: Flask, app: dash.Dash) -> None:
    """Check every callback request's shape before Dash dispatches it (400 JSON if wrong)."""

    @server.before_request
    def refuse_malformed_callback() -> Response | None:
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH_SUFFIX):
            return None
        problem = callback_request_problem(request.get_json(silent=True), app.callback_map)
        if problem is None:
            return None
        return error_response(ApiError(400, "bad_request", problem))
