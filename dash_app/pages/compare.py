"""Compare a client with other clients: one feature's distribution, then two features' scatter."""

from __future__ import annotations

from typing import Any

import dash
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html, no_update
from dash.development.base_component import Component

from dash_app import api_client, ids
from dash_app.access import client_page_access, client_page_title
from dash_app.api_client import ApiClientError
from dash_app.components.client_nav import client_nav
from dash_app.components.compare_sections import (
    MODE_GROUPS,
    bivariate_section,
    chart_block,
    feature_options,
    ranked_features,
    univariate_section,
)
from dash_app.components.feature_values import axis_title
from dash_app.components.messages import error_alert
from dash_app.figures.distribution import make_distribution_figure, position_summary
from dash_app.figures.empty import make_empty_figure
from dash_app.figures.scatter import make_scatter_figure, scatter_summary
from dash_app.text import current_lang, t

DEFAULT_MODE = "similar"
SAMPLE_SIZE = 1000  # enough to see the clouds; each SVG point costs the browser time
View = tuple[go.Figure, str, Component | None]


_title = client_page_title("compare.title_generic", "compare.title")


# order=0: Dash matches templates in registry order with fnmatch, whose ``*`` spans "/", so
# "/clients/<client_id>" would otherwise take "/clients/42/compare" as client "42/compare".
dash.register_page(
    __name__, path_template="/clients/<client_id>/compare", title=_title, order=0, charts=True
)


def distribution_view(client_id: int, feature: str, mode: str, lang: str) -> View:
    """Fetch a feature's distributions; return the figure, its summary and no error."""
    group, shown = MODE_GROUPS.get(mode, MODE_GROUPS[DEFAULT_MODE])
    peers = api_client.client_peers(client_id, [feature], lang, group=group)
    (item,) = peers["features"]
    groups = {g: item["groups"][g] for g in shown if g in item["groups"]}
    figure = make_distribution_figure(item, groups, item["value"], lang=lang)
    return figure, position_summary(item, groups, item["value"], lang=lang), None


def scatter_view(client_id: int, x: str, y: str, lang: str) -> View:
    """Fetch a sample of two features and this client's values; return figure and summary."""
    sample = api_client.population_sample(x, y, n=SAMPLE_SIZE)
    peers = api_client.client_peers(client_id, list(dict.fromkeys([x, y])), lang, group="all")
    by_name = {item["feature"]: item for item in peers["features"]}
    x_item, y_item = by_name[x], by_name[y]
    client_point = {"x": x_item["value"], "y": y_item["value"]}
    figure = make_scatter_figure(
        sample["points"],
        client_point,
        axis_title(x, x_item["label"], lang),
        axis_title(y, y_item["label"], lang),
        lang=lang,
        x_feature=x,
        y_feature=y,
    )
    summary = scatter_summary(
        sample["points"],
        client_point,
        {"name": x, "label": x_item["label"]},
        {"name": y, "label": y_item["label"]},
        lang=lang,
    )
    return figure, summary, None


def _failed(error: ApiClientError, client_id: int, lang: str) -> View:
    """Return the view of a failed API call: a blank chart and the error in words."""
    return make_empty_figure(), "", error_alert(error, lang, client_id=client_id)


def _scatter_chart(client_id: int, x: str, y: str, lang: str) -> Component:
    """Return the scatter block drawn for two features (or the error in words)."""
    try:
        figure, summary, alert = scatter_view(client_id, x, y, lang)
    except ApiClientError as error:
        figure, summary, alert = _failed(error, client_id, lang)
    return chart_block(
        ids.COMPARE_SCATTER_GRAPH,
        ids.COMPARE_SCATTER_SUMMARY,
        ids.COMPARE_SCATTER_ALERT,
        ids.COMPARE_SCATTER_LOADING,
        figure,
        summary,
        alert,
    )


