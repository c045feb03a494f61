"""Figure builders return figures with the expected traces and values (no I/O)."""

from __future__ import annotations

import plotly.graph_objects as go

from model_training.evaluate.report import figures, population_figures
from model_training.evaluate.report.text import describe_oracle

COST = {
    "thresholds": [0.0, 0.2, 0.5, 1.0],
    "cost_per_client": [0.9, 0.4, 0.7, 0.8],
    "cost_fold_std": [0.0, 0.05, 0.1, 0.0],
    "chosen": {"threshold": 0.2, "cost_per_client": 0.4},
    "half": {"threshold": 0.5, "cost_per_client": 0.7},
    "costs": {"false_negative": 10.0, "false_positive": 1.0},
}
ROC = {
    "fpr": [0.0, 0.5, 1.0],
    "tpr_mean": [0.0, 0.8, 1.0],
    "tpr_std": [0.0, 0.1, 0.0],
    "folds": [
        {"fold": 0, "auc": 0.8, "tpr": [0.0, 0.7, 1.0]},
        {"fold": 1, "auc": 0.9, "tpr": [0.0, 0.9, 1.0]},
    ],
    "auc_mean": 0.85,
    "auc_std": 0.05,
}  # fmt: skip
FAIRNESS = [
    {"attribute": "gender", "group": "F", "n": 10, "approval_rate": 0.8,
     "true_positive_rate": 0.5, "false_positive_rate": 0.1},
    {"attribute": "gender", "group": "M", "n": 12, "approval_rate": 0.7,
     "true_positive_rate": 0.6, "false_positive_rate": None},
    {"attribute": "age band", "group": "30-40", "n": 22, "approval_rate": 0.75,
     "true_positive_rate": 0.55, "false_positive_rate": 0.15},
]  # fmt: skip


def _trace(figure: go.Figure, name: str) -> go.BaseTraceType:
    return next(t for t in figure.data if t.name == name)


def test_cost_figure_marks_the_chosen_threshold_and_half() -> None:
    figure = figures.make_cost_figure(COST)
    line = _trace(figure, "cost per client (out of fold)")
    assert list(line.y) == [0.9, 0.4, 0.7, 0.8]
    assert _trace(figure, "chosen threshold").x == (0.2,)
    assert _trace(figure, "threshold 0.5").y == (0.7,)
    assert "missed default = 10" in figure.layout.title.text


def test_roc_figure_has_each_fold_the_mean_and_chance() -> None:
    figure = figures.make_roc_figure(ROC)
    names = [t.name for t in figure.data]
    assert "fold 0 (AUC 0.800)" in names
    assert "fold 1 (AUC 0.900)" in names
    assert list(_trace(figure, "mean ROC (AUC 0.850 ± 0.050)").y) == [0.0, 0.8, 1.0]
    assert list(_trace(figure, "chance (AUC 0.5)").x) == [0, 1]


def test_precision_recall_figure_draws_the_base_rate() -> None:
    data = {"recall": [1.0, 0.0], "precision": [0.1, 1.0], "average_precision": 0.3,
            "base_rate": 0.1}  # fmt: skip
    figure = figures.make_precision_recall_figure(data)
    assert list(_trace(figure, "no skill (default rate 0.100)").y) == [0.1, 0.1]


def test_calibration_figure_plots_observed_against_predicted() -> None:
    data = {
        "bins": [{"mean_predicted": 0.1, "observed_rate": 0.12, "n": 5},
                 {"mean_predicted": 0.4, "observed_rate": 0.35, "n": 5}],
        "brier": 0.05,
        "brier_reference": 0.07,
    }  # fmt: skip
    model = _trace(figures.make_calibration_figure(data), "model (Brier 0.0500)")
    assert (list(model.x), list(model.y)) == ([0.1, 0.4], [0.12, 0.35])


def test_confusion_figure_places_counts_by_outcome_and_decision() -> None:
    data = {"threshold": 0.3, "tn": 50, "fp": 10, "fn": 5, "tp": 35, "n": 100}
    heatmap = figures.make_confusion_figure(data).data[0]
    assert [list(row) for row in heatmap.z] == [[50, 10], [5, 35]]
    assert heatmap.text[1][1] == "defaulted, refused<br>35 (35.0%)"


