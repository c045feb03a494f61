"""Model page sections built from the model card (GET model): card, importance, metrics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.aria import aria
from dash_app.components.formatting import format_number, format_percent, is_missing
from dash_app.figures.model import make_importance_figure
from dash_app.pages.model import ids
from dash_app.text import t
from model_training.data.schema import PROTECTED_ATTRIBUTE

GRAPH_CONFIG: dcc.Graph.Config = {"displaylogo": False, "displayModeBar": False, "responsive": True}
IMPORTANCE_TOP = 15
QUOTES = {"fr": ("« ", " »"), "en": ("“", "”")}


def section(heading: str, children: list[Component], section_id: str) -> Component:
    """Return a titled page section (a landmark named by its heading)."""
    heading_id = f"{section_id}-heading"
    return html.Section(
        [html.H2(heading, id=heading_id, className="h4 mt-4"), *children],
        id=section_id,
        className="model-section",
        **aria(labelledby=heading_id),
    )


def chart(figure: Any, graph_id: str, summary: str, summary_id: str | None = None) -> Component:
    """Return a graph followed by its visible text summary (WCAG 1.1.1)."""
    extra: dict[str, Any] = {"id": summary_id} if summary_id else {}
    return html.Div(
        [
            dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG),
            html.P(summary, className="chart-summary", **extra),
        ],
        className="model-chart",
    )


def table(
    caption: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], table_id: str
) -> Component:
    """Return a small accessible table: caption, column headers, first cell as row header."""
    head = html.Thead(html.Tr([html.Th(text, scope="col") for text in headers]))
    body = html.Tbody(
        [
            html.Tr([html.Th(row[0], scope="row"), *[html.Td(cell) for cell in row[1:]]])
            for row in rows
        ]
    )
    return dbc.Table(
        [html.Caption(caption, className="caption-top"), head, body],
        id=table_id,
        bordered=False,
        hover=True,
        size="sm",
        responsive=True,
        className="model-table",
    )


def join_names(names: Sequence[str], lang: str) -> str:
    """Return quoted names joined as a sentence would (``« A », « B » et « C »``)."""
    left, right = QUOTES.get(lang, QUOTES["en"])
    quoted = [f"{left}{name}{right}" for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {t('model.and', lang)} {quoted[-1]}"


def _date(created: str | None, lang: str) -> str:
    """Return an ISO timestamp's day as people read it in the language."""
    if not created or len(created) < 10:
        return "—"
    year, month, day = created[:10].split("-")
    return f"{day}/{month}/{year}" if lang == "fr" else f"{year}-{month}-{day}"


def _whole(value: float | None, lang: str) -> str:
    """Return a number without decimals when it is whole, else with one."""
    if value is None or is_missing(value):
        return "—"
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def card_section(card: Mapping[str, Any], lang: str) -> Component:
    """Return the model card in plain words as a description list."""
    costs = card.get("costs") or {}
    points = card.get("points") or {}
    n_clients = card.get("n_clients") or {}
    cost_fn, cost_fp = costs.get("false_negative"), costs.get("false_positive")
    ratio = cost_fn / cost_fp if cost_fn and cost_fp else None
    items: list[tuple[str, str | Component | list[str | Component]]] = [
        (
            "model.card.version",
            t(
                "model.card.version_value",
                lang,
                version=card.get("version", "—"),
                date=_date(card.get("created"), lang),
                algorithm=t("model.card.algorithm", lang),
                n_inputs=format_number(len(card.get("features") or []), lang),
            ),
        ),
        (
            "model.card.data",
            t(
                "model.card.data_value",
                lang,
                n_train=format_number(n_clients.get("train"), lang),
                n_test=format_number(n_clients.get("test"), lang),
            ),
        ),
        ("model.card.predicts", t("model.card.predicts_value", lang)),
        (
            "model.card.threshold",
            [
                html.Strong(
                    format_percent(card.get("threshold"), lang), id=ids.MODEL_THRESHOLD_SPAN
                ),
                t("model.card.threshold_value", lang),
            ],
        ),
        (
            "model.card.rule",
            t(
                "model.card.rule_value",
                lang,
                ratio=_whole(ratio, lang),
                cost_fn=_whole(cost_fn, lang),
                cost_fp=_whole(cost_fp, lang),
            ),
        ),
        (
            "model.card.points",
            t(
                "model.card.points_value",
                lang,
                base_points=_whole(points.get("base_points"), lang),
                odds=_whole(points.get("base_odds"), lang),
                pdo=_whole(points.get("points_to_double_odds"), lang),
            ),
        ),
        (
            "model.card.excluded",
            t("model.card.excluded_value", lang, attribute=PROTECTED_ATTRIBUTE),
        ),
        ("model.card.review", t("model.card.review_value", lang)),
    ]
    terms = []
    for key, value in items:
        terms += [html.Dt(t(key, lang), className="col-sm-3"), html.Dd(value, className="col-sm-9")]
    return section(
        t("model.card.heading", lang),
        [html.Dl(terms, className="row model-card")],
        ids.MODEL_CARD_SECTION,
    )


