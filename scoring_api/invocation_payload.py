"""Read POST invocations' body: MLflow's JSON formats or a CSV table, as application records."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import request
from pydantic import ValidationError

from scoring_api.error_handlers import validation_error
from scoring_api.errors import ApiError
from scoring_api.invocation_schemas import INPUT_FORMATS, Columns, DataframeSplit, InvocationRequest

CSV_MIMETYPE = "text/csv"
SHOWN_ROWS = 10  # bad rows named in an error's details


def invocation_records() -> list[dict[str, Any]]:
    """Return the records of the request's body: CSV when sent as text/csv, else MLflow JSON."""
    if request.mimetype == CSV_MIMETYPE:
        return csv_records(request.get_data())
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the body as JSON (Content-Type: application/json) or CSV (text/csv).",
            {"content_type": request.mimetype or None},
        )
    payload = request.get_json(silent=True)
    if payload is None and request.get_data():
        raise ApiError(400, "bad_request", "The body is not valid JSON.")
    try:
        body = InvocationRequest.model_validate(payload)
    except ValidationError as exc:
        raise validation_error(exc) from None
    return payload_records(body)


def payload_records(body: InvocationRequest) -> list[dict[str, Any]]:
    """Return the records of the payload's one input format; refuse none or several."""
    given = body.formats()
    if len(given) != 1:
        got = " and ".join(given) if given else "none"
        raise ApiError(
            422,
            "invalid_payload",
            f"Send exactly one of {', '.join(INPUT_FORMATS)}; got {got}.",
            {"formats": given},
        )
    value = getattr(body, given[0])
    if isinstance(value, DataframeSplit):
        return split_records(value)
    if isinstance(value, dict):
        return column_records(given[0], value)
    return list(value)


def split_records(split: DataframeSplit) -> list[dict[str, Any]]:
    """Return the records of a ``dataframe_split``; refuse a row without one value a column."""
    bad = [i for i, row in enumerate(split.data) if len(row) != len(split.columns)]
    if bad:
        raise ApiError(
            422,
            "invalid_payload",
            "Each row needs one value per column.",
            {"rows": bad[:SHOWN_ROWS]},
        )
    return [dict(zip(split.columns, row, strict=True)) for row in split.data]


def column_records(name: str, columns: Columns) -> list[dict[str, Any]]:
    """Return the records of columns (name: values); refuse columns of different lengths."""
    lengths = {column: len(values) for column, values in columns.items()}
    if len(set(lengths.values())) > 1:
        raise ApiError(
            422,
            "invalid_payload",
            f"Every column of {name} needs the same number of values.",
            {"lengths": lengths},
        )
    n_rows = next(iter(lengths.values()), 0)
    return [{column: values[i] for column, values in columns.items()} for i in range(n_rows)]


def bad_csv(reason: str, details: Any | None = None) -> ApiError:
    """Return the 400 of a body that is not a CSV table with a header line."""
    return ApiError(400, "bad_request", f"The body is not valid CSV: {reason}.", details)


def csv_records(data: bytes) -> list[dict[str, Any]]:
    """Return the records of a CSV table with a header line; an empty cell is a missing value."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8")), strict=True))
    except UnicodeDecodeError:
        raise bad_csv("not UTF-8") from None
    except csv.Error as exc:
        raise bad_csv(str(exc)) from None
    rows = [row for row in rows if row]  # blank lines, as pandas skips them
    if not rows:
        raise bad_csv("no header line")
    header, lines = rows[0], rows[1:]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise bad_csv("columns named more than once", {"columns": repeated})
    bad = [i for i, row in enumerate(lines) if len(row) != len(header)]
    if bad:
        raise bad_csv("each row needs one value per column", {"rows": bad[:SHOWN_ROWS]})
    return [
        {name: value for name, value in zip(header, row, strict=True) if value != ""}
        for row in lines
    ]