def _bivariate(
    client_id: int, viewer_is_advisor: bool, numeric: list[dict[str, Any]], lang: str
) -> Component:
    """Return the two-feature section drawn for the two first inputs, or why it is not offered."""
    if not viewer_is_advisor:
        return html.P(t("compare.scatter.advisors_only", lang), className="text-body-secondary")
    if len(numeric) < 2:
        return html.P(t("compare.no_numeric", lang), className="text-body-secondary")
    x, y = numeric[0]["name"], numeric[1]["name"]
    chart = _scatter_chart(client_id, x, y, lang)
    return bivariate_section(feature_options(numeric), x, y, chart, lang)


def layout(client_id: str | None = None, **_: object) -> Component:
    """Return the comparison page with its first distribution and scatter drawn."""
    lang = current_lang()
    viewer, number, instead = client_page_access(lang, client_id, "/compare")
    if instead is not None or viewer is None or number is None:
        return instead
    heading = html.H1(t("client.heading", lang, client_id=number), className="h3")
    try:
        features = api_client.model_card(lang)["features"]
        ranked = ranked_features(features)
        numeric = ranked_features(features, numeric_only=True)
        first = (numeric or ranked)[0]["name"]
        figure, summary, _ = distribution_view(number, first, DEFAULT_MODE, lang)
    except ApiClientError as error:
        return html.Div([heading, error_alert(error, lang, client_id=number)])
    chart = chart_block(
        ids.COMPARE_DISTRIBUTION_GRAPH,
        ids.COMPARE_DISTRIBUTION_SUMMARY,
        ids.COMPARE_DISTRIBUTION_ALERT,
        ids.COMPARE_DISTRIBUTION_LOADING,
        figure,
        summary,
    )
    return html.Div(
        [
            heading,
            client_nav(number, "/compare", lang),
            html.P(t("compare.intro", lang)),
            dcc.Store(id=ids.COMPARE_CLIENT_STORE, data=number),
            univariate_section(feature_options(ranked), first, DEFAULT_MODE, chart, lang),
            _bivariate(number, viewer.is_advisor, numeric, lang),
        ]
    )


@callback(
    Output(ids.COMPARE_DISTRIBUTION_GRAPH, "figure"),
    Output(ids.COMPARE_DISTRIBUTION_SUMMARY, "children"),
    Output(ids.COMPARE_DISTRIBUTION_ALERT, "children"),
    Input(ids.COMPARE_FEATURE_SELECT, "value"),
    Input(ids.COMPARE_GROUP_RADIO, "value"),
    State(ids.COMPARE_CLIENT_STORE, "data"),
    prevent_initial_call=True,
)
def update_distribution(feature: str | None, mode: str | None, client_id: Any) -> Any:
    """Redraw the distribution for the chosen feature and groups."""
    lang = current_lang()
    if not feature or not isinstance(client_id, int):
        return no_update, no_update, no_update
    try:
        return distribution_view(client_id, feature, mode or DEFAULT_MODE, lang)
    except ApiClientError as error:
        return _failed(error, client_id, lang)


@callback(
    Output(ids.COMPARE_SCATTER_GRAPH, "figure"),
    Output(ids.COMPARE_SCATTER_SUMMARY, "children"),
    Output(ids.COMPARE_SCATTER_ALERT, "children"),
    Input(ids.COMPARE_X_SELECT, "value"),
    Input(ids.COMPARE_Y_SELECT, "value"),
    State(ids.COMPARE_CLIENT_STORE, "data"),
    prevent_initial_call=True,
)
def update_scatter(x: str | None, y: str | None, client_id: Any) -> Any:
    """Draw the sampled clients and this client for the two chosen features."""
    lang = current_lang()
    if not x or not y or not isinstance(client_id, int):
        return no_update, no_update, no_update
    try:
        return scatter_view(client_id, x, y, lang)
    except ApiClientError as error:
        return _failed(error, client_id, lang)
