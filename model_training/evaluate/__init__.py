"""Stage `evaluate`: metrics, cost, fairness, drift, ablation, baselines and the HTML report."""

from model_training.evaluate.stage import EvaluationReport, evaluate

__all__ = ["EvaluationReport", "evaluate"]
