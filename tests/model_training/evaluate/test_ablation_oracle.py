"""Ablation feature rule and sampling; oracle comparison on tiny tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model_training.bundle.metadata import Training
from model_training.evaluate import ablation, oracle


def test_application_features_include_raw_and_derived_application_columns() -> None:
    known = ablation.application_feature_set()
    assert {"AMT_CREDIT", "EXT_SOURCE_1", "DAYS_BIRTH"} <= known
    assert "CODE_GENDER" in known  # a column of application_train, even if never a feature


def test_application_only_keeps_the_model_order_and_drops_history_features() -> None:
    known = frozenset({"AMT_CREDIT", "DAYS_BIRTH"})
    features = ["DAYS_BIRTH", "BUREAU_COUNT", "AMT_CREDIT"]
    assert ablation.application_only(features, known) == ["DAYS_BIRTH", "AMT_CREDIT"]


def test_sample_rows_keeps_every_row_of_small_data() -> None:
    assert ablation.sample_rows(np.array([0, 1, 0]), 10, seed=0).tolist() == [0, 1, 2]


def test_sample_rows_keeps_the_default_rate() -> None:
    y = np.array([1] * 100 + [0] * 900)
    rows = ablation.sample_rows(y, 100, seed=0)
    assert len(rows) == 100
    assert y[rows].sum() == 10
    assert np.all(np.diff(rows) > 0)


def test_default_ablation_settings_use_three_folds_and_the_final_iterations() -> None:
    training = Training.model_validate(
        {
            "n_folds": 5,
            "iterations": 2000,
            "learning_rate": 0.05,
            "final_iterations": 321,
            "best_iterations": [300, 310],
        }
    )
    settings = ablation.default_ablation_settings(training)
    assert (settings.n_folds, settings.iterations, settings.learning_rate) == (3, 321, 0.05)


def test_compare_gives_both_aucs_on_the_same_clients() -> None:
    y = np.array([0, 0, 1, 1])
    found = oracle.compare(y, np.array([0.1, 0.6, 0.4, 0.9]), np.array([0.1, 0.2, 0.8, 0.9]))
    assert (found["n"], found["model_auc"], found["oracle_auc"]) == (4, 0.75, 1.0)
    assert found["auc_gap"] == 0.25
    assert found["oracle_brier"] == pytest.approx((0.01 + 0.04 + 0.04 + 0.01) / 4)


def test_oracle_comparison_splits_test_and_train_clients() -> None:
    truth = pd.DataFrame(
        {
            "SK_ID_CURR": [1, 2, 3, 4, 5, 6, 7, 8],
            "is_test": [False] * 4 + [True] * 4,
            "probability": [0.1, 0.9, 0.2, 0.8, 0.1, 0.9, 0.3, 0.7],
            "TARGET": [0, 1, 0, 1, 0, 1, 0, 1],
        }
    )
    scores = pd.DataFrame(
        {
            "SK_ID_CURR": [1, 2, 3, 4, 5, 6, 7, 8],
            "is_test": [False] * 4 + [True] * 4,
            "probability": [0.5] * 4 + [0.8, 0.2, 0.3, 0.7],
        }
    )
    oof = pd.DataFrame({"SK_ID_CURR": [1, 2, 3, 4], "oof_probability": [0.1, 0.9, 0.2, 0.8]})
    found = oracle.oracle_comparison(truth, scores, oof)
    assert found["available"] is True
    assert (found["test"]["n"], found["test"]["model_auc"], found["test"]["oracle_auc"]) == (
        4,
        0.25,
        1.0,
    )
    assert found["train_oof"]["model_auc"] == 1.0


def test_oracle_is_unavailable_on_real_data(tmp_path: Path) -> None:
    found = oracle.load_oracle_comparison(tmp_path, pd.DataFrame(), pd.DataFrame())
    assert found == {"available": False}
