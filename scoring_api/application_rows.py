"""Application rows read from a table (invocations, the MLflow model): each validated as one
application of POST score, and the fields a new applicant (no SK_ID_CURR) cannot do without.

Both return what is wrong as data, so each caller words it its own way (a 422's details, a
ValueError's text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from scoring_api.schemas import NEW_APPLICANT_REQUIRED, Application


def validate_rows(
    rows: Iterable[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the valid rows as applications (set fields only) and each error of the others:
    ``{"row", "loc", "msg", "type"}``."""
    records: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        try:
            application = Application.model_validate(row)
        except ValidationError as exc:
            errors += [
                {"row": i, "loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                for e in exc.errors(include_url=False, include_context=False)
            ]
            continue
        records.append(application.model_dump(exclude_unset=True))
    return records, errors


def missing_for_new_applicants(records: Sequence[Mapping[str, Any]]) -> list[tuple[int, str]]:
    """Return (row, field) of each field a new applicant's row lacks (NEW_APPLICANT_REQUIRED)."""
    return [
        (i, name)
        for i, record in enumerate(records)
        if record.get("SK_ID_CURR") is None
        for name in NEW_APPLICANT_REQUIRED
        if record.get(name) is None
    ]
