"""The principal reasons in words: each one's cost in points, the client's own values that
support it and what would improve it (pure; the client file and the review screen show them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html
from dash.development.base_component import Component

from dash_app.components.formatting import format_points
from dash_app.text import t
from model_training.presentation.feature_values import format_feature_value


def evidence_text(reason: Mapping[str, Any], lang: str) -> str:
    """Return the client's values that support a reason ("Late instalments (share): 14 %")."""
    items = [
        t(
            "client_file.reasons.value",
            lang,
            label=item["label"],
            value=format_feature_value(item["feature"], item["value"], lang),
        )
        for item in reason.get("evidence") or []
    ]
    key = (
        "client_file.reasons.missing"
        if reason.get("kind") == "missing_information"
        else "client_file.reasons.evidence"
    )
    return t(key, lang, values="; ".join(items)) if items else ""


def _reason_item(reason: Mapping[str, Any], lang: str) -> Component:
    """Return one reason: label, cost in points, evidence and what would improve it."""
    lines: list[Component | str] = [
        html.Strong(reason["label"]),
        " — ",
        t("client_file.reasons.cost", lang, points=format_points(-reason["points"], lang)),
    ]
    evidence = evidence_text(reason, lang)
    if evidence:
        lines += [html.Br(), html.Span(evidence, className="small")]
    if reason.get("improve"):
        lines += [
            html.Br(),
            html.Span(
                t("client_file.reasons.improve", lang, improve=reason["improve"]),
                className="text-body-secondary",
            ),
        ]
    return html.Li(lines, className="mb-2")


def reasons_body(explanation: Mapping[str, Any], lang: str, list_id: str) -> list[Component]:
    """Return the explanation's reasons as an introduced list (``list_id``), or that none is."""
    reasons = list(explanation.get("reasons") or [])
    if not reasons:
        return [html.P(t("client_file.reasons.none", lang), id=list_id)]
    items = [_reason_item(reason, lang) for reason in reasons]
    return [
        html.P(t("client_file.reasons.intro", lang)),
        html.Ol(items, id=list_id, className="mb-0"),
    ]
