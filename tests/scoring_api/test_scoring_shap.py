"""Served SHAP values of what-if and new applications equal shap's own TreeSHAP.

The served path (``build_feature_rows``, ``model_pool``, ``shap_values``: TreeSHAP by leaf)
against ``tree_shap_contributions`` (shap's C++ TreeSHAP on the rebuilt trees);
the tolerance is the one justified in tests/model_training/modeling/test_shap_trees.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from model_training.bundle import current_version
from model_training.modeling.model_input import to_model_input
from model_training.modeling.shap_trees import tree_shap_contributions
from scoring_api.bundle_store import ServingBundle, load_serving_bundle
from scoring_api.services import scoring

TOLERANCE = 1e-6  # log-odds


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> ServingBundle:
    """Return the session's live bundle as the API serves it."""
    artifacts = data_dir / "artifacts"
    return load_serving_bundle(artifacts, current_version(artifacts))


def _served_and_independent(
    bundle: ServingBundle, applications: list[dict[str, Any]]
) -> tuple[tuple[float, np.ndarray], Any]:
    """Return the served (base, values) and shap's contributions for the same applications."""
    features = scoring.build_feature_rows(bundle, applications)
    served = scoring.shap_values(bundle, scoring.model_pool(bundle, features))
    x = to_model_input(pd.DataFrame(features), bundle.features, bundle.categorical)
    return served, tree_shap_contributions(bundle.model, x, bundle.categorical)


def test_what_if_rows_match_shaps_tree_shap(bundle: ServingBundle) -> None:
    """Stored clients with a changed amount, income, term or category: same SHAP values."""
    ids = bundle.scores["SK_ID_CURR"].to_numpy()[:6].tolist()
    applications = [
        {"SK_ID_CURR": ids[0], "AMT_CREDIT": 1_500_000.0},
        {"SK_ID_CURR": ids[1], "AMT_INCOME_TOTAL": 40_000.0},
        {"SK_ID_CURR": ids[2], "AMT_ANNUITY": 90_000.0, "AMT_GOODS_PRICE": None},
        {"SK_ID_CURR": ids[3], "NAME_INCOME_TYPE": "Pensioner"},
        {"SK_ID_CURR": ids[4], "NAME_EDUCATION_TYPE": "Higher education"},
        {"SK_ID_CURR": ids[5]},
    ]
    (base, served), independent = _served_and_independent(bundle, applications)
    assert np.abs(served - independent.values).max() < TOLERANCE
    assert abs(base - independent.base_value) < TOLERANCE


def test_new_applicant_rows_match_shaps_tree_shap(bundle: ServingBundle) -> None:
    """New applicants (no history, missing fields, a level never seen): same SHAP values."""
    applications = [
        {"AMT_CREDIT": 300_000.0, "AMT_INCOME_TOTAL": 150_000.0},
        {"AMT_CREDIT": 2_000_000.0, "AMT_ANNUITY": 120_000.0, "DAYS_BIRTH": -8_000},
        {"NAME_INCOME_TYPE": "Working", "NAME_CONTRACT_TYPE": "Revolving loans"},
        {"OCCUPATION_TYPE": "a level the model never saw", "EXT_SOURCE_2": 0.9},
        {},
    ]
    (base, served), independent = _served_and_independent(bundle, applications)
    assert np.abs(served - independent.values).max() < TOLERANCE
    assert abs(base - independent.base_value) < TOLERANCE
    assert np.abs(served).max() > 1e-3  # the rows are explained by something
