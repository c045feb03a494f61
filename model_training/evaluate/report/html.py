"""Assemble the self-contained HTML model report (Plotly's JavaScript inline, no CDN)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from model_training.evaluate.report import figures as perf
from model_training.evaluate.report import population_figures as pop
from model_training.evaluate.report import text
from model_training.evaluate.report.style import MISSING_TEXT, report_number, report_percent
from model_training.presentation.drift_bands import reading
from model_training.presentation.theme import (
    CONNECTOR,
    FONT_FAMILY,
    HEADER_FILL,
    TEXT_COLOUR,
    TOTAL,
)

PLOT_CONFIG = {"displaylogo": False, "responsive": True}
STYLE = f"""
body {{ font-family: {FONT_FAMILY}; color: {TEXT_COLOUR}; max-width: 1100px; margin: auto;
       padding: 1rem 2rem; line-height: 1.5; }}
h1 {{ margin-bottom: 0.2rem; }} .meta {{ color: {TOTAL}; margin-top: 0; }}
table {{ border-collapse: collapse; margin: 0.5rem 0 1.5rem; }}
th, td {{ border: 1px solid {CONNECTOR}; padding: 0.3rem 0.6rem; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }} th {{ background: {HEADER_FILL}; }}
figure {{ margin: 0 0 2rem; }} figcaption {{ color: {TEXT_COLOUR}; margin-bottom: 0.4rem; }}
"""

# (key in evaluation.json, heading, figure builder, sentence builder)
Section = tuple[str, str, Callable[..., go.Figure], Callable[..., str]]
SECTIONS: tuple[Section, ...] = (
    ("cost_curve", "Business cost and threshold", perf.make_cost_figure, text.describe_cost),
    ("roc", "ROC curve", perf.make_roc_figure, text.describe_roc),
    (
        "precision_recall",
        "Precision and recall",
        perf.make_precision_recall_figure,
        text.describe_precision_recall,
    ),
    ("calibration", "Calibration", perf.make_calibration_figure, text.describe_calibration),
    ("confusion_matrix", "Decisions", perf.make_confusion_figure, text.describe_confusion),
    ("fairness", "Fairness", pop.make_fairness_figure, text.describe_fairness),
    ("drift", "Drift between train and test", pop.make_drift_figure, text.describe_drift),
    ("ablation", "Ablation", pop.make_ablation_figure, text.describe_ablation),
    ("baselines", "Baselines", pop.make_baselines_figure, text.describe_baselines),
    ("oracle", "Against the true probabilities", pop.make_oracle_figure, text.describe_oracle),
    ("importance", "Global importance", pop.make_importance_figure, text.describe_importance),
)
FAIRNESS_COLUMNS = (
    ("attribute", "attribute"),
    ("group", "group"),
    ("n", "clients"),
    ("default_rate", "default rate"),
    ("approval_rate", "approval rate"),
    ("approval_ratio", "approval ratio"),
    ("true_positive_rate", "TPR"),
    ("false_positive_rate", "FPR"),
    ("is_small", "small group"),
)
DRIFT_COLUMNS = (
    ("feature", "feature"),
    ("kind", "kind"),
    ("psi", "PSI"),
    ("reading", "reading"),
    ("missing_train", "missing (train)"),
    ("missing_test", "missing (test)"),
)
DRIFT_TABLE_ROWS = 15
BASELINE_COLUMNS = (
    ("label", "baseline"),
    ("auc", "CV AUC (mean ± std)"),
    ("threshold", "own threshold"),
    ("cost", "cost per client (mean ± std)"),
)


def _cell(value: object) -> str:
    if value is None:
        return MISSING_TEXT
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return report_number(value, 3)
    if isinstance(value, int):
        return report_number(value)
    return html.escape(str(value))


def html_table(rows: Sequence[dict], columns: Sequence[tuple[str, str]], caption: str) -> str:
    """Return an HTML table of ``rows`` with the given (key, header) columns."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for _, h in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(k))}</td>" for k, _ in columns) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def summary_rows(summary: dict) -> list[dict]:
    """Return the summary table's rows: measure and value, with CV spreads where known."""

    def spread(item: dict) -> str:
        return f"{item['mean']:.4f} ± {item['std']:.4f}"

    pairs = (
        ("CV AUC (mean ± std over folds)", spread(summary["auc"])),
        ("Decision threshold (probability)", f"{summary['threshold']:.4f}"),
        ("Cost per client at the threshold", spread(summary["cost_at_threshold"])),
        ("Cost per client at 0.5", spread(summary["cost_at_half"])),
        ("Brier score (out of fold)", f"{summary['brier']:.4f}"),
        ("Default rate (train)", report_percent(summary["default_rate"], 2)),
        # One decimal, as the dashboard's card and fairness table show the same rate.
        ("Refusal rate (train clients, out of fold)", report_percent(summary["refusal_rate"])),
        (
            "Train / test clients",
            f"{report_number(summary['n_train'])} / {report_number(summary['n_test'])}",
        ),
    )
    return [{"measure": measure, "value": value} for measure, value in pairs]


