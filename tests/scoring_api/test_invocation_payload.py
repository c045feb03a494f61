"""POST invocations speaks MLflow 3's scoring protocol: four JSON formats, CSV, one format only."""

from __future__ import annotations

import io
import json
import math
import warnings
from typing import Any

import pandas as pd
import pytest

from scoring_api.invocation_payload import csv_records, payload_records
from scoring_api.invocation_schemas import InvocationRequest
from scoring_api.schemas import Application
from tests.scoring_api.applicants import NEW_APPLICANT

URL = "/api/v1/invocations"

# The request examples of MLflow's documentation, "Deploy MLflow Model as a Local Inference
# Server", accepted input formats (mlflow.org/docs/latest/ml/deployment/deploy-model-locally/):
# their columns a, b, c are not application fields, so the API reads them and then names the
# unknown column, as for any payload.
MLFLOW_DOC_EXAMPLES: dict[str, dict[str, Any]] = {
    "dataframe_split": {
        "dataframe_split": {"columns": ["a", "b", "c"], "data": [[1, 2, 3], [4, 5, 6]]}
    },
    "dataframe_records": {
        "dataframe_records": [{"a": 1, "b": 2, "c": 3}, {"a": 4, "b": 5, "c": 6}]
    },
    "instances": {
        "instances": [
            {"a": "s1", "b": 1, "c": [1, 2, 3]},
            {"a": "s2", "b": 2, "c": [4, 5, 6]},
            {"a": "s3", "b": 3, "c": [7, 8, 9]},
        ]
    },
    "inputs": {
        "inputs": {"a": ["s1", "s2", "s3"], "b": [1, 2, 3], "c": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}
    },
}
ROWS = [
    NEW_APPLICANT,
    {**NEW_APPLICANT, "AMT_CREDIT": 900000.0, "EXT_SOURCE_2": 0.2},
    {**NEW_APPLICANT, "NAME_CONTRACT_TYPE": "Revolving loans", "EXT_SOURCE_2": 0.71},
]
# Records as instances or inputs whose keys differ (ROWS[0] has no EXT_SOURCE_2): MLflow refuses.
UNEVEN_RECORDS = {"instances"}
# Records under inputs: MLflow reads a tensor (an array of dicts), we read a table.
TENSOR_TO_MLFLOW = {"inputs_records"}
COLUMNS = list(ROWS[1])  # the fields of every row (ROWS[0] lacks EXT_SOURCE_2: missing)


def cell(row: dict[str, Any], name: str) -> Any:
    """Return a row's value, None where it has none."""
    return row.get(name)


def json_payloads() -> dict[str, dict[str, Any]]:
    """Return ROWS in each of MLflow's four JSON formats (columns where a format takes them)."""
    columns = {name: [cell(row, name) for row in ROWS] for name in COLUMNS}
    split = {"columns": COLUMNS, "data": [[cell(row, n) for n in COLUMNS] for row in ROWS]}
    return {
        "dataframe_split": {"dataframe_split": split},
        "dataframe_records": {"dataframe_records": ROWS},
        "instances": {"instances": ROWS},
        "instances_columns": {"instances": columns},
        "inputs": {"inputs": columns},
        "inputs_records": {"inputs": ROWS},
        "with_params": {"dataframe_records": ROWS, "params": {"threshold": 0.9}},
    }


def rows_csv() -> str:
    """Return ROWS as pandas writes them (header line, missing values as empty cells)."""
    return pd.DataFrame(ROWS, columns=COLUMNS).to_csv(index=False)


def error(response: Any) -> tuple[int, str]:
    """Return a response's status and error code."""
    return response.status_code, response.json["error"]["code"]


@pytest.mark.parametrize("name", list(MLFLOW_DOC_EXAMPLES))
def test_mlflows_documented_examples_are_read_then_checked_as_applications(as_role, name):
    response = as_role("service", "POST", URL, json=MLFLOW_DOC_EXAMPLES[name])
    assert error(response) == (422, "validation_error")
    detail = response.json["error"]["details"][0]
    assert (detail["row"], detail["loc"]) == (0, ["a"])


def test_every_format_and_csv_give_the_same_predictions(as_role):
    answers = {
        name: as_role("service", "POST", URL, json=payload).json
        for name, payload in json_payloads().items()
    }
    answers["csv"] = as_role("service", "POST", URL, data=rows_csv(), content_type="text/csv").json
    expected = answers["dataframe_records"]
    assert len(expected["predictions"]) == len(ROWS)
    assert {name: answer == expected for name, answer in answers.items()} == dict.fromkeys(
        answers, True
    )
    probabilities = [p["probability"] for p in expected["predictions"]]
    assert len(set(probabilities)) == len(ROWS)


def test_csv_with_a_header_and_a_charset_is_scored(as_role):
    body = rows_csv().replace("\n", "\r\n").encode()
    response = as_role("advisor", "POST", URL, data=body, content_type="text/csv; charset=utf-8")
    assert response.status_code == 200
    assert len(response.json["predictions"]) == len(ROWS)


