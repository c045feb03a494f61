"""Layout helpers showing a score result of POST score: the numbers in words, the decision (a
referral with what to provide), the reasons, and the comparison of a what-if with the current
file (they may import dash, never fetch)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.components.formatting import (
    format_number,
    format_percent,
    format_points,
    format_signed,
)
from dash_app.components.messages import decision_badge, icon
from dash_app.components.reasons import evidence_text
from dash_app.text import t, t_plural


def percentage_points(delta_share: float, lang: str, signed: bool = True) -> str:
    """Return a difference of two probabilities in percentage points (``+0,6 point de …``)."""
    value = 100 * float(delta_share)
    text = format_signed(value, lang, 1) if signed else format_number(abs(value), lang, 1)
    return t_plural("appform.result.pp", value, lang, decimals=1, value=text)


def margin_words(margin: float, threshold: float, lang: str) -> str:
    """Return the margin to the threshold in words: how far, and on which side."""
    key = "appform.result.margin_granted" if margin > 0 else "appform.result.margin_refused"
    gap = percentage_points(abs(margin), lang, signed=False)
    return t(key, lang, gap=gap, threshold=format_percent(threshold, lang))


def margin_change_words(change: float, lang: str) -> str:
    """Return how the margin moved, in words: towards granting or refusal (no bare sign).

    The margins are shown as distances on one side of the threshold, so a signed difference
    reads backwards on the refused side (6.9 -> 7.5 points above it is a move towards refusal).
    """
    rounded = round(100 * float(change), 1)
    if rounded == 0:
        return t("appform.result.margin_same", lang)
    key = "appform.result.margin_better" if rounded > 0 else "appform.result.margin_worse"
    return t(key, lang, gap=percentage_points(abs(change), lang, signed=False))


def decision_cell(result: Mapping[str, Any], lang: str) -> Component:
    """Return the decision as a badge; a referral also says what the model alone decides."""
    badge = decision_badge(result["decision"], lang)
    model_decision = result.get("model_decision")
    if result["decision"] != "referred" or model_decision is None:
        return badge
    alone = t("appform.result.model_alone", lang, decision=t(f"decision.{model_decision}", lang))
    return html.Span([badge, html.Span(alone, className="d-block small mt-1")])


def _missing_item(missing: Mapping[str, Any], lang: str) -> Component:
    """Return one family of missing inputs: its words, its weight in points, its fields."""
    fields = ", ".join(field["label"] for field in missing.get("fields") or [])
    return html.Li(
        [
            html.Span(missing["label"], className="fw-semibold"),
            " " + t("appform.referral.costs", lang, points=format_points(-missing["points"], lang)),
            *([html.Br(), html.Span(fields, className="small")] if fields else []),
        ],
        className="mb-1",
    )


def referral_panel(result: Mapping[str, Any], lang: str, element_id: str) -> Component:
    """Return why a person decides and what to provide, heaviest first (empty when neither).

    Reads ``missing_inputs`` when the API sends it (an older API does not: then only the
    referral itself is said).
    """
    # points are the inputs' effect on the score (negative: lost); the heaviest come first
    missing = sorted(result.get("missing_inputs") or [], key=lambda m: float(m["points"]))
    is_referred = result.get("decision") == "referred"
    if not is_referred and not missing:
        return html.Div(id=element_id)
    children: list[Component] = []
    if is_referred:
        children += [
            html.P(
                [icon("bi-person-fill-exclamation", "me-2"), t("decision.referred", lang)],
                className="fw-semibold mb-1",
            ),
            html.P(t("appform.referral.why", lang), className="mb-2"),
        ]
    if missing:
        key = "appform.referral.provide" if is_referred else "appform.referral.missing"
        children += [
            html.P(t(key, lang), className="mb-1"),
            html.Ul([_missing_item(m, lang) for m in missing], className="mb-0 ps-3"),
        ]
    return html.Div(children, id=element_id, className="referral-panel mt-3", role="status")


def score_card(result: Mapping[str, Any], lang: str, element_id: str) -> Component:
    """Return a score result as a description list: probability, decision, score, margin."""
    rows: list[tuple[str, str | Component, str]] = [
        ("appform.result.probability", format_percent(result["probability"], lang), "probability"),
        ("appform.result.decision", decision_cell(result, lang), "decision"),
        ("appform.result.score", format_points(result["score"], lang), "score"),
        (
            "appform.result.margin",
            margin_words(result["margin"], result["threshold"], lang),
            "margin",
        ),
    ]
    items: list[Component] = []
    for key, value, name in rows:
        items.append(html.Dt(t(key, lang), className="col-sm-5"))
        items.append(html.Dd(value, className="col-sm-7", id=f"{element_id}-{name}"))
    return html.Dl(items, className="row mb-0", id=element_id)


def reasons_list(reasons: Sequence[Mapping[str, Any]], lang: str, element_id: str) -> Component:
    """Return the main reasons towards refusal, each with its points and what would improve it."""
    if not reasons:
        return html.P(t("appform.result.no_reasons", lang), id=element_id)
    return html.Ol(
        [
            html.Li(
                [
                    html.Span(reason["label"], className="fw-semibold"),
                    f" ({format_points(reason['points'], lang, signed=True)})",
                    *(
                        part
                        for text in (evidence_text(reason, lang), reason.get("improve"))
                        if text
                        for part in (html.Br(), html.Span(text, className="small"))
                    ),
                ],
                className="mb-1",
            )
            for reason in reasons
        ],
        id=element_id,
        className="ps-3",
    )


def comparison_table(
    original: Mapping[str, Any], simulated: Mapping[str, Any], lang: str, element_id: str
) -> Component:
    """Return the current file and the simulation side by side, with the change of each."""
    same_decision = original["decision"] == simulated["decision"]
    rows: list[tuple[str, str | Component, str | Component, str, str]] = [
        (
            "appform.result.probability",
            format_percent(original["probability"], lang),
            format_percent(simulated["probability"], lang),
            percentage_points(simulated["probability"] - original["probability"], lang),
            "probability",
        ),
        (
            "appform.result.decision",
            decision_cell(original, lang),
            decision_cell(simulated, lang),
            t("whatif.decision_same" if same_decision else "whatif.decision_changed", lang),
            "decision",
        ),
        (
            "appform.result.score",
            format_points(original["score"], lang),
            format_points(simulated["score"], lang),
            format_points(simulated["score"] - original["score"], lang, signed=True),
            "score",
        ),
        (
            "appform.result.margin",
            margin_words(original["margin"], original["threshold"], lang),
            margin_words(simulated["margin"], simulated["threshold"], lang),
            margin_change_words(simulated["margin"] - original["margin"], lang),
            "margin",
        ),
    ]
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"whatif.col.{name}", lang), scope="col")
                for name in ("measure", "current", "simulated", "change")
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(t(key, lang), scope="row"),
                    html.Td(current, id=f"{element_id}-{name}-current"),
                    html.Td(new, id=f"{element_id}-{name}-simulated"),
                    html.Td(change, id=f"{element_id}-{name}-change"),
                ]
            )
            for key, current, new, change, name in rows
        ]
    )
    return dbc.Table(
        [html.Caption(t("whatif.table_caption", lang), className="caption-top"), header, body],
        bordered=False,
        hover=False,
        responsive=True,
        class_name="align-middle whatif-table",
        id=element_id,
    )


def comparison_summary(original: Mapping[str, Any], simulated: Mapping[str, Any], lang: str) -> str:
    """Return the sentence saying what the comparison chart shows (its text alternative)."""
    delta = simulated["probability"] - original["probability"]
    rounded = round(100 * delta, 1)
    key = (
        "whatif.summary_same"
        if rounded == 0
        else ("whatif.summary_up" if rounded > 0 else "whatif.summary_down")
    )
    return t(
        key,
        lang,
        simulated=format_percent(simulated["probability"], lang),
        original=format_percent(original["probability"], lang),
        delta=percentage_points(delta, lang, signed=False),
        threshold=format_percent(simulated["threshold"], lang),
        decision=t(f"decision.{simulated['decision']}", lang),
    )
