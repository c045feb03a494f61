"""Query models' JSON schemas built once, not on every request.

flask-openapi3 4.3 calls ``Model.model_json_schema()`` on each request that has a query model, to
find its list fields; pydantic rebuilds the schema each time (about 0.7 ms for ExplanationQuery,
a third of an explanation's own cost). A model's schema never changes once the class exists, so
the call without arguments returns a copy of the schema built at registration.
"""

from __future__ import annotations

import inspect
import json
import typing
from typing import Any

from flask import Flask
from pydantic import BaseModel


def memoize_json_schema(model: type[BaseModel]) -> None:
    """Make ``model.model_json_schema()`` (default arguments) return a copy of one build."""
    own = model.__dict__.get("model_json_schema")
    if getattr(getattr(own, "__func__", None), "is_memoized", False):
        return
    build = model.model_json_schema
    schema_text = json.dumps(build())  # a JSON schema is JSON: loads() gives a fresh copy

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        if cls is model and not args and not kwargs:
            return json.loads(schema_text)  # 10 us; copy.deepcopy takes 30-50
        return build.__func__(cls, *args, **kwargs)  # type: ignore[attr-defined]

    model_json_schema.is_memoized = True  # type: ignore[attr-defined]
    model.model_json_schema = classmethod(model_json_schema)  # type: ignore[method-assign,assignment]


def query_models(app: Flask) -> list[type[BaseModel]]:
    """Return the query models of the app's views (their ``query`` parameter's type)."""
    models = []
    for view in app.view_functions.values():
        try:
            hints = typing.get_type_hints(inspect.unwrap(view))
        except (NameError, TypeError):  # a view whose annotations do not resolve
            continue
        model = hints.get("query")
        if isinstance(model, type) and issubclass(model, BaseModel) and model not in models:
            models.append(model)
    return models


def memoize_query_schemas(app: Flask) -> None:
    """Build each query model's JSON schema once (call after the views are registered)."""
    for model in query_models(app):
        memoize_json_schema(model)
