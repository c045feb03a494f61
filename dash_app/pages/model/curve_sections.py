"""Model page sections built from the evaluation (GET model/curves, advisors): cost, ROC,
calibration, fairness, drift, and the link to the full report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.components.formatting import format_number, format_percent
from dash_app.components.messages import icon
from dash_app.figures.model import (
    make_calibration_figure,
    make_cost_curve_figure,
    make_roc_figure,
)
from dash_app.pages.model import ids
from dash_app.pages.model.card_sections import chart, join_names, section, table
from dash_app.text import catalogue, t, t_plural
from model_training.presentation.drift_bands import MODERATE, PSI_DIGITS, SIGNIFICANT, reading

DRIFT_ROWS = 8
FAIRNESS_ATTRIBUTES = (
    ("gender", "model.fairness.caption_gender"),
    ("age band", "model.fairness.caption_age"),
)


def cost_section(curves: Mapping[str, Any], lang: str) -> Component:
    """Return the cost curve with the chosen threshold marked, and its summary."""
    curve = curves["cost_curve"]
    thresholds, costs = curve["thresholds"], curve["cost_per_client"]
    chosen = curve["chosen"]
    lowest = min(range(len(costs)), key=lambda i: costs[i])
    summary = t(
        "model.cost.summary",
        lang,
        threshold=format_percent(chosen["threshold"], lang),
        cost=format_number(chosen["cost_per_client"], lang, 3),
        half=format_number(curve["half"]["cost_per_client"], lang, 3),
        lowest=format_number(costs[lowest], lang, 3),
        lowest_threshold=format_percent(thresholds[lowest], lang),
    )
    figure = make_cost_curve_figure(thresholds, costs, chosen["threshold"], lang=lang)
    return section(
        t("model.cost.heading", lang),
        [chart(figure, ids.MODEL_COST_GRAPH, summary, ids.MODEL_COST_SUMMARY)],
        ids.MODEL_COST_SECTION,
    )


def quality_section(curves: Mapping[str, Any], lang: str) -> Component:
    """Return the ROC and calibration curves side by side, each with its summary."""
    roc, calibration = curves["roc"], curves["calibration"]
    bins = calibration["bins"]
    gap = max(abs(b["observed_rate"] - b["mean_predicted"]) for b in bins) if bins else None
    roc_summary = t(
        "model.roc.summary",
        lang,
        n_folds=len(roc.get("folds") or []),
        auc=format_number(roc.get("auc_mean"), lang, 3),
    )
    gap_points = None if gap is None else 100 * gap
    calibration_summary = t_plural(
        "model.calibration.summary",
        gap_points,
        lang,
        decimals=1,
        n_bins=len(bins),
        gap=format_number(gap_points, lang, 1),
    )
    return section(
        t("model.quality.heading", lang),
        [
            dbc.Row(
                [
                    dbc.Col(
                        chart(
                            make_roc_figure(roc["fpr"], roc["tpr_mean"], lang=lang),
                            ids.MODEL_ROC_GRAPH,
                            roc_summary,
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        chart(
                            make_calibration_figure(bins, lang=lang),
                            ids.MODEL_CALIBRATION_GRAPH,
                            calibration_summary,
                        ),
                        md=6,
                    ),
                ]
            )
        ],
        ids.MODEL_QUALITY_SECTION,
    )


def group_label(attribute: str, group: str, lang: str) -> str:
    """Return a fairness group in plain words (``femmes``, ``30 à 40 ans``)."""
    if attribute == "all":
        return t("model.fairness.all", lang)
    if attribute == "gender":
        key = f"model.group.{group}"
        return t(key, lang) if key in catalogue() else group
    if group.startswith("under "):
        return t("model.age.under", lang, age=group.removeprefix("under "))
    if group.endswith("+"):
        return t("model.age.over", lang, age=group.removesuffix("+"))
    low, dash, high = group.partition("-")
    return t("model.age.range", lang, low=low, high=high) if dash else group


def _fairness_table(rows: Sequence[Mapping[str, Any]], caption_key: str, lang: str) -> Component:
    """Return one attribute's rates by group, then its approval-rate reading."""
    body = []
    for row in rows:
        label = group_label(row["attribute"], str(row["group"]), lang)
        if row.get("is_small"):
            label = t("model.fairness.small", lang, group=label)
        missed = None if row.get("true_positive_rate") is None else 1 - row["true_positive_rate"]
        body.append(
            (
                label,
                format_number(row["n"], lang),
                format_percent(row.get("approval_rate"), lang),
                format_percent(row.get("false_positive_rate"), lang),
                format_percent(missed, lang),
            )
        )
    headers = [
        t(f"model.fairness.{key}", lang)
        for key in ("group", "n", "approval", "wrongly_refused", "missed")
    ]
    parts = ", ".join(f"{label} {approval}" for label, _, approval, *_ in body)
    reading_key = "reading_gender" if caption_key.endswith("gender") else "reading_age"
    return html.Div(
        [
            table(t(caption_key, lang), headers, body, f"{ids.MODEL_FAIRNESS_DIV}-{reading_key}"),
            html.P(
                t(f"model.fairness.{reading_key}", lang, parts=parts), className="chart-summary"
            ),
        ]
    )


