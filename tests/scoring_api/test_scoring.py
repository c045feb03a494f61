"""Scores and explanations: what-if matches offline scoring, explanations add up."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from catboost import CatBoostClassifier, Pool

from model_training.features import application_feature_names, application_features
from model_training.features.application import application_input_columns
from model_training.modeling.model_input import to_model_input
from scoring_api.bundle_store import load_serving_bundle
from scoring_api.schemas import NEW_APPLICANT_REQUIRED
from scoring_api.services.scoring import build_feature_rows
from tests.scoring_api.applicants import NEW_APPLICANT


def test_the_new_applicant_of_these_tests_gives_exactly_the_required_fields() -> None:
    assert tuple(NEW_APPLICANT) == NEW_APPLICANT_REQUIRED


def _stored(data_dir, client_id):
    """Return the client's raw application row and the bundle folder."""
    artifacts = data_dir / "artifacts"
    bundle_dir = artifacts / (artifacts / "CURRENT").read_text().strip()
    for name in ("application_train", "application_test"):
        frame = pd.read_parquet(data_dir / "validated" / f"{name}.parquet")
        row = frame[frame["SK_ID_CURR"] == client_id]
        if len(row):
            return row.drop(columns=["TARGET"], errors="ignore").reset_index(drop=True), bundle_dir
    raise AssertionError("client not found")


def _offline_probability(data_dir, client_id, changes):
    """Score the edited row offline: application features + stored history, then the model."""
    raw, bundle_dir = _stored(data_dir, client_id)
    for key, value in changes.items():
        raw[key] = value
    store = pd.read_parquet(bundle_dir / "features.parquet")
    stored = store[store["SK_ID_CURR"] == client_id].reset_index(drop=True)
    app = application_features(raw)
    for name in app.columns:
        if name in stored.columns:
            stored[name] = app[name]
    income, annuity = stored["AMT_INCOME_TOTAL"], stored["AMT_ANNUITY"]
    stored["TOTAL_ANNUITY_TO_INCOME"] = (
        annuity + stored["PREV_RUNNING_ANNUITY_SUM"].fillna(0.0)
    ) / income
    stored["BUREAU_ACTIVE_DEBT_TO_INCOME"] = stored["BUREAU_ACTIVE_DEBT_SUM"] / income
    model = CatBoostClassifier()
    model.load_model(str(bundle_dir / "model.cbm"))
    names = list(model.feature_names_)
    categorical = [names[i] for i in model.get_cat_feature_indices()]
    x = to_model_input(stored, names, categorical)
    return float(model.predict_proba(Pool(x, cat_features=categorical))[0, 1])


def _what_if(as_role, client_id, changes, role="advisor"):
    body = {"applications": [{"SK_ID_CURR": client_id, **changes}]}
    return as_role(role, "POST", "/api/v1/score", json=body)


def test_what_if_without_changes_gives_the_stored_score(as_role, client_ids) -> None:
    stored = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/score").json
    result = _what_if(as_role, client_ids[0], {}).json["results"][0]
    assert result["probability"] == pytest.approx(stored["probability"], rel=1e-9)


def test_what_if_matches_scoring_the_edited_row_offline(as_role, client_ids, data_dir) -> None:
    changes = {"AMT_CREDIT": 1_500_000.0, "AMT_ANNUITY": 90_000.0}
    result = _what_if(as_role, client_ids[0], changes).json["results"][0]
    assert result["probability"] == pytest.approx(
        _offline_probability(data_dir, client_ids[0], changes), rel=1e-9
    )


def test_what_if_of_the_last_client_matches_offline_scoring(as_role, client_ids, data_dir) -> None:
    changes = {"AMT_INCOME_TOTAL": 90_000.0, "NAME_FAMILY_STATUS": None, "EXT_SOURCE_1": None}
    result = _what_if(as_role, client_ids[-1], changes).json["results"][0]
    assert result["probability"] == pytest.approx(
        _offline_probability(data_dir, client_ids[-1], changes), rel=1e-9
    )


def test_a_mixed_batch_scores_each_application_as_alone(as_role, client_ids) -> None:
    applications = [
        {"SK_ID_CURR": client_ids[0], "AMT_CREDIT": 500_000.0},
        NEW_APPLICANT,
        {"SK_ID_CURR": client_ids[2]},
    ]
    body = {"applications": applications, "explain": True, "top": 3}
    batch = as_role("advisor", "POST", "/api/v1/score", json=body).json["results"]
    alone = [
        as_role("advisor", "POST", "/api/v1/score", json={**body, "applications": [a]}).json
        for a in applications
    ]
    assert batch == [response["results"][0] for response in alone]


def test_what_if_moves_the_probability_the_way_the_model_implies(as_role, client_ids) -> None:
    low = _what_if(as_role, client_ids[0], {"EXT_SOURCE_2": 0.05, "EXT_SOURCE_3": 0.05})
    high = _what_if(as_role, client_ids[0], {"EXT_SOURCE_2": 0.95, "EXT_SOURCE_3": 0.95})
    assert low.json["results"][0]["probability"] > high.json["results"][0]["probability"]


