"""Pure figure builders for the model's performance: cost, ROC, precision-recall, calibration.

Each ``make_<thing>_figure(data)`` takes the matching part of evaluation.json and returns a
Plotly figure; no I/O. Lines differ by dash and marker as well as colour (colour-blind safe).
"""

from __future__ import annotations

import plotly.graph_objects as go

from model_training.evaluate.report.style import BAND, BLUE, GREY, ORANGE, SKY, apply_layout


def _band(x: list[float], low: list[float], high: list[float], name: str) -> list[go.Scatter]:
    """Return two traces drawing a shaded band between ``low`` and ``high``."""
    return [
        go.Scatter(
            x=x,
            y=high,
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            name=f"{name} upper",
        ),
        go.Scatter(
            x=x,
            y=low,
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=BAND,
            hoverinfo="skip",
            name=name,
        ),
    ]


def make_cost_figure(cost: dict) -> go.Figure:
    """Draw the cost per client against the threshold, the chosen threshold and 0.5 marked."""
    x, y, spread = cost["thresholds"], cost["cost_per_client"], cost["cost_fold_std"]
    low = [c - s for c, s in zip(y, spread, strict=True)]
    high = [c + s for c, s in zip(y, spread, strict=True)]
    figure = go.Figure(_band(x, low, high, "± 1 std over folds"))
    figure.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name="cost per client (out of fold)",
            line={"color": BLUE, "width": 2},
        )
    )
    for key, label, colour, symbol in (
        ("chosen", "chosen threshold", ORANGE, "diamond"),
        ("half", "threshold 0.5", GREY, "square"),
    ):
        point = cost[key]
        figure.add_trace(
            go.Scatter(
                x=[point["threshold"]],
                y=[point["cost_per_client"]],
                mode="markers+text",
                marker={"color": colour, "size": 12, "symbol": symbol},
                text=[f"{label}: {point['threshold']:.3f} → {point['cost_per_client']:.3f}"],
                textposition="top right",
                name=label,
            )
        )
    weights = cost["costs"]
    title = (
        f"Expected cost per client (missed default = {weights['false_negative']:g}, "
        f"wrongly refused = {weights['false_positive']:g})"
    )
    return apply_layout(figure, title, "threshold (refuse when probability ≥ threshold)", "cost")


def make_roc_figure(roc: dict) -> go.Figure:
    """Draw each fold's ROC curve, their mean with a ±1 std band, and the chance diagonal."""
    fpr = roc["fpr"]
    figure = go.Figure()
    for fold in roc["folds"]:
        figure.add_trace(
            go.Scatter(
                x=fpr,
                y=fold["tpr"],
                mode="lines",
                opacity=0.5,
                line={"color": SKY, "width": 1, "dash": "dot"},
                name=f"fold {fold['fold']} (AUC {fold['auc']:.3f})",
            )
        )
    low = [max(0.0, m - s) for m, s in zip(roc["tpr_mean"], roc["tpr_std"], strict=True)]
    high = [min(1.0, m + s) for m, s in zip(roc["tpr_mean"], roc["tpr_std"], strict=True)]
    figure.add_traces(_band(fpr, low, high, "± 1 std over folds"))
    figure.add_trace(
        go.Scatter(
            x=fpr,
            y=roc["tpr_mean"],
            mode="lines",
            line={"color": BLUE, "width": 3},
            name=f"mean ROC (AUC {roc['auc_mean']:.3f} ± {roc['auc_std']:.3f})",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name="chance (AUC 0.5)",
            line={"color": GREY, "dash": "dash"},
        )
    )
    return apply_layout(
        figure,
        "ROC curve, out of fold",
        "false positive rate (good clients refused)",
        "true positive rate (defaulters refused)",
    )


def make_precision_recall_figure(pr: dict) -> go.Figure:
    """Draw precision against recall of defaulters, beside the no-skill base rate."""
    figure = go.Figure(
        go.Scatter(
            x=pr["recall"],
            y=pr["precision"],
            mode="lines",
            line={"color": BLUE, "width": 2},
            name=f"model (average precision {pr['average_precision']:.3f})",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[pr["base_rate"]] * 2,
            mode="lines",
            line={"color": GREY, "dash": "dash"},
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
    predicted = [b["mean_predicted"] for b in bins]
    observed = [b["observed_rate"] for b in bins]
    top = max([*predicted, *observed, 0.01]) * 1.05
    figure = go.Figure(
        go.Scatter(
            x=[0, top],
            y=[0, top],
            mode="lines",
            line={"color": GREY, "dash": "dash"},
            name="perfect calibration",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=predicted,
            y=observed,
            mode="lines+markers",
            marker={"color": BLUE, "size": 9, "symbol": "circle"},
            line={"color": BLUE},
            customdata=[b["n"] for b in bins],
            hovertemplate="predicted %{x:.3f}<br>observed %{y:.3f}<br>%{customdata} clients",
            name=f"model (Brier {calibration['brier']:.4f})",
        )
    )
    return apply_layout(
        figure,
        "Calibration, out of fold (equal-count bins)",
        "mean predicted probability of default",
        "observed default rate",
    )


def make_confusion_figure(confusion: dict) -> go.Figure:
    """Draw the confusion matrix at the threshold as an annotated grid of counts."""
    z = [[confusion["tn"], confusion["fp"]], [confusion["fn"], confusion["tp"]]]
    n = max(confusion["n"], 1)
    names = [["repaid, granted", "repaid, refused"], ["defaulted, granted", "defaulted, refused"]]
    text = [
        [f"{names[r][c]}<br>{z[r][c]:,} ({z[r][c] / n:.1%})" for c in range(2)] for r in range(2)
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
