"""The sections of a client's file, shared by /clients/<id> and /my-data (they never fetch)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.aria import aria
from dash_app.components.formatting import format_number, format_percent, format_points
from dash_app.components.messages import decision_badge, icon
from dash_app.components.reasons import reasons_body
from dash_app.figures.gauge import make_gauge_figure
from dash_app.figures.waterfall import make_waterfall_figure
from dash_app.pages.client_file import ids
from dash_app.text import t, t_plural
from model_training.modeling.explanation_names import OTHER_FEATURES
from model_training.presentation.application_fields import describe_application

NARROW_MARGIN_PP = 1.0  # percentage points of probability between the client and the threshold
CLEAR_MARGIN_PP = 5.0
GRAPH_CONFIG: dcc.Graph.Config = {"displayModeBar": False}
SUMMARY_FEATURES = 3
WATERFALL_GROUPS = 10  # bars before "other factors"


def margin_band(margin: float) -> str:
    """Return the band of a margin (threshold - probability): narrow, clear or comfortable."""
    gap = abs(margin) * 100
    if gap < NARROW_MARGIN_PP:
        return "narrow"
    return "clear" if gap < CLEAR_MARGIN_PP else "comfortable"


def margin_text(margin: float, decision: str, lang: str) -> str:
    """Return the margin to the threshold in words ("8.2 percentage points below ...")."""
    gap = round(abs(margin) * 100, 1)
    gap_text = t_plural(
        "client_file.margin.gap", gap, lang, decimals=1, gap=format_number(gap, lang, decimals=1)
    )
    return t(f"client_file.margin.{decision}.{margin_band(margin)}", lang, gap=gap_text)


def margin_bands_text(lang: str) -> str:
    """Return the rule of the margin bands in words."""
    return t(
        "client_file.margin.bands",
        lang,
        narrow=format_number(NARROW_MARGIN_PP, lang),
        clear=format_number(CLEAR_MARGIN_PP, lang),
    )


def _card(title: str, body: list[Component], component_id: str | None = None) -> Component:
    """Return a titled card (a section with a level-2 heading)."""
    extra = {"id": component_id} if component_id else {}
    return dbc.Card(
        dbc.CardBody([html.H2(title, className="h5 card-title"), *body]),
        className="mb-3 h-100",
        **extra,
    )


def decision_section(score: Mapping[str, Any], threshold_points: float, lang: str) -> Component:
    """Return the decision (large badge), probability, margin in words, points and the gauge.

    ``threshold_points`` is the threshold on the score's scale (the explanation gives it).
    """
    probability, threshold = score["probability"], score["threshold"]
    decision = score["decision"]
    side = "below" if decision == "granted" else "above"
    body: list[Component] = [
        html.Div(decision_badge(decision, lang, "fs-4"), id=ids.CLIENT_FILE_DECISION_DIV),
        html.P(
            t(
                "client_file.decision.probability",
                lang,
                probability=format_percent(probability, lang),
                threshold=format_percent(threshold, lang),
            ),
            id=ids.CLIENT_FILE_PROBABILITY_P,
            className="mt-3 mb-1",
        ),
        html.P(
            html.Strong(margin_text(score["margin"], decision, lang)),
            id=ids.CLIENT_FILE_MARGIN_P,
            className="mb-1",
        ),
        html.P(
            t(
                "client_file.decision.score",
                lang,
                score=format_points(score["score"], lang),
                threshold=format_points(threshold_points, lang),
            ),
            id=ids.CLIENT_FILE_SCORE_P,
        ),
    ]
    if score.get("is_test"):
        body.append(html.P(t("client_file.decision.unknown_outcome", lang), className="small"))
    body.append(html.P(margin_bands_text(lang), className="small text-body-secondary"))
    gauge = [
        html.H2(t("client_file.gauge.heading", lang), className="h5 card-title"),
        dcc.Graph(
            id=ids.CLIENT_FILE_GAUGE_GRAPH,
            figure=make_gauge_figure(probability, threshold, lang=lang, decision=decision),
            config=GRAPH_CONFIG,
        ),
        html.P(
            t(
                "client_file.gauge.summary",
                lang,
                probability=format_percent(probability, lang),
                side=t(f"client_file.gauge.{side}", lang),
                threshold=format_percent(threshold, lang),
            ),
            className="chart-summary",
        ),
    ]
    return dbc.Row(
        [
            dbc.Col(_card(t("client_file.decision.heading", lang), body), md=6),
            dbc.Col(dbc.Card(dbc.CardBody(gauge), className="mb-3 h-100"), md=6),
        ],
        className="g-3 mb-3",
    )


def reasons_section(explanation: Mapping[str, Any], lang: str) -> Component:
    """Return the principal reasons in plain words: the client's values, what would improve."""
    body = reasons_body(explanation, lang, ids.CLIENT_FILE_REASONS_LIST)
    return _card(t("client_file.reasons.heading", lang), body)


