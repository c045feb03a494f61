"""Stage `evaluate`: measure the live bundle, write evaluation.json and report.html into it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from model_training.bundle import EVALUATION_FILE, REPORT_FILE, add_file, open_bundle
from model_training.evaluate.ablation import default_ablation_settings
from model_training.evaluate.evaluation import build_evaluation, evaluation_json
from model_training.evaluate.report.html import build_report_html
from model_training.modeling.params import TrainingSettings
from model_training.progress import stage_progress

FILE_MODE = 0o644
STEPS = ("metrics", "fairness", "drift", "baselines", "oracle", "report")


@dataclass(frozen=True)
class BaselineFigures:
    """One baseline row: its label, CV AUC and cost per client at its own threshold."""

    label: str
    auc_mean: float
    auc_std: float
    cost_mean: float
    cost_std: float

    def line(self) -> str:
        """Return the row as one aligned line of the summary."""
        return (
            f"{self.label:<42} AUC {self.auc_mean:.4f} ± {self.auc_std:.4f}, "
            f"cost {self.cost_mean:.4f} ± {self.cost_std:.4f}"
        )


@dataclass(frozen=True)
class EvaluationReport:
    """What `evaluate` measured and wrote: key figures and the two files."""

    version: str
    evaluation_path: Path
    report_path: Path
    auc_mean: float
    auc_std: float
    threshold: float
    cost_at_threshold: float
    cost_at_half: float
    brier: float
    worst_drift: tuple[str, float] | None
    ablation_auc: tuple[float, float]
    baselines: tuple[BaselineFigures, ...]
    oracle_test_auc: tuple[float, float] | None
    seconds: float

    def summary(self) -> str:
        """Return the human-readable outcome."""
        lines = [
            f"Evaluated bundle {self.version} in {self.seconds:.1f} s: CV AUC "
            f"{self.auc_mean:.4f} ± {self.auc_std:.4f}, Brier {self.brier:.4f}, threshold "
            f"{self.threshold:.4f}, cost per client {self.cost_at_threshold:.4f} "
            f"(at 0.5: {self.cost_at_half:.4f}).",
            f"Ablation CV AUC: application table only {self.ablation_auc[0]:.4f}, "
            f"all tables {self.ablation_auc[1]:.4f}.",
            "Baselines on the model's folds (CV AUC; cost per client at each one's own threshold):",
            *(f"  {row.line()}" for row in self.baselines),
        ]
        if self.worst_drift is not None:
            lines.append(f"Largest drift: {self.worst_drift[0]} (PSI {self.worst_drift[1]:.3f}).")
        if self.oracle_test_auc is not None:
            lines.append(
                f"Test clients: model AUC {self.oracle_test_auc[0]:.4f}, "
                f"oracle AUC {self.oracle_test_auc[1]:.4f}."
            )
        lines.append(f"Wrote {self.evaluation_path} and {self.report_path}")
        return "\n".join(lines)


def _report_of(evaluation: dict, paths: tuple[Path, Path], seconds: float) -> EvaluationReport:
    summary, drift, oracle = evaluation["summary"], evaluation["drift"], evaluation["oracle"]
    worst = drift["rows"][0] if drift["rows"] else None
    return EvaluationReport(
        version=evaluation["model_version"],
        evaluation_path=paths[0],
        report_path=paths[1],
        auc_mean=summary["auc"]["mean"],
        auc_std=summary["auc"]["std"],
        threshold=summary["threshold"],
        cost_at_threshold=summary["cost_at_threshold"]["mean"],
        cost_at_half=summary["cost_at_half"]["mean"],
        brier=summary["brier"],
        worst_drift=(worst["feature"], worst["psi"]) if worst else None,
        ablation_auc=(
            evaluation["ablation"]["application"]["auc_mean"],
            evaluation["ablation"]["all"]["auc_mean"],
        ),
        baselines=tuple(
            BaselineFigures(r["label"], r["auc_mean"], r["auc_std"], r["cost_mean"], r["cost_std"])
            for r in evaluation["baselines"]["rows"]
        ),
        oracle_test_auc=(
            (oracle["test"]["model_auc"], oracle["test"]["oracle_auc"])
            if oracle["available"]
            else None
        ),
        seconds=seconds,
    )


def evaluate(
    data_dir: Path,
    artifacts_dir: Path,
    *,
    show_progress: bool = True,
    ablation_settings: TrainingSettings | None = None,
) -> EvaluationReport:
    """Evaluate the live bundle of ``artifacts_dir`` and add its evaluation and HTML report.

    ``data_dir`` gives the validated application table (gender and age for fairness, the raw
    columns for the baselines) and, on generated data, the true probabilities.
    ``ablation_settings`` defaults to the bundle's training settings with 3 folds and at most
    its final iterations; the baselines use the bundle's settings as they are.
    """
    started = time.perf_counter()
    bundle = open_bundle(artifacts_dir)
    settings = ablation_settings or default_ablation_settings(bundle.metadata.training)
    model_settings = bundle.metadata.training.settings
    n_baseline_folds = model_settings.n_folds * (2 if model_settings.is_monotone else 1)
    with stage_progress(show_progress) as progress:
        total = len(STEPS) + 2 * settings.n_folds + n_baseline_folds
        task = progress.add_task("evaluation", total=total)
        evaluation = build_evaluation(bundle, data_dir, settings, lambda _: progress.advance(task))
        text = evaluation_json(evaluation)
        page = build_report_html(json.loads(text))
        progress.advance(task)
    evaluation_path = add_file(bundle.path, EVALUATION_FILE, text)
    report_path = add_file(bundle.path, REPORT_FILE, page)
    for path in (evaluation_path, report_path):
        path.chmod(FILE_MODE)  # add_file's temporary file is private; the API must read it
    return _report_of(evaluation, (evaluation_path, report_path), time.perf_counter() - started)
