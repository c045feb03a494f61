"""Training end to end on small generated data: the bundle, its numbers, its safety."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from model_training.bundle import current_version, open_bundle
from model_training.data.loader import validate_data_dir
from model_training.data.synth import generate_dataset
from model_training.feature_set import load_feature_set
from model_training.features import build_features
from model_training.modeling.cv import cross_validate
from model_training.modeling.decision import choose_threshold
from model_training.modeling.model_input import predict_probability, shap_values, to_model_input
from model_training.modeling.params import TrainingSettings
from model_training.modeling.points import PointsScale
from model_training.score import write_submission
from model_training.train import train

FAST = TrainingSettings(n_folds=3, iterations=40, learning_rate=0.1, depth=4)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small dataset, validated and with features (never modified by tests)."""
    out = tmp_path_factory.mktemp("train_data")
    generate_dataset(1200, out, seed=21, show_progress=False)
    validate_data_dir(out)
    build_features(out, show_progress=False)
    return out


@pytest.fixture(scope="module")
def artifacts(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an artifacts folder with one trained, live bundle."""
    out = tmp_path_factory.mktemp("artifacts")
    train(data_dir, out, FAST, show_progress=False)
    return out


def test_current_names_a_complete_bundle(artifacts: Path) -> None:
    bundle = open_bundle(artifacts)
    assert current_version(artifacts) == bundle.version
    for name in (
        "model.cbm",
        "metadata.json",
        "scores.parquet",
        "features.parquet",
        "explanations.parquet",
        "importance.parquet",
        "oof.parquet",
        "peers.parquet",
        "applications.parquet",
    ):
        assert (bundle.path / name).exists(), name


def test_every_client_is_scored_once_with_consistent_numbers(
    artifacts: Path, data_dir: Path
) -> None:
    bundle = open_bundle(artifacts)
    scores = bundle.table("scores")
    features = load_feature_set(data_dir)
    assert scores["SK_ID_CURR"].tolist() == features.frame["SK_ID_CURR"].tolist()
    threshold = bundle.metadata.threshold
    refused = scores["probability"] >= threshold
    assert (scores["decision"][~refused] == "granted").all()
    assert scores["decision"][refused].isin(["refused", "referred"]).all()
    np.testing.assert_allclose(scores["score"], PointsScale().score(scores["probability"]))
    np.testing.assert_allclose(scores["probability"], 1 / (1 + np.exp(-scores["log_odds"])))


def test_stored_explanations_sum_to_the_model_output(artifacts: Path) -> None:
    bundle = open_bundle(artifacts)
    explanations = bundle.table("explanations")
    scores = bundle.table("scores")
    shap_columns = [c for c in explanations.columns if c.startswith("shap_")]
    total = bundle.metadata.base_value + explanations[shap_columns].sum(axis=1)
    np.testing.assert_allclose(total, scores["log_odds"], atol=1e-6)


def test_model_predictions_match_the_stored_scores(artifacts: Path, data_dir: Path) -> None:
    bundle = open_bundle(artifacts)
    features = load_feature_set(data_dir)
    x = to_model_input(features.frame.head(50), features.features, features.categorical)
    np.testing.assert_allclose(
        bundle.model.predict_proba(x)[:, 1], bundle.table("scores")["probability"].head(50)
    )


def test_threshold_minimises_cost_on_out_of_fold_predictions(artifacts: Path) -> None:
    bundle = open_bundle(artifacts)
    oof = bundle.table("oof")
    expected = choose_threshold(oof["TARGET"].to_numpy(), oof["oof_probability"].to_numpy(), 10, 1)
    assert bundle.metadata.threshold == pytest.approx(expected)
    costs = bundle.metadata.metrics.cost_per_client
    assert costs.threshold.mean <= costs.half.mean
    assert len(costs.threshold.folds) == FAST.n_folds


def test_cross_validated_auc_beats_chance(artifacts: Path) -> None:
    metrics = open_bundle(artifacts).metadata.metrics
    assert metrics.cv_auc_mean > 0.65
    assert 0 < metrics.oof_brier < 0.1


def test_a_shuffled_target_gives_chance_auc(data_dir: Path) -> None:
    features = load_feature_set(data_dir)
    train_rows = features.train
    y = np.random.default_rng(0).permutation(train_rows["TARGET"].to_numpy().astype(int))
    x = to_model_input(train_rows, features.features, features.categorical)
    cv = cross_validate(x, y, features.categorical, FAST)
    assert abs(roc_auc_score(y, cv.oof_probability) - 0.5) < 0.08


def test_submission_has_kaggle_format_and_every_test_client_once(
    artifacts: Path, data_dir: Path, tmp_path: Path
) -> None:
    path, n_rows = write_submission(artifacts, tmp_path / "submission.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"SK_ID_CURR,TARGET\r\n")
    submission = pd.read_csv(path)
    test_ids = pd.read_parquet(data_dir / "validated" / "application_test.parquet")["SK_ID_CURR"]
    assert n_rows == len(test_ids)
    assert submission["SK_ID_CURR"].tolist() == sorted(test_ids)
    assert submission["TARGET"].between(0, 1, inclusive="neither").all()


def test_a_killed_build_leaves_the_live_bundle_untouched(
    artifacts: Path, data_dir: Path, tmp_path: Path
) -> None:
    live = tmp_path / "artifacts"
    shutil.copytree(artifacts, live)
    data_copy = tmp_path / "data"
    shutil.copytree(data_dir, data_copy)
    before = current_version(live)
    command = [
        sys.executable,
        "-m",
        "model_training",
        "build",
        "--data-dir",
        str(data_copy),
        "--artifacts-dir",
        str(live),
        "--iterations",
        "100000",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(8)  # validate and features take a few seconds: it dies while training
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert current_version(live) == before
    assert open_bundle(live).version == before
    assert sorted(p.name for p in live.iterdir() if not p.name.startswith(".")) == sorted(
        p.name for p in artifacts.iterdir() if not p.name.startswith(".")
    )


def test_fast_one_row_path_gives_the_stored_numbers(artifacts: Path, data_dir: Path) -> None:
    bundle = open_bundle(artifacts)
    features = load_feature_set(data_dir)
    x = to_model_input(features.frame.head(3), features.features, features.categorical)
    stored = bundle.table("scores").head(3)
    probability = predict_probability(bundle.model, x, features.categorical)
    np.testing.assert_allclose(probability, stored["probability"], rtol=1e-9)
    base, contributions = shap_values(bundle.model, x, features.categorical)
    np.testing.assert_allclose(base + contributions.sum(axis=1), stored["log_odds"], atol=1e-9)


def test_bundle_holds_the_fields_shown_to_people_without_protected_ones(
    artifacts: Path, data_dir: Path
) -> None:
    applications = open_bundle(artifacts).table("applications")
    scores = open_bundle(artifacts).table("scores")
    assert applications["SK_ID_CURR"].tolist() == scores["SK_ID_CURR"].tolist()
    assert "CODE_GENDER" not in applications.columns
    assert "TARGET" not in applications.columns
    assert {"AMT_CREDIT", "AMT_INCOME_TOTAL", "DAYS_BIRTH"} <= set(applications.columns)
