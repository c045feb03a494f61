"""Pure figure builders for the model's performance: cost, ROC, precision-recall, calibration.

Each ``make_<thing>_figure(data)`` takes the matching part of evaluation.json and returns a
Plotly figure; no I/O. Lines differ by dash and marker as well as colour (colour-blind safe).
"""

from __future__ import annotations

import plotly.graph_objects as go

from model_training.evaluate.report.style import (
    REPORT_LANG,
    apply_layout,
    report_number,
    report_percent,
)
from model_training.presentation import figures as shared
from model_training.presentation.theme import INK, NEUTRAL


def make_cost_figure(cost: dict) -> go.Figure:
    """Draw the cost per client against the threshold, the chosen threshold and 0.5 marked."""
    x, y, spread = cost["thresholds"], cost["cost_per_client"], cost["cost_fold_std"]
    half, chosen = (
        shared.Mark(
            cost[key]["threshold"],
            cost[key]["cost_per_client"],
            label,
            f"{label}: {cost[key]['threshold']:.3f} → {cost[key]['cost_per_client']:.3f}",
            colour=colour,
            symbol=symbol,
        )
        for key, label, colour, symbol in (
            ("half", "threshold 0.5", NEUTRAL, "square"),
            ("chosen", "chosen threshold", INK, "diamond"),
        )
    )
    band = shared.Band(
        [c - s for c, s in zip(y, spread, strict=True)],
        [c + s for c, s in zip(y, spread, strict=True)],
        "± 1 std over folds",
    )
    text = shared.CurveText(
        "cost per client (out of fold)",
        "",
        "threshold (refuse when probability ≥ threshold)",
        "cost",
    )
    figure = shared.make_cost_curve_figure(
        x, y, chosen, text, lang=REPORT_LANG, marks=[half], band=band
    )
    weights = cost["costs"]
    title = (
        f"Expected cost per client (missed default = {weights['false_negative']:g}, "
        f"wrongly refused = {weights['false_positive']:g})"
    )
    return apply_layout(figure, title, text.x_axis, text.y_axis)


def make_roc_figure(roc: dict) -> go.Figure:
    """Draw each fold's ROC curve, their mean with a ±1 std band, and the chance diagonal."""
    mean, std = roc["tpr_mean"], roc["tpr_std"]
    band = shared.Band(
        [max(0.0, m - s) for m, s in zip(mean, std, strict=True)],
        [min(1.0, m + s) for m, s in zip(mean, std, strict=True)],
        "± 1 std over folds",
    )
    text = shared.CurveText(
        f"mean ROC (AUC {roc['auc_mean']:.3f} ± {roc['auc_std']:.3f})",
        "chance (AUC 0.5)",
        "false positive rate (good clients refused)",
        "true positive rate (defaulters refused)",
    )
    folds = [(f"fold {f['fold']} (AUC {f['auc']:.3f})", f["tpr"]) for f in roc["folds"]]
    figure = shared.make_roc_figure(
        roc["fpr"], mean, text, lang=REPORT_LANG, folds=folds, band=band
    )
    return apply_layout(figure, "ROC curve, out of fold", text.x_axis, text.y_axis)


def make_precision_recall_figure(pr: dict) -> go.Figure:
    """Draw precision against recall of defaulters, beside the no-skill base rate."""
    figure = go.Figure(
        go.Scatter(
            x=pr["recall"],
            y=pr["precision"],
            mode="lines",
            line=shared.CURVE_LINE,
            name=f"model (average precision {pr['average_precision']:.3f})",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[pr["base_rate"]] * 2,
            mode="lines",
            line=shared.REFERENCE_LINE,
            name=f"no skill (default rate {pr['base_rate']:.3f})",
        )
    )
    return apply_layout(
        figure,
        "Precision-recall, out of fold",
        "recall (share of defaulters refused)",
        "precision (share of refused who default)",
    )


def make_calibration_figure(calibration: dict) -> go.Figure:
    """Draw observed default rate against mean predicted probability per bin."""
    bins = calibration["bins"]
    text = shared.CurveText(
        f"model (Brier {calibration['brier']:.4f})",
        "perfect calibration",
        "mean predicted probability of default",
        "observed default rate",
    )
    figure = shared.make_calibration_figure(
        [b["mean_predicted"] for b in bins],
        [b["observed_rate"] for b in bins],
        [b["n"] for b in bins],
        text,
        lang=REPORT_LANG,
    )
    return apply_layout(
        figure, "Calibration, out of fold (equal-count bins)", text.x_axis, text.y_axis
    )


def make_confusion_figure(confusion: dict) -> go.Figure:
    """Draw the confusion matrix at the threshold as an annotated grid of counts."""
    z = [[confusion["tn"], confusion["fp"]], [confusion["fn"], confusion["tp"]]]
    n = max(confusion["n"], 1)
    names = [["repaid, granted", "repaid, refused"], ["defaulted, granted", "defaulted, refused"]]
    text = [
        [
            f"{names[r][c]}<br>{report_number(z[r][c])} ({report_percent(z[r][c] / n)})"
            for c in range(2)
        ]
        for r in range(2)
    ]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=["granted", "refused"],
            y=["repaid", "defaulted"],
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hoverinfo="text",
        )
    )
    figure.update_yaxes(autorange="reversed")
    return apply_layout(
        figure,
        f"Decisions at threshold {confusion['threshold']:.3f}, out of fold",
        "decision",
        "outcome",
    )
