"""Query models' JSON schemas: built once at registration, equal to pydantic's own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pytest
from flask import Flask
from pydantic import BaseModel, Field

from scoring_api.query_schemas import memoize_json_schema, query_models
from scoring_api.schemas import ClientsQuery, ExplanationQuery, PeersQuery


class Options(BaseModel):
    """A query model of this test only."""

    top: int = Field(10, ge=1, le=20)
    kinds: list[Literal["a", "b"]] | None = None


class MoreOptions(Options):
    """A subclass keeps its own schema."""

    extra: str | None = None


def test_the_memoized_schema_equals_a_fresh_one_and_is_a_copy() -> None:
    fresh = Options.model_json_schema()
    memoize_json_schema(Options)
    first = Options.model_json_schema()
    first["properties"]["top"]["maximum"] = 99
    assert Options.model_json_schema() == fresh
    assert Options.model_json_schema(mode="serialization") == BaseModel.model_json_schema.__func__(
        Options, mode="serialization"
    )


def test_a_subclass_gets_its_own_schema() -> None:
    memoize_json_schema(Options)
    assert "extra" in MoreOptions.model_json_schema()["properties"]


def test_the_app_memoizes_its_query_models(app: Flask) -> None:
    models = query_models(app)
    assert {ClientsQuery, ExplanationQuery, PeersQuery} <= set(models)
    for model in models:
        assert getattr(model.__dict__["model_json_schema"].__func__, "is_memoized", False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("top=3", 200), ("top=0", 422), ("top=21", 422), ("lang=de", 422), ("top=3&lang=en", 200)],
)
def test_explanation_queries_are_still_validated(
    as_role: Callable[..., Any], client_ids: list[int], query: str, expected: int
) -> None:
    url = f"/api/v1/clients/{client_ids[0]}/explanation?{query}"
    assert as_role("advisor", "GET", url).status_code == expected