def baseline_rows(baselines: dict) -> list[dict]:
    """Return the baselines table's rows: label, AUC and cost with spread, own threshold."""
    return [
        {
            "label": r["label"],
            "auc": f"{r['auc_mean']:.4f} ± {r['auc_std']:.4f}",
            "threshold": f"{r['threshold']:.4f}" if r["threshold"] <= 1 else "none: grant all",
            "cost": f"{r['cost_mean']:.4f} ± {r['cost_std']:.4f}",
        }
        for r in baselines["rows"]
    ]


def figure_section(
    key: str, heading: str, figure: go.Figure, sentence: str, extra: str = ""
) -> str:
    """Return one report section: heading, the sentence as caption and text alternative."""
    chart = pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        config=PLOT_CONFIG,
        div_id=f"figure-{key}",
    )
    label = html.escape(sentence, quote=True)
    return (
        f'<section id="{key}"><h2>{html.escape(heading)}</h2><figure>'
        f"<figcaption>{label}</figcaption>"
        f'<div role="img" aria-label="{label}">{chart}</div></figure>{extra}</section>'
    )


def _extra(key: str, evaluation: dict) -> str:
    if key == "fairness":
        fairness = evaluation["fairness"]
        total = [fairness["all"]] if fairness.get("all") else []  # older evaluations lack it
        return html_table([*total, *fairness["rows"]], FAIRNESS_COLUMNS, "Rates by group")
    if key == "drift":
        limits = evaluation["drift"]["thresholds"]
        rows = [  # the reading of the PSI as shown, with the bands the figure draws
            {**row, "reading": reading(row["psi"], limits["moderate"], limits["significant"])}
            for row in evaluation["drift"]["rows"][:DRIFT_TABLE_ROWS]
        ]
        return html_table(rows, DRIFT_COLUMNS, "Most shifted features")
    if key == "baselines":
        rows = baseline_rows(evaluation["baselines"])
        return html_table(rows, BASELINE_COLUMNS, "Baselines on the model's folds")
    return ""


def _data_of(key: str, evaluation: dict) -> object:
    return evaluation["fairness"]["rows"] if key == "fairness" else evaluation[key]


def build_report_html(evaluation: dict) -> str:
    """Return the whole report page for an evaluation (as written to evaluation.json)."""
    sections = []
    for key, heading, make_figure, describe in SECTIONS:
        data = evaluation.get(key)
        if data is None or (isinstance(data, dict) and data.get("available") is False):
            continue
        data = _data_of(key, evaluation)
        sections.append(
            figure_section(key, heading, make_figure(data), describe(data), _extra(key, evaluation))
        )
    card = "".join(
        f"<h3>{html.escape(title)}</h3><p>{html.escape(body)}</p>"
        for title, body in text.MODEL_CARD
    )
    version = html.escape(str(evaluation["model_version"]))
    fingerprint = html.escape(str(evaluation["data_fingerprint"] or "unknown"))
    summary = html_table(
        summary_rows(evaluation["summary"]), (("measure", "measure"), ("value", "value")), "Summary"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Model report {version}</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body><main>'
        f'<h1>Model report</h1><p class="meta">Model version <strong>{version}</strong>, '
        f"data fingerprint <code>{fingerprint}</code>, evaluated "
        f"{html.escape(str(evaluation['created']))}.</p>"
        f'<section id="summary"><h2>Summary</h2>{summary}</section>'
        f'{"".join(sections)}<section id="model-card"><h2>Model card</h2>{card}</section>'
        "</main></body></html>\n"
    )
