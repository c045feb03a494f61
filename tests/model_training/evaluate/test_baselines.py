"""Baselines: the prior, the external scores, a raw CatBoost and the model, on the model's folds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from model_training.bundle import EVALUATION_FILE, FEATURES, OOF, Bundle, open_bundle
from model_training.bundle.metadata import Costs
from model_training.config import VALIDATED_SUBDIR
from model_training.data.schema import table
from model_training.errors import BundleError
from model_training.evaluate import baselines
from model_training.evaluate.report.html import build_report_html
from model_training.modeling.decision import choose_threshold, cost_per_client
from model_training.modeling.params import TrainingSettings

TINY = TrainingSettings(n_folds=2, iterations=15, learning_rate=0.3, depth=3)
COSTS = Costs(false_negative=10.0, false_positive=1.0)
NAMES = ["prior", "external_scores", "raw_catboost", "model_unconstrained", "model"]


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> Bundle:
    """Return the session's small live bundle (built with 2 folds, 60 iterations)."""
    return open_bundle(data_dir / "artifacts")


@pytest.fixture(scope="module")
def evaluation(bundle: Bundle) -> dict:
    """Return the evaluation.json that `build` wrote into the bundle."""
    return json.loads((bundle.path / EVALUATION_FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def applications(data_dir: Path) -> pd.DataFrame:
    """Return the validated application_train rows (TARGET left out)."""
    frame = pd.read_parquet(data_dir / VALIDATED_SUBDIR / "application_train.parquet")
    return frame.drop(columns=["TARGET"])


def _rows(evaluation: dict) -> dict[str, dict]:
    return {r["name"]: r for r in evaluation["baselines"]["rows"]}


def test_evaluation_holds_the_five_rows_in_order(evaluation: dict) -> None:
    assert [r["name"] for r in evaluation["baselines"]["rows"]] == NAMES
    assert evaluation["baselines"]["is_sample"] is False


def test_prior_has_auc_one_half(evaluation: dict) -> None:
    prior = _rows(evaluation)["prior"]
    assert prior["fold_auc"] == [0.5, 0.5]


def test_prior_scores_each_fold_with_the_default_rate_of_the_other_folds() -> None:
    y = np.array([1, 0, 0, 0, 1, 1, 0, 0])
    folds = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    assert baselines.prior_scores(y, folds).tolist() == [0.5] * 4 + [0.25] * 4


def test_external_scores_are_one_minus_the_mean_of_the_known_ones() -> None:
    external = np.array(
        [[0.2, 0.4, np.nan], [np.nan, np.nan, np.nan], [np.nan, 0.9, np.nan], [0.5, 0.7, 0.9]]
    )
    folds = np.array([0, 0, 1, 1])
    risk = baselines.external_score_risk(external, folds)
    # the second client has none known: the mean over fold 1's clients (0.9 and 0.7)
    assert risk == pytest.approx([0.7, 0.2, 0.1, 0.3])


def test_external_score_baseline_is_the_auc_of_one_minus_the_mean_on_each_fold(
    bundle: Bundle, evaluation: dict, applications: pd.DataFrame
) -> None:
    rows = bundle.table(OOF).merge(applications, on="SK_ID_CURR")
    mean = rows[list(baselines.EXTERNAL_SCORES)].mean(axis=1)
    has_none = mean.isna()
    for k in range(2):
        in_fold = rows["fold"] == k
        mean[in_fold & has_none] = mean[~in_fold & ~has_none].mean()
    expected = [
        roc_auc_score(rows.loc[rows["fold"] == k, "TARGET"], 1 - mean[rows["fold"] == k])
        for k in range(2)
    ]
    assert _rows(evaluation)["external_scores"]["fold_auc"] == pytest.approx(expected)


def test_model_row_is_the_bundle_out_of_fold_figures(bundle: Bundle, evaluation: dict) -> None:
    model = _rows(evaluation)["model"]
    assert model["fold_auc"] == pytest.approx(bundle.metadata.metrics.cv_auc_folds)
    assert model["threshold"] == bundle.metadata.threshold
    assert model["cost_mean"] == pytest.approx(evaluation["summary"]["cost_at_threshold"]["mean"])


def test_raw_catboost_lists_the_application_columns_minus_id_target_and_gender(
    evaluation: dict,
) -> None:
    excluded = {"SK_ID_CURR", "TARGET", "CODE_GENDER"}
    expected = [c for c in table("application_train").column_names if c not in excluded]
    assert evaluation["baselines"]["raw_features"] == expected


def test_raw_catboost_is_fitted_on_raw_columns_only_and_on_the_bundle_folds(
    bundle: Bundle, applications: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {}
    real = baselines.cross_validate

    def spy(x: pd.DataFrame, y: np.ndarray, *args: object, **kwargs: object) -> object:
        seen["columns"], seen["folds"] = list(x.columns), kwargs["folds"]
        return real(x, y, *args, **kwargs)

    monkeypatch.setattr(baselines, "cross_validate", spy)
    baselines.run_baselines(bundle.table(OOF), applications, TINY, COSTS)
    engineered = set(bundle.features) - set(applications.columns)
    assert seen["columns"] == baselines.raw_application_columns()
    assert engineered
    assert not engineered & set(seen["columns"])
    assert seen["folds"].tolist() == bundle.table(OOF)["fold"].tolist()


def test_each_row_costs_at_its_own_threshold() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    score = np.clip(0.3 * y + rng.uniform(0, 0.7, 200), 0, 1)
    folds = np.arange(200) % 2
    row = baselines.score_row(y, score, folds, 10.0, 1.0)
    halved = baselines.score_row(y, score / 2, folds, 10.0, 1.0)
    assert row["threshold"] == choose_threshold(y, score, 10.0, 1.0)
    assert row["fold_cost"] == [
        cost_per_client(y[folds == k], score[folds == k], row["threshold"], 10.0, 1.0)
        for k in (0, 1)
    ]
    assert halved["threshold"] == pytest.approx(row["threshold"] / 2)
    assert halved["cost_mean"] == row["cost_mean"]


def test_large_data_is_sampled_by_fold_and_target(
    bundle: Bundle, applications: pd.DataFrame
) -> None:
    found = baselines.run_baselines(bundle.table(OOF), applications, TINY, COSTS, None, 300)
    assert (found["n_clients"], found["is_sample"], found["max_clients"]) == (300, True, 300)
    assert [r["name"] for r in found["rows"]] == [n for n in NAMES if n != "model_unconstrained"]
    features, categorical = list(bundle.features), list(bundle.categorical)
    store = bundle.table(FEATURES)
    found = baselines.run_baselines(
        bundle.table(OOF), applications, TINY, COSTS, None, 300, store, features, categorical
    )
    assert [r["name"] for r in found["rows"]] == NAMES


def test_clients_missing_from_the_validated_table_raise(
    bundle: Bundle, applications: pd.DataFrame
) -> None:
    with pytest.raises(BundleError, match="not in the validated application_train"):
        baselines.run_baselines(bundle.table(OOF), applications.iloc[10:], TINY, COSTS)


def test_report_shows_the_baselines_table(evaluation: dict) -> None:
    page = build_report_html(evaluation)
    section = page[page.index('<section id="baselines">') :]
    assert "<caption>Baselines on the model&#x27;s folds</caption>" in section
    for label in baselines.BASELINE_LABELS.values():
        assert f"<td>{label}</td>" in section


def test_report_says_when_the_baselines_use_a_sample(evaluation: dict) -> None:
    sampled = {**evaluation, "baselines": {**evaluation["baselines"], "is_sample": True}}
    assert "the plain CatBoost learns from fewer clients" in build_report_html(sampled)