def fairness_section(curves: Mapping[str, Any], lang: str) -> Component:
    """Return approval and error rates by gender and by age band, with readings."""
    rows = curves["fairness"]["rows"]
    total = [curves["fairness"]["all"]] if curves["fairness"].get("all") else []
    tables = [
        _fairness_table(
            [*total, *(r for r in rows if r["attribute"] == attribute)], caption_key, lang
        )
        for attribute, caption_key in FAIRNESS_ATTRIBUTES
        if any(r["attribute"] == attribute for r in rows)
    ]
    return section(
        t("model.fairness.heading", lang),
        [html.P(t("model.fairness.intro", lang)), html.Div(tables, id=ids.MODEL_FAIRNESS_DIV)],
        ids.MODEL_FAIRNESS_SECTION,
    )


def drift_section(curves: Mapping[str, Any], labels: Mapping[str, str], lang: str) -> Component:
    """Return the inputs that drifted most between training and test (PSI), with a summary.

    Each label is ``drift.reading`` of the PSI as shown, with the legend's band edges.
    """
    drift = curves["drift"]
    rows = sorted(drift["rows"], key=lambda row: -(row.get("psi") or 0.0))
    limits = {"moderate": MODERATE, "significant": SIGNIFICANT, **(drift.get("thresholds") or {})}
    readings = [
        reading(row.get("psi") or 0.0, limits["moderate"], limits["significant"]) for row in rows
    ]
    body = [
        (
            labels.get(row["feature"], row["feature"]),
            format_number(row.get("psi"), lang, PSI_DIGITS),
            t(f"model.drift.{band}", lang),
        )
        for row, band in zip(rows[:DRIFT_ROWS], readings, strict=False)
    ]
    children: list[Component] = [
        html.P(
            t(
                "model.drift.intro",
                lang,
                moderate=format_number(limits.get("moderate"), lang, 2),
                significant=format_number(limits.get("significant"), lang, 2),
            )
        )
    ]
    if rows:
        headers = [t(f"model.drift.{key}", lang) for key in ("input", "psi", "reading")]
        caption = t("model.drift.caption", lang, n=len(body))
        summary = t(
            "model.drift.summary",
            lang,
            n=format_number(len(rows), lang),
            n_significant=readings.count("significant"),
            n_moderate=readings.count("moderate"),
            label=join_names([body[0][0]], lang),
            psi=body[0][1],
        )
        children += [
            table(caption, headers, body, ids.MODEL_DRIFT_TABLE),
            html.P(summary, className="chart-summary"),
        ]
    else:  # trained without test clients: nothing to compare with
        children.append(html.P(t("model.drift.no_test", lang), className="chart-summary"))
    return section(t("model.drift.heading", lang), children, ids.MODEL_DRIFT_SECTION)


def report_section(report_url: str, lang: str) -> Component:
    """Return the link opening the full HTML report in a new tab."""
    return section(
        t("model.report.heading", lang),
        [
            html.P(
                html.A(
                    [icon("bi-box-arrow-up-right", "me-1"), t("model.report.link", lang)],
                    href=report_url,
                    target="_blank",
                    rel="noopener",
                    id=ids.MODEL_REPORT_LINK,
                )
            ),
            html.P(t("model.report.note", lang), className="text-body-secondary"),
        ],
        ids.MODEL_REPORT_SECTION,
    )
