"""MLflow tracking and registry of `build`: the only module that imports mlflow.

Nothing here runs unless MLFLOW_TRACKING_URI is set. Usage telemetry is turned off before
mlflow is imported (MLFLOW_DISABLE_TELEMETRY and DO_NOT_TRACK, which MLflow 3 reads).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from model_training.bundle import EVALUATION_FILE, REPORT_FILE
from model_training.config import TrackingSettings
from model_training.errors import ModelTrainingError

if TYPE_CHECKING:
    from model_training.modeling.params import TrainingSettings
    from model_training.train import TrainReport

TELEMETRY_OFF = {"MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true"}
MODEL_ARTIFACT = "model"  # the bundle folder's place among the run's artifacts
BUNDLE_TAG = "bundle_version"
CHAMPION = "champion"  # the registry alias of the live bundle (CURRENT)
CHALLENGER = "challenger"  # the alias of the bundle scored in shadow (CHALLENGER)


def import_mlflow() -> ModuleType:
    """Turn MLflow's telemetry off, then import mlflow (and its pyfunc flavour)."""
    os.environ.update(TELEMETRY_OFF)
    with warnings.catch_warnings():  # MLflow's own type hints warn at import (UserWarning)
        warnings.simplefilter("ignore", UserWarning)
        import mlflow  # noqa: PLC0415 (slow: only when tracking)
        import mlflow.pyfunc  # noqa: PLC0415
    return mlflow


def log_build(tracking: TrackingSettings, training: TrainingSettings, trained: TrainReport) -> str:
    """Log a build's run (parameters, CV metrics, report, the bundle as the model) and
    register it as a new version of the named model; return that model version."""
    from dataclasses import asdict  # noqa: PLC0415

    mlflow = import_mlflow()
    mlflow.set_tracking_uri(tracking.tracking_uri)
    client = mlflow.MlflowClient()
    bundle_dir = trained.bundle_dir
    with mlflow.start_run(run_name=trained.version) as run:
        mlflow.log_params(asdict(training))
        mlflow.set_tag(BUNDLE_TAG, trained.version)
        mlflow.log_metrics(
            {
                "cv_auc_mean": trained.auc_mean,
                "cv_auc_std": trained.auc_std,
                "threshold": trained.threshold,
                "cost_at_threshold": trained.cost_at_threshold,
                "cost_at_half": trained.cost_at_half,
            }
        )
        for name in (REPORT_FILE, EVALUATION_FILE):
            if (bundle_dir / name).is_file():
                mlflow.log_artifact(str(bundle_dir / name))
        mlflow.log_artifacts(str(bundle_dir), artifact_path=MODEL_ARTIFACT)
        source = f"{run.info.artifact_uri}/{MODEL_ARTIFACT}"
    if client.search_registered_models(filter_string=f"name = '{tracking.model_name}'") == []:
        client.create_registered_model(tracking.model_name)
    version = client.create_model_version(
        tracking.model_name,
        source,
        run_id=run.info.run_id,
        tags={BUNDLE_TAG: trained.version},
        description=f"Bundle {trained.version}",
    )
    return str(version.version)


def _client(tracking: TrackingSettings) -> Any:
    """Return an MlflowClient of the tracking store (telemetry off)."""
    mlflow = import_mlflow()
    return mlflow.MlflowClient(tracking.tracking_uri)


def registered_version(tracking: TrackingSettings, bundle_version: str) -> str:
    """Return the registered model version of a bundle, or raise ModelTrainingError."""
    found = _client(tracking).search_model_versions(
        f"name = '{tracking.model_name}' and tags.{BUNDLE_TAG} = '{bundle_version}'"
    )
    if not found:
        raise ModelTrainingError(
            f"bundle {bundle_version} is not a version of the registered model "
            f"{tracking.model_name} in {tracking.tracking_uri}: nothing changed. Rebuild it with "
            "MLFLOW_TRACKING_URI set, or promote with MLFLOW_TRACKING_URI empty."
        )
    return str(max(int(v.version) for v in found))


def alias_setter(tracking: TrackingSettings, alias: str) -> Callable[[str], None]:
    """Return a function pointing ``alias`` at a bundle's registered version."""

    def set_alias(bundle_version: str) -> None:
        """Point the alias at the bundle's model version (raise when it is not registered)."""
        number = registered_version(tracking, bundle_version)
        _client(tracking).set_registered_model_alias(tracking.model_name, alias, number)

    return set_alias


def alias_version(tracking: TrackingSettings, alias: str) -> str | None:
    """Return the bundle version the alias points at (its model version's tag), or None."""
    mlflow = import_mlflow()
    try:
        version = _client(tracking).get_model_version_by_alias(tracking.model_name, alias)
    except mlflow.exceptions.MlflowException:
        return None
    return version.tags.get(BUNDLE_TAG)
