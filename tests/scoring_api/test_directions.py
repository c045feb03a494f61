"""Monotone where policy reads one way: no move against a declared direction, on any path.

Each constrained feature (the catalogue's directions) is swept over its observed range on
sampled clients through the stored model; the raw inputs whose every feature moves the same
way (income, the bureau scores, the amount at the same term) are swept through the what-if
path and the new-applicant path.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model_training.bundle import current_version
from model_training.features.catalogue import monotone_directions
from model_training.modeling.model_input import to_model_input
from scoring_api.bundle_store import ServingBundle, load_serving_bundle
from scoring_api.services.applications import score_applications
from tests.scoring_api.applicants import NEW_APPLICANT as REQUIRED

N_CLIENTS = 12
GRID = 9
TOLERANCE = 1e-12  # log-odds: float noise only
NEW_APPLICANT = {
    **REQUIRED,
    "AMT_GOODS_PRICE": 270000.0,
    "NAME_INCOME_TYPE": "Working",
    "DAYS_EMPLOYED": -2000,
}


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> ServingBundle:
    """Return the session's live bundle."""
    artifacts = data_dir / "artifacts"
    return load_serving_bundle(artifacts, current_version(artifacts))


@pytest.fixture(scope="module")
def sample_ids(bundle: ServingBundle) -> list[int]:
    """Return a fixed sample of stored clients."""
    rng = np.random.default_rng(0)
    return sorted(int(i) for i in rng.choice(bundle.client_ids, N_CLIENTS, replace=False))


def _moves_against(values: np.ndarray, direction: int) -> np.ndarray:
    """Return the steps (along axis 1) that move the risk against ``direction``."""
    return direction * np.diff(values, axis=1) < -TOLERANCE


def test_the_model_has_constrained_features_in_both_directions(bundle) -> None:
    directions = monotone_directions(list(bundle.features))
    assert set(directions.values()) == {-1, 1}
    assert bundle.metadata.training.settings.is_monotone is True


def test_no_constrained_feature_moves_against_its_direction_in_the_stored_model(
    bundle, sample_ids
) -> None:
    rows = bundle.store.iloc[[bundle.position(i) for i in sample_ids]].reset_index(drop=True)
    against = {}
    for name, direction in monotone_directions(list(bundle.features)).items():
        observed = pd.to_numeric(bundle.store[name]).dropna()
        grid = np.unique(np.quantile(observed, np.linspace(0, 1, GRID)))
        swept = pd.concat([rows.assign(**{name: value}) for value in grid], ignore_index=True)
        x = to_model_input(swept, list(bundle.features), list(bundle.categorical))
        raw = bundle.model.predict(x, prediction_type="RawFormulaVal", thread_count=1)
        by_client = np.asarray(raw).reshape(len(grid), len(rows)).T
        if _moves_against(by_client, direction).any():
            against[name] = direction
    assert against == {}


def _sweep(bundle, applications: list[dict]) -> np.ndarray:
    results = score_applications(bundle, applications)
    return np.array([r["probability"] for r in results])


RAW_SWEEPS = [
    ("AMT_INCOME_TOTAL", -1, np.geomspace(30_000, 1_000_000, GRID)),
    ("EXT_SOURCE_1", -1, np.linspace(0.02, 0.98, GRID)),
    ("EXT_SOURCE_2", -1, np.linspace(0.02, 0.98, GRID)),
    ("EXT_SOURCE_3", -1, np.linspace(0.02, 0.98, GRID)),
]


def _stored_fields(data_dir: Path, client_ids: list[int]) -> pd.DataFrame:
    """Return the stored clients' raw application rows, by id."""
    frames = [
        pd.read_parquet(data_dir / "validated" / f"{name}.parquet")
        for name in ("application_train", "application_test")
    ]
    rows = pd.concat(frames).set_index("SK_ID_CURR")
    return rows.loc[client_ids]


@pytest.mark.parametrize(("field", "direction", "grid"), RAW_SWEEPS)
def test_what_if_and_new_applicant_follow_the_direction_of_a_raw_input(
    bundle, sample_ids, field, direction, grid
) -> None:
    what_ifs = [{"SK_ID_CURR": i, field: float(v)} for v in grid for i in sample_ids]
    by_client = _sweep(bundle, what_ifs).reshape(len(grid), -1).T
    assert not _moves_against(np.log(by_client), direction).any()
    new = [{**NEW_APPLICANT, field: float(v)} for v in grid]
    assert not _moves_against(np.log(_sweep(bundle, new))[None, :], direction).any()


def test_the_amount_at_the_same_term_follows_its_direction(bundle, data_dir, sample_ids) -> None:
    factors = np.geomspace(0.25, 4.0, GRID)
    fields = _stored_fields(data_dir, sample_ids)
    what_ifs = [
        {
            "SK_ID_CURR": i,
            "AMT_CREDIT": float(fields.at[i, "AMT_CREDIT"] * f),
            "AMT_ANNUITY": float(fields.at[i, "AMT_ANNUITY"] * f),
        }
        for f in factors
        for i in sample_ids
        if not np.isnan(fields.at[i, "AMT_ANNUITY"])
    ]
    by_client = _sweep(bundle, what_ifs).reshape(len(factors), -1).T
    assert not _moves_against(np.log(by_client), 1).any()
    new = [
        {
            **NEW_APPLICANT,
            "AMT_CREDIT": NEW_APPLICANT["AMT_CREDIT"] * f,
            "AMT_ANNUITY": NEW_APPLICANT["AMT_ANNUITY"] * f,
        }
        for f in factors
    ]
    assert not _moves_against(np.log(_sweep(bundle, new))[None, :], 1).any()


def test_the_issue_scenarios_move_the_right_way(as_role, data_dir, sample_ids) -> None:
    """A quarter of the credit at the same term never raises the risk; half the income never
    lowers it (the scenarios that moved the wrong way before the directions)."""
    fields = _stored_fields(data_dir, sample_ids)
    for client_id in sample_ids:
        credit, annuity = fields.at[client_id, "AMT_CREDIT"], fields.at[client_id, "AMT_ANNUITY"]
        income = fields.at[client_id, "AMT_INCOME_TOTAL"]
        applications = [
            {"SK_ID_CURR": client_id},
            {"SK_ID_CURR": client_id, "AMT_CREDIT": credit / 4, "AMT_ANNUITY": annuity / 4},
            {"SK_ID_CURR": client_id, "AMT_INCOME_TOTAL": income / 2},
        ]
        if np.isnan(annuity):
            applications[1].pop("AMT_ANNUITY")
        body = {"applications": applications}
        stored, quarter, half = as_role("advisor", "POST", "/api/v1/score", json=body).json[
            "results"
        ]
        if not np.isnan(annuity):
            assert quarter["probability"] <= stored["probability"], client_id
        assert half["probability"] >= stored["probability"], client_id