def importance_section(card: Mapping[str, Any], lang: str) -> Component:
    """Return the global importance chart (top inputs by mean |SHAP|) and its summary."""
    features = [row for row in card.get("features") or [] if row.get("importance")]
    factor = (card.get("points") or {}).get("factor")
    ranked = sorted(features, key=lambda row: -float(row["importance"]))
    figure = make_importance_figure(features, lang=lang, top=IMPORTANCE_TOP, factor=factor)
    summary = t(
        "model.importance.summary", lang, names=join_names([r["label"] for r in ranked[:3]], lang)
    )
    top = min(IMPORTANCE_TOP, len(features))
    return section(
        t("model.importance.heading", lang),
        [
            html.P(t("model.importance.intro", lang, top=top)),
            chart(figure, ids.MODEL_IMPORTANCE_GRAPH, summary, ids.MODEL_IMPORTANCE_SUMMARY),
        ],
        ids.MODEL_IMPORTANCE_SECTION,
    )


def _spread(item: Mapping[str, Any] | None, lang: str) -> str:
    """Return ``mean ± std`` of a cross-validated measure (three decimals)."""
    if not item or is_missing(item.get("mean")):
        return "—"
    mean = format_number(item["mean"], lang, 3)
    return (
        mean if is_missing(item.get("std")) else f"{mean} ± {format_number(item['std'], lang, 3)}"
    )


def metrics_section(card: Mapping[str, Any], lang: str) -> Component:
    """Return the model's measures with a one-sentence meaning each."""
    metrics = card.get("metrics") or {}
    costs = card.get("costs") or {}
    cost = metrics.get("cost_per_client") or {}
    at_threshold = (cost.get("threshold") or {}).get("mean")
    at_half = (cost.get("half") or {}).get("mean")
    ratio = at_half / at_threshold if at_threshold and at_half else None
    cost_values = {
        "cost_fn": _whole(costs.get("false_negative"), lang),
        "cost_fp": _whole(costs.get("false_positive"), lang),
    }
    auc = {"mean": metrics.get("cv_auc_mean"), "std": metrics.get("cv_auc_std")}
    refusal = metrics.get("refusal_rate_oof")
    approval = None if refusal is None or is_missing(refusal) else 1 - refusal
    rows = [
        ("auc", _spread(auc, lang), {}),
        ("brier", format_number(metrics.get("oof_brier"), lang, 3), {}),
        ("default_rate", format_percent(metrics.get("default_rate"), lang), {}),
        (
            "refusal_rate",
            format_percent(refusal, lang),
            {"approval": format_percent(approval, lang)},
        ),
        ("cost_threshold", _spread(cost.get("threshold"), lang), cost_values),
        ("cost_half", _spread(cost.get("half"), lang), {"ratio": _whole(ratio, lang)}),
    ]
    body = [
        (t(f"model.metrics.{key}", lang), value, t(f"model.metrics.{key}_meaning", lang, **extra))
        for key, value, extra in rows
    ]
    headers = [t(f"model.metrics.{key}", lang) for key in ("measure", "value", "meaning")]
    return section(
        t("model.metrics.heading", lang),
        [table(t("model.metrics.caption", lang), headers, body, ids.MODEL_METRICS_TABLE)],
        ids.MODEL_METRICS_SECTION,
    )