def test_new_applicant_is_scored_and_explained(as_role) -> None:
    body = {
        "applications": [NEW_APPLICANT],
        "explain": True,
        "top": 3,
        "lang": "en",
    }
    result = as_role("service", "POST", "/api/v1/score", json=body).json["results"][0]
    explanation = result["explanation"]
    total = explanation["base_value"] + sum(c["contribution"] for c in explanation["contributions"])
    assert total == pytest.approx(explanation["output"], abs=1e-9)
    assert 1 / (1 + math.exp(-explanation["output"])) == pytest.approx(result["probability"])
    assert len(explanation["contributions"]) == 4
    assert explanation["contributions"][-1]["feature"] == "other_features"


def test_stored_explanation_sums_to_the_stored_log_odds(as_role, client_ids) -> None:
    url = f"/api/v1/clients/{client_ids[0]}/explanation?top=5&lang=en"
    body = as_role("advisor", "GET", url).json
    total = body["base_value"] + sum(c["contribution"] for c in body["contributions"])
    assert total == pytest.approx(body["output"], abs=1e-9)
    by_group = body["base_value"] + sum(g["contribution"] for g in body["groups"])
    assert by_group == pytest.approx(body["output"], abs=1e-9)
    score = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/score").json
    assert 1 / (1 + math.exp(-body["output"])) == pytest.approx(score["probability"], rel=1e-9)
    assert len(body["reasons"]) <= 4
    families = [r["family"] for r in body["reasons"]]
    assert len(families) == len(set(families))
    assert all(r["points"] < 0 for r in body["reasons"])


@pytest.mark.parametrize("client_index", [0, 1, 2])
def test_the_explanation_gives_the_waterfalls_points_so_no_caller_converts(
    as_role, client_ids, client_index: int
) -> None:
    """base_points + the contributions' points = the score; at or below threshold_points the
    decision is a refusal (the dashboard draws these numbers, it computes none of them)."""
    client_id = client_ids[client_index]
    body = as_role("advisor", "GET", f"/api/v1/clients/{client_id}/explanation?top=5").json
    score = as_role("advisor", "GET", f"/api/v1/clients/{client_id}/score").json
    total = body["base_points"] + sum(c["points"] for c in body["contributions"])
    assert total == pytest.approx(score["score"], abs=1e-6)
    card = as_role("advisor", "GET", "/api/v1/model").json
    factor, offset = card["points"]["factor"], card["points"]["offset"]
    assert body["base_points"] == pytest.approx(offset - factor * body["base_value"], abs=1e-9)
    threshold = score["threshold"]
    expected = offset - factor * math.log(threshold / (1 - threshold))
    assert body["threshold_points"] == pytest.approx(expected, abs=1e-9)
    is_refused = score["score"] <= body["threshold_points"]
    assert is_refused == (score["probability"] >= threshold)


def test_unknown_fields_and_out_of_range_values_are_422(as_role) -> None:
    body = {"applications": [{"TARGET": 1, "AMT_CREDIT": -5}]}
    response = as_role("advisor", "POST", "/api/v1/score", json=body)
    assert response.status_code == 422
    assert [d["loc"] for d in response.json["error"]["details"]] == [
        ["applications", 0, "AMT_CREDIT"],
        ["applications", 0, "TARGET"],
    ]


def test_batches_above_the_limit_are_422(as_role) -> None:
    body = {"applications": [{"AMT_CREDIT": 1000.0}] * 51}
    response = as_role("advisor", "POST", "/api/v1/score", json=body)
    assert (response.status_code, response.json) == (
        422,
        {
            "error": {
                "code": "batch_too_large",
                "message": "At most 50 applications per request; got 51.",
                "details": {"max_batch": 50, "received": 51},
            }
        },
    )


def test_a_client_may_only_what_if_their_own_file(as_role, client_ids) -> None:
    assert _what_if(as_role, client_ids[0], {}, role="client").status_code == 200
    assert _what_if(as_role, client_ids[1], {}, role="client").status_code == 403
    new = as_role("client", "POST", "/api/v1/score", json={"applications": [{}]})
    assert new.status_code == 403


@pytest.mark.parametrize(
    "payload",
    [
        {
            "dataframe_split": {
                "columns": list(NEW_APPLICANT),
                "data": [list(NEW_APPLICANT.values())] * 2,
            }
        },
        {"dataframe_records": [NEW_APPLICANT] * 2},
    ],
)
def test_invocations_speak_mlflow(as_role, payload) -> None:
    body = as_role("service", "POST", "/api/v1/invocations", json=payload).json
    assert len(body["predictions"]) == 2
    assert set(body["predictions"][0]) == {"probability", "decision", "score"}
    assert np.isclose(body["predictions"][0]["probability"], body["predictions"][1]["probability"])


def test_invocations_reject_unknown_columns(as_role) -> None:
    payload = {"dataframe_records": [{"NOPE": 1}]}
    response = as_role("service", "POST", "/api/v1/invocations", json=payload)
    assert response.status_code == 422
    assert response.json["error"]["details"][0]["loc"] == ["NOPE"]


