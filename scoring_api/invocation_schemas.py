"""The body of POST invocations: MLflow 3's scoring-server JSON formats."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field, JsonValue, field_validator

from scoring_api.schemas import Strict

# MLflow's four input formats, in the order its documentation lists them.
INPUT_FORMATS = ("dataframe_split", "dataframe_records", "instances", "inputs")
# The documented example: one new applicant, as dataframe_split and as a CSV body.
EXAMPLE_COLUMNS: list[JsonValue] = [
    "NAME_CONTRACT_TYPE",
    "AMT_CREDIT",
    "AMT_ANNUITY",
    "AMT_INCOME_TOTAL",
    "DAYS_BIRTH",
]
EXAMPLE_ROW: list[JsonValue] = ["Cash loans", 250000, 14000, 90000, -12000]
CSV_EXAMPLE = "".join(",".join(map(str, line)) + "\n" for line in (EXAMPLE_COLUMNS, EXAMPLE_ROW))

Records = list[dict[str, Any]]
Columns = dict[str, list[Any]]


class DataframeSplit(Strict):
    """Pandas ``to_dict(orient="split")`` columns and rows (MLflow ``dataframe_split``)."""

    columns: list[str]
    data: list[list[Any]]
    index: list[Any] | None = None

    @field_validator("columns")
    @classmethod
    def columns_are_unique(cls, columns: list[str]) -> list[str]:
        """Refuse a column named twice (which value would be scored is ambiguous)."""
        repeated = sorted({name for name in columns if columns.count(name) > 1})
        if repeated:
            raise ValueError(f"columns named more than once: {', '.join(repeated)}")
        return columns


class InvocationRequest(Strict):
    """An MLflow scoring-server payload: exactly one of the four formats, optional params.

    Or a CSV body (Content-Type text/csv) with a header line. ``instances`` and ``inputs`` take
    a list of records or a dict of equally long columns; ``params`` is accepted and ignored
    (the model has no inference parameters, as MLflow ignores params a model does not declare).
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "dataframe_split": {
                    "columns": EXAMPLE_COLUMNS,
                    "data": [EXAMPLE_ROW],
                }
            }
        },
    )

    dataframe_split: DataframeSplit | None = None
    dataframe_records: Records | None = None
    instances: Records | Columns | None = Field(
        None, description="Records, or columns (name: values)."
    )
    inputs: Records | Columns | None = Field(
        None, description="Records, or columns (name: values)."
    )
    params: dict[str, Any] | None = Field(None, description="Accepted and ignored.")

    def formats(self) -> list[str]:
        """Return the input formats the payload gives (not null), in MLflow's order."""
        return [name for name in INPUT_FORMATS if getattr(self, name) is not None]


# The OpenAPI request body of POST invocations: the JSON model or a CSV table.
INVOCATION_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/InvocationRequest"}},
        "text/csv": {
            "schema": {"type": "string", "description": "A header line, then one row a line."},
            "example": CSV_EXAMPLE,
        },
    },
}
