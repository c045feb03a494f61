"""The pyfunc loader a bundle's ``MLmodel`` names: the API's scoring as an MLflow model.

``mlflow.pyfunc.load_model(bundle_dir)`` calls ``_load_pyfunc`` with the bundle folder; its
``predict`` takes a DataFrame of application rows (the fields POST score takes, the same
validation) and returns, row for row, the probability, decision and score the API gives. It
imports no mlflow: MLflow imports it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from model_training.bundle import validate
from model_training.bundle.metadata import read_metadata
from scoring_api.application_rows import missing_for_new_applicants, validate_rows
from scoring_api.bundle_store import ServingBundle, serving_view
from scoring_api.errors import ApiError
from scoring_api.services.applications import score_applications

PREDICTION_COLUMNS = ("probability", "decision", "score")
ERRORS_SHOWN = 10


def _is_missing(value: Any) -> bool:
    """Tell whether a DataFrame cell is missing (None, NaN or pandas' NA)."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def application_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a DataFrame's rows as validated applications, or raise ValueError naming the rows.

    A missing cell is an absent field, as a field left out of POST score; a row without
    SK_ID_CURR is a new applicant and needs NEW_APPLICANT_REQUIRED.
    """
    rows = [
        {str(k): v for k, v in row.items() if not _is_missing(v)}
        for row in frame.to_dict(orient="records")
    ]
    records, errors = validate_rows(rows)
    problems = [f"row {e['row']} {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors]
    invalid = {e["row"] for e in errors}
    row_of = [i for i in range(len(rows)) if i not in invalid]  # each valid record's row
    problems += [
        f"row {row_of[i]} {name}: required for a new applicant"
        for i, name in missing_for_new_applicants(records)
    ]
    if problems:
        shown = "; ".join(problems[:ERRORS_SHOWN])
        raise ValueError(f"invalid applications ({len(problems)} problems): {shown}")
    return records


class BundleModel:
    """A bundle's model as MLflow's pyfunc calls it: ``predict(frame)`` -> scores."""

    def __init__(self, bundle: ServingBundle) -> None:
        """Keep the bundle's serving view."""
        self.bundle = bundle

    def predict(
        self, model_input: pd.DataFrame, params: dict[str, Any] | None = None
    ) -> pd.DataFrame:
        """Return each application's probability of default, decision and score, in order."""
        del params  # none: the bundle's threshold and scale decide
        frame = model_input if isinstance(model_input, pd.DataFrame) else pd.DataFrame(model_input)
        try:
            results = score_applications(self.bundle, application_records(frame))
        except ApiError as exc:  # an unknown client or a client without application fields
            raise ValueError(f"{exc.message} {exc.details or ''}".strip()) from None
        return pd.DataFrame(
            [{key: result[key] for key in PREDICTION_COLUMNS} for result in results],
            columns=list(PREDICTION_COLUMNS),
        )


def _load_pyfunc(data_path: str) -> BundleModel:
    """Open and validate the bundle folder MLflow hands over; return its pyfunc model.

    A model downloaded from a tracking server sits in a folder named after its artifact path,
    not its version: the version is the metadata's.
    """
    folder = Path(data_path)
    version = read_metadata(folder, f"the MLflow model in {folder}").version
    return BundleModel(serving_view(validate(folder, version)))
