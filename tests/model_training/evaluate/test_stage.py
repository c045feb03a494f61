"""`evaluate` end to end on a small trained bundle: evaluation.json and a self-contained report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from model_training.bundle import EVALUATION_FILE, REPORT_FILE, open_bundle
from model_training.data.loader import validate_data_dir
from model_training.data.synth import generate_dataset
from model_training.evaluate import EvaluationReport, evaluate
from model_training.features import build_features
from model_training.modeling.params import TrainingSettings
from model_training.train import train

FAST = TrainingSettings(n_folds=3, iterations=30, learning_rate=0.2, depth=4)
ABLATION = TrainingSettings(n_folds=2, iterations=20, learning_rate=0.2, depth=3)
EXPECTED_KEYS = {
    "schema_version", "model_version", "data_fingerprint", "created", "summary", "cost_curve",
    "roc", "precision_recall", "calibration", "confusion_matrix", "fairness", "drift",
    "ablation", "baselines", "oracle", "importance",
}  # fmt: skip


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EvaluationReport]:
    """Return the artifacts folder of a small trained bundle, and its evaluation."""
    data_dir = tmp_path_factory.mktemp("evaluate_data")
    generate_dataset(800, data_dir, seed=5, file_format="parquet", show_progress=False)
    validate_data_dir(data_dir, show_progress=False)
    build_features(data_dir, show_progress=False)
    artifacts = data_dir / "artifacts"
    train(data_dir, artifacts, FAST, show_progress=False)
    report = evaluate(data_dir, artifacts, show_progress=False, ablation_settings=ABLATION)
    return artifacts, report


@pytest.fixture(scope="module")
def evaluation(evaluated: tuple[Path, EvaluationReport]) -> dict:
    """Return the evaluation.json written into the bundle."""
    return json.loads(evaluated[1].evaluation_path.read_text(encoding="utf-8"))


def test_evaluation_and_report_are_written_into_the_live_bundle(
    evaluated: tuple[Path, EvaluationReport],
) -> None:
    artifacts, report = evaluated
    bundle = open_bundle(artifacts)
    assert report.evaluation_path == bundle.path / EVALUATION_FILE
    assert report.report_path == bundle.path / REPORT_FILE
    assert report.version == bundle.version
    assert report.report_path.stat().st_mode & 0o044 == 0o044  # readable by the API's user


def test_evaluation_json_holds_every_section(evaluation: dict) -> None:
    assert set(evaluation) == EXPECTED_KEYS
    assert evaluation["oracle"]["available"] is True
    assert {r["attribute"] for r in evaluation["fairness"]["rows"]} == {"gender", "age band"}


def test_summary_agrees_with_the_bundle_metadata(
    evaluated: tuple[Path, EvaluationReport], evaluation: dict
) -> None:
    metadata = open_bundle(evaluated[0]).metadata
    summary = evaluation["summary"]
    assert summary["threshold"] == metadata.threshold
    assert summary["auc"]["mean"] == metadata.metrics.cv_auc_mean
    assert summary["brier"] == pytest.approx(metadata.metrics.oof_brier)
    assert evaluation["roc"]["auc_mean"] == pytest.approx(metadata.metrics.cv_auc_mean)
    chosen = evaluation["cost_curve"]["chosen"]["cost_per_client"]
    costs = metadata.metrics.cost_per_client.threshold.folds
    assert chosen == pytest.approx(sum(costs) / len(costs), abs=0.01)


def test_ablation_compares_fewer_application_features_with_all(evaluation: dict) -> None:
    ablation = evaluation["ablation"]
    assert 0 < ablation["application"]["n_features"] < ablation["all"]["n_features"]
    assert ablation["settings"]["n_folds"] == 2
    assert len(ablation["all"]["fold_auc"]) == 2


def test_drift_is_sorted_worst_first(evaluation: dict) -> None:
    values = [r["psi"] for r in evaluation["drift"]["rows"]]
    assert values == sorted(values, reverse=True)


def test_report_is_self_contained(evaluated: tuple[Path, EvaluationReport]) -> None:
    page = evaluated[1].report_path.read_text(encoding="utf-8")
    assert re.search(r"<script[^>]*\bsrc=", page) is None
    assert re.search(r"<link[^>]*\bhref=[\"']https?://", page) is None
    assert page.count("Plotly.newPlot") >= 9


def test_report_names_the_version_and_explains_each_figure(
    evaluated: tuple[Path, EvaluationReport],
) -> None:
    page = evaluated[1].report_path.read_text(encoding="utf-8")
    assert evaluated[1].version in page
    assert page.count('role="img" aria-label="') == page.count("<figure>") >= 9
    assert "CODE_GENDER is not a model input" in page


def test_summary_says_what_was_written(evaluated: tuple[Path, EvaluationReport]) -> None:
    text = evaluated[1].summary()
    assert str(evaluated[1].report_path) in text
    assert "oracle AUC" in text


def test_summary_gives_each_baseline_its_auc_and_cost(
    evaluated: tuple[Path, EvaluationReport],
) -> None:
    lines = evaluated[1].summary().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Baselines"))
    rows = lines[start + 1 : start + 6]
    assert [row.split(" AUC ")[0].strip() for row in rows] == [
        "prior (default rate for everyone)",
        "mean of the external scores",
        "CatBoost on the raw application columns",
        "full model without monotone constraints",
        "full model (all features)",
    ]
    assert all(", cost " in row for row in rows)
