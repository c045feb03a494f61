"""MLflow tracking of `build`: a run logged and a model version registered in a SQLite store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model_training.bundle import CHALLENGER_FILE, challenger_version, current_version
from model_training.cli import main as model_training_cli
from model_training.config import TrackingSettings
from model_training.modeling.params import TrainingSettings
from model_training.tracking import (
    BUNDLE_TAG,
    CHALLENGER,
    CHAMPION,
    MODEL_ARTIFACT,
    alias_version,
    import_mlflow,
    log_build,
    registered_version,
)
from model_training.train import TrainReport
from tests.model_training.bundle.breakages import copy_bundle


def test_build_imports_no_mlflow_without_a_tracking_uri() -> None:
    code = "import sys, model_training.pipeline, model_training.cli; print('mlflow' in sys.modules)"
    env = {"PATH": "/usr/bin:/bin", "MLFLOW_TRACKING_URI": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "False"


def test_settings_read_the_environment(monkeypatch) -> None:
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    monkeypatch.delenv("MLFLOW_MODEL_NAME", raising=False)
    assert TrackingSettings.from_env() == TrackingSettings("", "pret-a-depenser-scoring")
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "sqlite:////tmp/x.db")
    monkeypatch.setenv("MLFLOW_MODEL_NAME", "other")
    assert TrackingSettings.from_env() == TrackingSettings("sqlite:////tmp/x.db", "other")


# MLflow 3.18's SQLAlchemy store uses the deprecated ``noload`` strategy (its code, not ours).
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SADeprecationWarning")
def test_log_build_logs_the_run_and_registers_the_bundle(data_dir: Path, tmp_path: Path) -> None:
    artifacts = data_dir / "artifacts"
    version = str(current_version(artifacts))
    bundle_dir = tmp_path / version
    shutil.copytree(artifacts / version, bundle_dir)
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    tracking = TrackingSettings(uri, "test-scoring")
    trained = TrainReport(bundle_dir, version, 0.75, 0.02, 0.12, 0.58, 0.88, 1.0)
    training = TrainingSettings()
    mlflow = import_mlflow()
    mlflow.set_tracking_uri(uri)
    mlflow.MlflowClient(uri).create_experiment("tests", (tmp_path / "runs").as_uri())
    mlflow.set_experiment("tests")  # artifacts in tmp_path, not ./mlruns
    assert log_build(tracking, training, trained) == "1"
    assert log_build(tracking, training, trained) == "2"
    client = mlflow.MlflowClient(uri)
    model_version = client.get_model_version("test-scoring", "1")
    assert model_version.tags[BUNDLE_TAG] == version
    run = client.get_run(model_version.run_id)
    assert run.data.metrics["cv_auc_mean"] == 0.75
    assert run.data.metrics["cv_auc_std"] == 0.02
    assert run.data.params["iterations"] == str(training.iterations)
    logged = {item.path for item in client.list_artifacts(run.info.run_id)}
    assert {"report.html", "evaluation.json", MODEL_ARTIFACT} <= logged
    loaded = mlflow.pyfunc.load_model("models:/test-scoring/1")
    assert loaded.metadata.flavors["python_function"]["loader_module"] == "scoring_api.mlflow_model"


@pytest.fixture
def registry(
    data_dir: Path, tmp_path: Path, monkeypatch
) -> tuple[Path, list[str], TrackingSettings]:
    """Return artifacts with three bundles (the first two registered, the first live)."""
    artifacts = tmp_path / "artifacts"
    live = str(current_version(data_dir / "artifacts"))
    versions = [f"{live}-a", f"{live}-b", f"{live}-c"]
    for version in versions:
        copy_bundle(data_dir / "artifacts" / live, artifacts / version)
    (artifacts / "CURRENT").write_text(versions[0] + "\n", encoding="utf-8")
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    tracking = TrackingSettings(uri, "test-aliases")
    mlflow = import_mlflow()
    mlflow.set_tracking_uri(uri)
    mlflow.MlflowClient(uri).create_experiment("aliases", (tmp_path / "runs").as_uri())
    mlflow.set_experiment("aliases")
    for version in versions[:2]:
        trained = TrainReport(artifacts / version, version, 0.7, 0.01, 0.1, 0.5, 0.9, 1.0)
        log_build(tracking, TrainingSettings(), trained)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    monkeypatch.setenv("MLFLOW_MODEL_NAME", tracking.model_name)
    return artifacts, versions, tracking


def _promote(artifacts: Path, *args: str) -> int:
    """Run ``promote`` on the artifacts folder."""
    return model_training_cli(["promote", "--artifacts-dir", str(artifacts), *args])


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SADeprecationWarning")
def test_champion_alias_and_current_agree_after_promote_and_rollback(registry) -> None:
    artifacts, versions, tracking = registry
    assert _promote(artifacts, "--version", versions[1]) == 0
    assert current_version(artifacts) == versions[1]
    assert alias_version(tracking, CHAMPION) == versions[1]
    assert registered_version(tracking, versions[1]) == "2"
    assert _promote(artifacts, "--rollback") == 0
    assert current_version(artifacts) == versions[0]
    assert alias_version(tracking, CHAMPION) == versions[0]


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SADeprecationWarning")
def test_a_failing_registry_call_leaves_current_unchanged(registry, capsys) -> None:
    artifacts, versions, tracking = registry
    assert _promote(artifacts, "--version", versions[2]) == 2  # never registered
    assert "is not a version of the registered model" in capsys.readouterr().err
    assert current_version(artifacts) == versions[0]
    assert alias_version(tracking, CHAMPION) is None  # never set: nothing changed


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SADeprecationWarning")
def test_challenger_sets_its_alias_and_file_beside_current(registry) -> None:
    artifacts, versions, tracking = registry
    assert _promote(artifacts, "--version", versions[1], "--challenger") == 0
    assert challenger_version(artifacts) == versions[1]
    assert (artifacts / CHALLENGER_FILE).read_text(encoding="utf-8") == versions[1] + "\n"
    assert alias_version(tracking, CHALLENGER) == versions[1]
    assert current_version(artifacts) == versions[0]  # the champion is untouched
