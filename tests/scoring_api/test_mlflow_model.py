"""The bundle as an MLflow model: pyfunc's load_model and predict equal what POST score answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from model_training.tracking import import_mlflow
from scoring_api.mlflow_model import _load_pyfunc, application_records
from tests.scoring_api.applicants import NEW_APPLICANT


def _live_folder(data_dir):
    """Return the session's live bundle folder."""
    artifacts = data_dir / "artifacts"
    return artifacts / (artifacts / "CURRENT").read_text().strip()


def _rows(client_ids) -> pd.DataFrame:
    """Return application rows of every kind: new, new with more fields, what-if, referable."""
    records = [
        NEW_APPLICANT,
        {**NEW_APPLICANT, "EXT_SOURCE_1": 0.4, "EXT_SOURCE_2": 0.6, "EXT_SOURCE_3": 0.5},
        {**NEW_APPLICANT, "AMT_CREDIT": 900000.0, "CODE_GENDER": "F"},
        {"SK_ID_CURR": client_ids[0], "AMT_CREDIT": 123456.0},
        {"SK_ID_CURR": client_ids[-1]},
    ]
    return pd.DataFrame(records)


def _json_records(frame: pd.DataFrame) -> list[dict]:
    """Return the frame's rows as POST score takes them: a missing cell is an absent field."""
    out = []
    for row in frame.to_dict(orient="records"):
        out.append(
            {
                k: v
                for k, v in row.items()
                if not (v is None or (isinstance(v, float) and math.isnan(v)))
            }
        )
    return out


def test_mlflow_load_model_predicts_what_post_score_answers(data_dir, client_ids, as_role) -> None:
    mlflow = import_mlflow()  # slow: only this test needs it
    frame = _rows(client_ids)
    model = mlflow.pyfunc.load_model(str(_live_folder(data_dir)))
    predicted = model.predict(frame)
    body = as_role("advisor", "POST", "/api/v1/score", json={"applications": _json_records(frame)})
    assert body.status_code == 200
    answered = pd.DataFrame(body.json["results"])
    assert list(predicted.columns) == ["probability", "decision", "score"]
    assert len(predicted) == len(frame)
    np.testing.assert_allclose(predicted["probability"], answered["probability"], rtol=1e-12)
    np.testing.assert_allclose(predicted["score"], answered["score"], rtol=1e-12)
    assert predicted["decision"].tolist() == answered["decision"].tolist()


def test_a_downloaded_copy_in_a_folder_of_another_name_loads(data_dir, tmp_path) -> None:
    import shutil  # noqa: PLC0415

    copy = tmp_path / "model"
    shutil.copytree(_live_folder(data_dir), copy)
    predicted = _load_pyfunc(str(copy)).predict(pd.DataFrame([NEW_APPLICANT]))
    assert 0 < predicted["probability"].iat[0] < 1


def test_rows_are_validated_as_post_score_validates_them() -> None:
    lacking = {k: v for k, v in NEW_APPLICANT.items() if k != "AMT_CREDIT"}
    with pytest.raises(ValueError, match="row 1 AMT_CREDIT: required for a new applicant"):
        application_records(pd.DataFrame([NEW_APPLICANT, lacking]))
    with pytest.raises(ValueError, match="row 0 NOPE"):
        application_records(pd.DataFrame([{**NEW_APPLICANT, "NOPE": 1}]))
    with pytest.raises(ValueError, match="row 0 AMT_CREDIT"):
        application_records(pd.DataFrame([{**NEW_APPLICANT, "AMT_CREDIT": -5.0}]))


def test_an_unknown_client_is_a_value_error(data_dir) -> None:
    model = _load_pyfunc(str(_live_folder(data_dir)))
    with pytest.raises(ValueError, match=r"not found|Client"):
        model.predict(pd.DataFrame([{"SK_ID_CURR": 10**9}]))