@pytest.mark.parametrize(
    ("payload", "formats"),
    [
        ({"dataframe_records": ROWS, "instances": ROWS}, ["dataframe_records", "instances"]),
        (
            {"dataframe_split": {"columns": [], "data": []}, "inputs": {}},
            ["dataframe_split", "inputs"],
        ),
        ({}, []),
        ({"params": {}}, []),
        ({"instances": None}, []),
    ],
)
def test_exactly_one_format_is_required(as_role, payload, formats):
    response = as_role("service", "POST", URL, json=payload)
    assert error(response) == (422, "invalid_payload")
    got = " and ".join(formats) or "none"
    assert response.json["error"]["message"] == (
        f"Send exactly one of dataframe_split, dataframe_records, instances, inputs; got {got}."
    )
    assert response.json["error"]["details"] == {"formats": formats}


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"inputs": [[1, 2], [3, 4], [5, 6]]}, "inputs"),  # a tensor: no column names
        ({"instances": ROWS, "params": ["threshold"]}, "params"),
        ({"dataframe_records": ROWS, "columns": ["x"]}, "columns"),
    ],
)
def test_a_payload_of_the_wrong_shape_is_a_422(as_role, payload, loc):
    response = as_role("service", "POST", URL, json=payload)
    assert error(response) == (422, "validation_error")
    assert {d["loc"][0] for d in response.json["error"]["details"]} == {loc}


def test_columns_of_different_lengths_are_refused(as_role):
    payload = {"inputs": {"AMT_CREDIT": [1.0, 2.0], "DAYS_BIRTH": [-12000]}}
    response = as_role("service", "POST", URL, json=payload)
    assert error(response) == (422, "invalid_payload")
    assert response.json["error"]["details"] == {"lengths": {"AMT_CREDIT": 2, "DAYS_BIRTH": 1}}


def test_a_bad_row_is_named_in_any_format(as_role):
    bad = {**NEW_APPLICANT, "AMT_CREDIT": -5.0}
    csv_body = pd.DataFrame([NEW_APPLICANT, bad]).to_csv(index=False)
    for kwargs in (
        {"json": {"instances": [NEW_APPLICANT, bad]}},
        {"data": csv_body, "content_type": "text/csv"},
    ):
        response = as_role("service", "POST", URL, **kwargs)
        assert error(response) == (422, "validation_error")
        detail = response.json["error"]["details"][0]
        assert (detail["row"], detail["loc"]) == (1, ["AMT_CREDIT"])


@pytest.mark.parametrize(
    ("body", "message", "details"),
    [
        (b'a,b\n"1,2\n', "unexpected end of data", None),
        (
            b"AMT_CREDIT,DAYS_BIRTH\n1,2,3\n4,5\n",
            "each row needs one value per column",
            {"rows": [0]},
        ),
        (
            b"AMT_CREDIT,AMT_CREDIT\n1,2\n",
            "columns named more than once",
            {"columns": ["AMT_CREDIT"]},
        ),
        (b"\xff\xfe,a\n", "not UTF-8", None),
        (b"\n\n", "no header line", None),
        (b"", "no header line", None),
    ],
)
def test_bad_csv_is_a_400(as_role, body, message, details):
    response = as_role("service", "POST", URL, data=body, content_type="text/csv")
    assert error(response) == (400, "bad_request")
    assert response.json["error"]["message"] == f"The body is not valid CSV: {message}."
    assert response.json["error"]["details"] == details


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/vnd.apache.parquet", "application/x-ndjson"]
)
def test_another_content_type_is_a_415(as_role, content_type):
    response = as_role("service", "POST", URL, data=rows_csv(), content_type=content_type)
    assert error(response) == (415, "unsupported_media_type")
    assert response.json["error"]["details"] == {"content_type": content_type}


def test_the_document_offers_json_and_csv_bodies(http):
    operation = http.get("/api/v1/openapi.json").json["paths"][URL]["post"]
    content = operation["requestBody"]["content"]
    assert content["application/json"]["schema"] == {
        "$ref": "#/components/schemas/InvocationRequest"
    }
    assert content["text/csv"]["schema"]["type"] == "string"
    assert {"200", "400", "415", "422"} <= set(operation["responses"])


def validated(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return records as the API validates them (numbers from text read as numbers)."""
    return [Application.model_validate(r).model_dump(exclude_unset=True) for r in records]


def test_mlflows_own_parser_reads_the_same_tables() -> None:
    """MLflow's parser and ours read the same rows from each example (MLflow's and ours)."""
    with warnings.catch_warnings():  # mlflow warns about its own type hints on import
        warnings.simplefilter("ignore")
        from mlflow.exceptions import MlflowException  # noqa: PLC0415 (as above)
        from mlflow.pyfunc.scoring_server import (  # noqa: PLC0415 (the brief: mlflow only here)
            infer_and_parse_data,
            parse_csv_input,
        )

    for name, payload in {**MLFLOW_DOC_EXAMPLES, **json_payloads()}.items():
        ours = payload_records(InvocationRequest.model_validate(payload))
        if name in TENSOR_TO_MLFLOW:
            continue
        if name in UNEVEN_RECORDS:  # MLflow wants the same keys in every instance; we do not
            with pytest.raises(MlflowException):
                infer_and_parse_data(json.loads(json.dumps(payload)))
            continue
        theirs = infer_and_parse_data(json.loads(json.dumps(payload)))
        if not isinstance(theirs, pd.DataFrame):  # instances and inputs: columns as arrays
            theirs = pd.DataFrame({k: list(v) for k, v in theirs.items()})
        frame = theirs
        expected = [
            {
                k: v.tolist() if hasattr(v, "tolist") else v
                for k, v in row.items()
                if not _missing(v)
            }
            for row in frame.to_dict(orient="records")
        ]
        assert [{k: v for k, v in r.items() if v is not None} for r in ours] == expected, name
    mlflow_csv = parse_csv_input(io.StringIO(rows_csv()))
    from_csv = [
        {k: v for k, v in r.items() if not _missing(v)} for r in mlflow_csv.to_dict("records")
    ]
    assert validated(csv_records(rows_csv().encode())) == validated(from_csv)


def _missing(value: Any) -> bool:
    """Tell whether a cell is missing (None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))