def test_fairness_figure_has_one_panel_per_attribute_and_three_rates() -> None:
    figure = population_figures.make_fairness_figure(FAIRNESS)
    assert [a.text for a in figure.layout.annotations] == ["by gender", "by age band"]
    approval = [t for t in figure.data if t.name == "approval rate"]
    assert [list(t.y) for t in approval] == [[0.8, 0.7], [0.75]]
    false_positive = _trace(figure, "good clients refused (FPR)")
    assert list(false_positive.text) == ["10%", "n/a"]


def test_drift_figure_shows_the_worst_features_on_top() -> None:
    drift = {
        "rows": [{"feature": "A", "psi": 0.3, "reading": "significant"},
                 {"feature": "B", "psi": 0.05, "reading": "stable"}],
        "thresholds": {"moderate": 0.1, "significant": 0.25},
    }  # fmt: skip
    figure = population_figures.make_drift_figure(drift)
    bars = figure.data[0]
    assert (list(bars.y), list(bars.x)) == (["B", "A"], [0.05, 0.3])
    assert sorted(shape.x0 for shape in figure.layout.shapes) == [0.1, 0.25]


def test_ablation_figure_compares_application_and_all() -> None:
    data = {
        "application": {"n_features": 100, "auc_mean": 0.74, "auc_std": 0.01},
        "all": {"n_features": 200, "auc_mean": 0.78, "auc_std": 0.02},
    }
    bars = population_figures.make_ablation_figure(data).data[0]
    assert list(bars.y) == [0.74, 0.78]
    assert list(bars.error_y.array) == [0.01, 0.02]
    assert bars.x[0] == "application table only (100 features)"


def test_baselines_figure_draws_auc_and_cost_with_their_spread() -> None:
    rows = [
        {"name": name, "label": name, "auc_mean": auc, "auc_std": 0.01, "cost_mean": cost,
         "cost_std": 0.02}
        for name, auc, cost in (
            ("prior", 0.5, 0.9), ("external_scores", 0.7, 0.6),
            ("raw_catboost", 0.74, 0.55), ("model", 0.8, 0.47),
        )
    ]  # fmt: skip
    auc, cost = population_figures.make_baselines_figure({"rows": rows}).data
    assert list(auc.x) == ["prior", "external scores", "raw CatBoost", "full model"]
    assert (list(auc.y), list(cost.y)) == ([0.5, 0.7, 0.74, 0.8], [0.9, 0.6, 0.55, 0.47])
    assert list(cost.error_y.array) == [0.02] * 4


def test_oracle_figure_puts_model_beside_oracle() -> None:
    data = {
        "available": True,
        "test": {"model_auc": 0.79, "oracle_auc": 0.83},
        "train_oof": {"model_auc": 0.78, "oracle_auc": 0.82},
    }
    figure = population_figures.make_oracle_figure(data)
    assert list(_trace(figure, "model").y) == [0.79, 0.78]
    assert list(_trace(figure, "oracle (true probabilities)").y) == [0.83, 0.82]


def test_oracle_figure_and_text_without_test_clients() -> None:
    data = {
        "available": True,
        "test": {"n": 0, "model_auc": None, "oracle_auc": None},
        "train_oof": {"n": 900, "model_auc": 0.78, "oracle_auc": 0.82},
    }
    figure = population_figures.make_oracle_figure(data)
    assert list(_trace(figure, "model").text) == ["none", "0.780"]
    assert describe_oracle(data) == (
        "No test clients to compare: on train clients (out of fold) the model reaches AUC "
        "0.780 where the true probabilities reach 0.820."
    )


def test_importance_figure_uses_labels_most_important_on_top() -> None:
    rows = [
        {"feature": "EXT_SOURCE_3", "label": "External score 3", "mean_abs_shap": 0.4},
        {"feature": "AMT_CREDIT", "label": "Credit amount", "mean_abs_shap": 0.1},
    ]
    figure = population_figures.make_importance_figure(rows)
    bars = figure.data[0]
    assert list(bars.y) == ["External score 3", "Credit amount"]  # the first drawn on top
    assert figure.layout.yaxis.autorange == "reversed"
    assert list(bars.customdata) == ["EXT_SOURCE_3", "AMT_CREDIT"]