def waterfall_rows(explanation: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    """Return the waterfall's bars: the largest groups (the reasons' own figures), then the rest.

    Falls back on the feature contributions for an explanation without groups.
    """
    groups = explanation.get("groups")
    if not groups:
        return list(explanation["contributions"])
    shown, hidden = groups[:WATERFALL_GROUPS], groups[WATERFALL_GROUPS:]
    rows = [{"feature": g["family"], "label": g["label"], "points": g["points"]} for g in shown]
    if hidden:
        rest = sum(float(g["points"]) for g in hidden)
        label = t("client_file.waterfall.other", lang)
        rows.append({"feature": OTHER_FEATURES, "label": label, "points": rest})
    return rows


def _feature_list(rows: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Return "label (+8 pts), label (+5 pts)" for a few contributions."""
    return ", ".join(
        t(
            "client_file.waterfall.item",
            lang,
            label=row["label"],
            points=format_points(row["points"], lang, signed=True),
        )
        for row in rows
    )


def waterfall_summary(explanation: Mapping[str, Any], lang: str) -> str:
    """Return the waterfall's text alternative: start, end, threshold, what weighs most."""
    base = float(explanation["base_points"])
    rows = waterfall_rows(explanation, lang)
    score = base + sum(row["points"] for row in rows)
    sentences = [
        t(
            "client_file.waterfall.summary",
            lang,
            base=format_points(base, lang),
            score=format_points(score, lang),
            threshold=format_points(explanation["threshold_points"], lang),
        )
    ]
    named = [row for row in rows if row["feature"] != OTHER_FEATURES]
    ups = sorted((r for r in named if r["points"] > 0), key=lambda r: -r["points"])
    downs = sorted((r for r in named if r["points"] < 0), key=lambda r: r["points"])
    if ups:
        features = _feature_list(ups[:SUMMARY_FEATURES], lang)
        sentences.append(t("client_file.waterfall.up", lang, features=features))
    if downs:
        features = _feature_list(downs[:SUMMARY_FEATURES], lang)
        sentences.append(t("client_file.waterfall.down", lang, features=features))
    return " ".join(sentences)


def waterfall_section(explanation: Mapping[str, Any], lang: str) -> Component:
    """Return the points waterfall of the client's score with its text summary."""
    figure = make_waterfall_figure(
        waterfall_rows(explanation, lang),
        explanation["base_points"],
        lang=lang,
        threshold_points=explanation["threshold_points"],
    )
    return _card(
        t("client_file.waterfall.heading", lang),
        [
            html.Div(  # on a phone the chart keeps its width and scrolls sideways
                dcc.Graph(
                    id=ids.CLIENT_FILE_WATERFALL_GRAPH,
                    figure=figure,
                    config=GRAPH_CONFIG,
                    className="chart-min-width",
                ),
                className="chart-scroll",
                tabIndex="0",
                role="region",
                **aria(label=t("client_file.waterfall.heading", lang)),
            ),
            html.P(
                waterfall_summary(explanation, lang),
                className="chart-summary",
                id=ids.CLIENT_FILE_WATERFALL_SUMMARY_P,
            ),
        ],
    )


def profile_section(
    application: Mapping[str, Any] | None, labels: Mapping[str, str], lang: str
) -> Component:
    """Return the client's descriptive information in a few cards (labels, years, euros)."""
    cards = [
        dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H3(title, className="h6 card-title"),
                        html.Dl(
                            [
                                part
                                for label, value in rows
                                for part in (
                                    html.Dt(label, className="col-7 fw-normal"),
                                    html.Dd(value, className="col-5 fw-semibold"),
                                )
                            ],
                            className="row mb-0 small client-fields",
                        ),
                    ]
                ),
                className="h-100",
            ),
            md=6,
            xl=4,
        )
        for title, rows in describe_application(application, labels, lang)
    ]
    return html.Section(
        [
            html.H2(
                [icon("bi-person-vcard", "me-2"), t("client_file.profile.heading", lang)],
                className="h5 mt-2",
            ),
            dbc.Row(cards, className="g-3"),
        ],
        id=ids.CLIENT_FILE_PROFILE_SECTION,
    )


def client_file_sections(
    file: Mapping[str, Any],
    explanation: Mapping[str, Any],
    labels: Mapping[str, str],
    lang: str,
) -> list[Component]:
    """Return the whole file: decision and gauge, reasons and waterfall, information cards.

    ``labels`` are the API's field labels by name (``api_client.field_catalogue``).
    """
    return [
        decision_section(file, explanation["threshold_points"], lang),
        dbc.Row(
            [
                dbc.Col(reasons_section(explanation, lang), lg=5),
                dbc.Col(waterfall_section(explanation, lang), lg=7),
            ],
            className="g-3 mb-3",
        ),
        profile_section(file.get("application"), labels, lang),
    ]
