"""Stage `evaluate`: metrics, cost, fairness, drift, ablation, baselines and the HTML report."""

from model_training.evaluate.stage import EVALUATION_FILE, REPORT_FILE, EvaluationReport, evaluate

__all__ = ["EVALUATION_FILE", "REPORT_FILE", "EvaluationReport", "evaluate"]