def test_invocations_reject_a_column_named_twice(as_role) -> None:
    split = {"columns": ["AMT_CREDIT", "AMT_CREDIT"], "data": [[1e5, 2e5]]}
    response = as_role("service", "POST", "/api/v1/invocations", json={"dataframe_split": split})
    assert response.status_code == 422
    (detail,) = response.json["error"]["details"]
    assert detail["loc"] == ["dataframe_split", "columns"]
    assert detail["msg"] == "Value error, columns named more than once: AMT_CREDIT"


@pytest.mark.parametrize("position", [0, -1])
def test_feature_rows_of_an_unchanged_client_equal_the_store(data_dir, client_ids, position):
    artifacts = data_dir / "artifacts"
    bundle = load_serving_bundle(artifacts, (artifacts / "CURRENT").read_text().strip())
    client_id = client_ids[position]
    features = build_feature_rows(bundle, [{"SK_ID_CURR": client_id}])
    row = bundle.position(client_id)
    history = set(bundle.features) - set(application_feature_names())
    for name in bundle.features:
        value, expected = features[name][0], bundle.store[name].iat[row]
        if name in bundle.categorical:
            assert (None if pd.isna(value) else value) == (None if pd.isna(expected) else expected)
        elif pd.isna(expected):
            assert np.isnan(value), name
        else:
            assert value == pytest.approx(float(expected), rel=1e-12), name
        if name in history:
            assert features[name].dtype == np.float64, name


@pytest.mark.parametrize(
    ("application", "missing"),
    [
        ({}, list(NEW_APPLICANT)),
        ({"AMT_CREDIT": 300000.0}, [k for k in NEW_APPLICANT if k != "AMT_CREDIT"]),
        ({**NEW_APPLICANT, "AMT_ANNUITY": None}, ["AMT_ANNUITY"]),
    ],
)
def test_a_nearly_empty_new_application_is_a_422_naming_what_is_required(
    as_role, application, missing
) -> None:
    response = as_role("service", "POST", "/api/v1/score", json={"applications": [application]})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "missing_required_fields"
    assert [d["loc"][-1] for d in response.json["error"]["details"]] == missing


def test_a_walk_in_without_bureau_scores_is_referred_with_what_to_provide(as_role) -> None:
    body = {"applications": [NEW_APPLICANT], "lang": "en"}
    result = as_role("service", "POST", "/api/v1/score", json=body).json["results"][0]
    assert result["model_decision"] in {"granted", "refused"}
    missing = result["missing_inputs"]
    assert [m["family"] for m in missing] == ["no_external_score"]
    assert {f["feature"] for f in missing[0]["fields"]} == {
        "EXT_SOURCE_1",
        "EXT_SOURCE_2",
        "EXT_SOURCE_3",
    }
    assert missing[0]["points"] < 0
    if result["model_decision"] == "refused":
        assert result["decision"] == "referred"
    scored = {**NEW_APPLICANT, "EXT_SOURCE_1": 0.6, "EXT_SOURCE_2": 0.6, "EXT_SOURCE_3": 0.6}
    body = {"applications": [scored], "lang": "en"}
    with_scores = as_role("service", "POST", "/api/v1/score", json=body).json["results"][0]
    assert with_scores["missing_inputs"] == []
    assert with_scores["decision"] == with_scores["model_decision"]
    assert with_scores["probability"] < result["probability"]


def _json_value(value: object) -> object:
    """Return a table value as JSON takes it (None for missing, plain numbers)."""
    if pd.isna(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def test_a_walk_in_without_history_is_scored_as_the_model_scores_the_stored_client(
    as_role, data_dir
) -> None:
    validated = data_dir / "validated"
    with_history: set[int] = set()
    for name in ("bureau", "previous_application", "POS_CASH_balance", "installments_payments"):
        with_history |= set(pd.read_parquet(validated / f"{name}.parquet").SK_ID_CURR)
    with_history |= set(pd.read_parquet(validated / "credit_card_balance.parquet").SK_ID_CURR)
    rows = pd.concat(
        pd.read_parquet(validated / f"{name}.parquet")
        for name in ("application_train", "application_test")
    ).set_index("SK_ID_CURR")
    fresh = [i for i in rows.index if i not in with_history][:20]
    assert fresh
    fields = [c for c in application_input_columns() if c in rows.columns]
    applications = [
        {
            k: (None if pd.isna(v) else getattr(v, "item", lambda v=v: v)())
            for k, v in rows.loc[i, fields].items()
        }
        for i in fresh
    ]
    walk_ins = as_role("advisor", "POST", "/api/v1/score", json={"applications": applications})
    for client_id, result in zip(fresh, walk_ins.json["results"], strict=True):
        stored = as_role("advisor", "GET", f"/api/v1/clients/{client_id}/score").json
        assert result["probability"] == pytest.approx(stored["probability"], rel=1e-9)
        assert result["decision"] == stored["decision"]
