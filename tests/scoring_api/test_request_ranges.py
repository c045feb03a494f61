"""The API's application fields accept exactly what the loader accepts (one range each)."""

from __future__ import annotations

import duckdb
import pytest
from pydantic import ValidationError

from model_training.data.loader.rules import range_rules
from model_training.data.schema import PLACEHOLDER_DAYS, table
from scoring_api.schemas import APPLICATION_TABLE, Application

SPEC = table(APPLICATION_TABLE)
RULES = {rule.column: rule for rule in range_rules(SPEC)}
DUCKDB = duckdb.connect()  # one in-memory database for every probe
PROBES = (-40_001, -40_000, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 23, 24, 100, PLACEHOLDER_DAYS)


def loader_accepts(column: str, value: float) -> bool:
    """Tell whether the loader's SQL rule of a column holds for a value (errors and hints)."""
    condition = RULES[column].condition.format(c="v")
    query = f"SELECT {condition} FROM (SELECT {value}::DOUBLE AS v)"
    return bool(DUCKDB.execute(query).fetchall()[0][0])


def is_integer_field(column: str) -> bool:
    """Tell whether the API takes whole numbers only for a column."""
    return "int" in str(Application.model_fields[column].annotation)


def api_accepts(column: str, value: float) -> bool:
    """Tell whether the API's request model takes a value for a column."""
    try:
        Application(**{column: int(value) if is_integer_field(column) else value})
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("column", sorted(set(RULES) & set(Application.model_fields)))
def test_the_api_and_the_loader_agree_on_a_column(column: str) -> None:
    values = [v for v in PROBES if float(v).is_integer() or not is_integer_field(column)]
    disagreements = [v for v in values if loader_accepts(column, v) != api_accepts(column, v)]
    assert disagreements == []


def test_every_bounded_api_field_has_a_loader_rule() -> None:
    bounded = {
        name
        for name, field in Application.model_fields.items()
        if field.metadata and name != "SK_ID_CURR"
    }
    assert bounded <= set(RULES)
