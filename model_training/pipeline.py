"""Stage `build`: validate, features, train and evaluate in one go, then a final summary."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from model_training.config import TrackingSettings
from model_training.modeling.params import TrainingSettings

STAGES = ("validate", "features", "train", "evaluate")


class StageReport(Protocol):
    """What every stage returns: a report that sums itself up."""

    def summary(self) -> str:
        """Return the stage's summary."""


Report = TypeVar("Report", bound=StageReport)


@dataclass
class BuildReport:
    """Each stage's summary and the figures that matter at the end."""

    stage_summaries: dict[str, str] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    final: str = ""

    def summary(self) -> str:
        """Return every stage's summary, then the final figures."""
        parts = [f"[{name}] {text}" for name, text in self.stage_summaries.items()]
        timing = ", ".join(f"{k} {v:.0f} s" for k, v in self.stage_seconds.items())
        return "\n".join([*parts, f"Stages: {timing}.", self.final])


def build(
    data_dir: Path,
    artifacts_dir: Path,
    settings: TrainingSettings | None = None,
    *,
    show_progress: bool = True,
) -> BuildReport:
    """Run every stage in order; a failing stage stops the build and leaves the live bundle."""
    from model_training.data.loader import validate_data_dir  # noqa: PLC0415 (heavy imports)
    from model_training.evaluate import evaluate  # noqa: PLC0415
    from model_training.features import build_features  # noqa: PLC0415
    from model_training.train import train  # noqa: PLC0415

    report = BuildReport()
    _run_stage(report, "validate", lambda: validate_data_dir(data_dir), show_progress)
    _run_stage(
        report,
        "features",
        lambda: build_features(data_dir, show_progress=show_progress),
        show_progress,
    )
    trained = _run_stage(
        report,
        "train",
        lambda: train(data_dir, artifacts_dir, settings, show_progress=show_progress),
        show_progress,
    )
    _run_stage(
        report,
        "evaluate",
        lambda: evaluate(data_dir, artifacts_dir, show_progress=show_progress),
        show_progress,
    )
    tracking = TrackingSettings.from_env()
    registered = ""
    if tracking.is_enabled:  # mlflow is imported only then (model_training.tracking)
        from model_training.tracking import log_build  # noqa: PLC0415

        used = settings or TrainingSettings.from_env()
        number = log_build(tracking, used, trained)
        registered = f" MLflow: {tracking.model_name} version {number}."
    report.final = (
        f"Model {trained.version}: CV AUC {trained.auc_mean:.4f} ± {trained.auc_std:.4f}, "
        f"threshold {trained.threshold:.4f}, cost per client {trained.cost_at_threshold:.4f} "
        f"(at 0.5: {trained.cost_at_half:.4f}). Live bundle: {trained.bundle_dir}{registered}"
    )
    return report


def _run_stage(
    report: BuildReport, name: str, run: Callable[[], Report], show_progress: bool
) -> Report:
    """Run one stage, recording its time and summary in ``report``; return its own report."""
    if show_progress:
        print(f"== stage {STAGES.index(name) + 1}/{len(STAGES)}: {name}", flush=True)
    started = time.perf_counter()
    outcome = run()
    report.stage_seconds[name] = time.perf_counter() - started
    report.stage_summaries[name] = outcome.summary()
    return outcome
