"""Pure figure builders: fairness, drift, ablation, baselines, oracle, global importance.

Bars carry their value as text and a fill pattern, so colour is never the only carrier.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from model_training.evaluate.report.style import (
    REPORT_LANG,
    apply_layout,
    report_number,
    report_percent,
)
from model_training.presentation import figures as shared
from model_training.presentation.drift_bands import (
    MODERATE_READING,
    PSI_DIGITS,
    SIGNIFICANT_READING,
    STABLE_READING,
    reading,
)
from model_training.presentation.theme import (
    GRANTED,
    GREEN,
    NEUTRAL,
    PURPLE,
    REFERRED,
    REFUSED,
    SKY,
)

# A PSI bar's colour by its reading (drift.reading owns the band edges).
DRIFT_COLOURS: dict[str, str] = {
    STABLE_READING: NEUTRAL,
    MODERATE_READING: REFERRED,
    SIGNIFICANT_READING: REFUSED,
}

FAIRNESS_RATES: tuple[tuple[str, str, str, str], ...] = (
    ("approval_rate", "approval rate", GRANTED, ""),
    ("true_positive_rate", "defaulters refused (TPR)", GREEN, "/"),
    ("false_positive_rate", "good clients refused (FPR)", REFUSED, "x"),
)
BASELINE_LOOK: dict[str, tuple[str, str, str]] = {  # axis label, colour, pattern
    "prior": ("prior", NEUTRAL, "/"),
    "external_scores": ("external scores", SKY, "x"),
    "raw_catboost": ("raw CatBoost", PURPLE, "."),
    "model_unconstrained": ("model, no directions", GREEN, "-"),
    "model": ("full model", GRANTED, ""),
}
DRIFT_TOP = 20
TEXT_ROOM = 1.35  # axis room beyond the longest bar for its text label


def make_fairness_figure(rows: Sequence[dict]) -> go.Figure:
    """Draw approval, true and false positive rates by gender and by age band."""
    attributes = list(dict.fromkeys(r["attribute"] for r in rows))
    figure = make_subplots(
        rows=1, cols=max(len(attributes), 1), subplot_titles=[f"by {a}" for a in attributes]
    )
    for col, attribute in enumerate(attributes, start=1):
        selected = [r for r in rows if r["attribute"] == attribute]
        groups = [f"{r['group']} (n={report_number(r['n'])})" for r in selected]
        for key, label, colour, pattern in FAIRNESS_RATES:
            values = [r[key] for r in selected]
            figure.add_trace(
                go.Bar(
                    x=groups,
                    y=values,
                    name=label,
                    marker={"color": colour, "pattern": {"shape": pattern}},
                    text=[report_percent(v, decimals=0) for v in values],
                    textposition="outside",
                    legendgroup=key,
                    showlegend=col == 1,
                ),
                row=1,
                col=col,
            )
    figure.update_yaxes(range=[0, 1.1], tickformat=".0%")
    return apply_layout(figure, "Decisions and errors by group (out of fold)", "", "rate")


def make_drift_figure(drift: dict, top: int = DRIFT_TOP) -> go.Figure:
    """Draw the PSI of the most shifted features, coloured by band, with the band edges."""
    rows = drift["rows"][:top][::-1]
    limits = drift["thresholds"]
    readings = [reading(r["psi"], limits["moderate"], limits["significant"]) for r in rows]
    figure = go.Figure(
        go.Bar(
            x=[r["psi"] for r in rows],
            y=[r["feature"] for r in rows],
            orientation="h",
            marker={"color": [DRIFT_COLOURS[band] for band in readings]},
            text=[
                f"{r['psi']:.{PSI_DIGITS}f} {band}" for r, band in zip(rows, readings, strict=True)
            ],
            textposition="outside",
            name="PSI train → test",
        )
    )
    for name, dash in (("moderate", "dash"), ("significant", "dot")):
        value = limits[name]
        figure.add_vline(
            x=value,
            line={"color": DRIFT_COLOURS[name], "dash": dash},
            annotation_text=f"{name} from {value:g}",
            annotation_position="top",
        )
    figure = apply_layout(
        figure, f"Population stability, {len(rows)} most shifted features", "PSI", ""
    )
    top_value = max([r["psi"] for r in rows] + [limits["significant"]])
    figure.update_layout(height=max(420, 26 * len(rows) + 140))
    figure.update_xaxes(range=[0, top_value * TEXT_ROOM])
    return figure


def make_ablation_figure(ablation: dict) -> go.Figure:
    """Draw the CV AUC of application features alone beside all features, with spread."""
    names = {"application": "application table only", "all": "all tables"}
    runs = [ablation[key] for key in names]
    figure = go.Figure(
        go.Bar(
            x=[f"{names[key]} ({ablation[key]['n_features']} features)" for key in names],
            y=[run["auc_mean"] for run in runs],
            error_y={"type": "data", "array": [run["auc_std"] for run in runs]},
            marker={"color": [NEUTRAL, GRANTED], "pattern": {"shape": ["/", ""]}},
            text=[f"{run['auc_mean']:.3f} ± {run['auc_std']:.3f}" for run in runs],
            textposition="outside",
            name="CV AUC",
        )
    )
    figure.update_yaxes(range=[0.5, 1.0])
    return apply_layout(figure, "What the history tables add (CV AUC)", "", "AUC")


def make_baselines_figure(baselines: dict) -> go.Figure:
    """Draw each baseline's CV AUC and cost per client (own threshold) with their spread."""
    rows = baselines["rows"]
    figure = make_subplots(
        rows=1, cols=2, subplot_titles=["CV AUC (higher is better)", "cost per client (lower)"]
    )
    for col, key in ((1, "auc"), (2, "cost")):
        figure.add_trace(
            go.Bar(
                x=[BASELINE_LOOK[r["name"]][0] for r in rows],
                customdata=[r["label"] for r in rows],
                hovertemplate="%{customdata}<br>%{y:.4f}<extra></extra>",
                y=[r[f"{key}_mean"] for r in rows],
                error_y={"type": "data", "array": [r[f"{key}_std"] for r in rows]},
                marker={
                    "color": [BASELINE_LOOK[r["name"]][1] for r in rows],
                    "pattern": {"shape": [BASELINE_LOOK[r["name"]][2] for r in rows]},
                },
                text=[f"{r[f'{key}_mean']:.3f} ± {r[f'{key}_std']:.3f}" for r in rows],
                textposition="outside",
                name="CV AUC" if key == "auc" else "cost per client",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
    top_cost = max((r["cost_mean"] + r["cost_std"] for r in rows), default=1.0)
    figure.update_yaxes(range=[0.4, 1.0], row=1, col=1)
    figure.update_yaxes(range=[0, top_cost * TEXT_ROOM], row=1, col=2)
    figure = apply_layout(figure, "Baselines on the model's folds", "", "")
    figure.update_layout(margin={"t": 90})
    return figure


def make_oracle_figure(oracle: dict) -> go.Figure:
    """Draw the model's AUC beside the oracle's on test clients and on train clients (OOF)."""
    parts = [("test", "test clients (served model)"), ("train_oof", "train clients (OOF)")]
    figure = go.Figure()
    for key, label, colour, pattern in (
        ("model_auc", "model", GRANTED, ""),
        ("oracle_auc", "oracle (true probabilities)", GREEN, "/"),
    ):
        values = [oracle[part][key] for part, _ in parts]
        figure.add_trace(
            go.Bar(
                x=[name for _, name in parts],
                y=values,
                name=label,
                marker={"color": colour, "pattern": {"shape": pattern}},
                text=["none" if v is None else f"{v:.3f}" for v in values],
                textposition="outside",
            )
        )
    figure.update_yaxes(range=[0.5, 1.0])
    return apply_layout(figure, "Model against the best reachable (generated data)", "", "AUC")


def make_importance_figure(importance: Sequence[dict]) -> go.Figure:
    """Draw the mean absolute SHAP contribution of the most important features, the first on top."""
    rows = list(importance)
    values = [r["mean_abs_shap"] for r in rows]
    figure = shared.make_importance_figure(
        [r["label"] for r in rows],
        values,
        lang=REPORT_LANG,
        name="mean |SHAP| (log-odds)",
        value_texts=[f"{value:.3f}" for value in values],
        customdata=[r["feature"] for r in rows],
        hovertemplate="%{customdata}<br>mean |SHAP| %{x:.4f}<extra></extra>",
    )
    figure = apply_layout(
        figure, "Global importance (mean |SHAP|, log-odds)", "mean absolute contribution", ""
    )
    figure.update_layout(height=max(420, 26 * len(rows) + 140))
    figure.update_xaxes(range=[0, max(values, default=1.0) * TEXT_ROOM])
    return figure
