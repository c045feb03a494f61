"""Compare a client with other clients: one feature's distribution, then two features' scatter."""

from __future__ import annotations

from collections.abc import Sequence

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import PEOPLE_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.client_nav import client_nav
from dash_app.components.messages import error_alert
from dash_app.pages.compare import callbacks, ids
from dash_app.pages.compare.sections import (
    Feature,
    bivariate_section,
    chart_block,
    feature_options,
    ranked_features,
    univariate_section,
)
from dash_app.pages.compare.views import (
    DEFAULT_MODE,
    distribution_view,
    failed_view,
    scatter_view,
)
from dash_app.routing import client_page_title
from dash_app.text import current_lang, t

# order=0: Dash matches templates in registry order with fnmatch, whose ``*`` spans "/", so
# "/clients/<client_id>" would otherwise take "/clients/42/compare" as client "42/compare".
dash.register_page(
    __name__,
    path_template="/clients/<client_id>/compare",
    title=client_page_title("compare.title_generic", "compare.title"),
    order=0,
    charts=True,
    roles=PEOPLE_ROLES,  # a client account: its own file only
    callbacks=callbacks.register_callbacks,
)


def _scatter_chart(client_id: int, x: str, y: str, lang: str) -> Component:
    """Return the scatter block drawn for two features (or the error in words)."""
    try:
        figure, summary, alert = scatter_view(client_id, x, y, lang)
    except ApiClientError as error:
        figure, summary, alert = failed_view(error, client_id, lang)
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
    client_id: int, viewer_is_advisor: bool, numeric: Sequence[Feature], lang: str
) -> Component:
    """Return the two-feature section drawn for the two first inputs, or why it is not offered."""
    if not viewer_is_advisor:
        return html.P(t("compare.scatter.advisors_only", lang), className="text-body-secondary")
    if len(numeric) < 2:
        return html.P(t("compare.no_numeric", lang), className="text-body-secondary")
    x, y = numeric[0]["name"], numeric[1]["name"]
    chart = _scatter_chart(client_id, x, y, lang)
    return bivariate_section(feature_options(numeric), x, y, chart, lang)


def layout(viewer: Viewer, client_id: int, **_: object) -> Component:
    """Return the comparison page with its first distribution and scatter drawn."""
    lang = current_lang()
    heading = html.H1(t("client.heading", lang, client_id=client_id), className="h3")
    try:
        features = api_client.model_card(lang)["features"]
        ranked = ranked_features(features)
        numeric = ranked_features(features, numeric_only=True)
        first = (numeric or ranked)[0]["name"]
        figure, summary, _no_alert = distribution_view(client_id, first, DEFAULT_MODE, lang)
    except ApiClientError as error:
        return html.Div([heading, error_alert(error, lang, client_id=client_id)])
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
            client_nav(client_id, "/compare", lang),
            html.P(t("compare.intro", lang)),
            dcc.Store(id=ids.COMPARE_CLIENT_STORE, data=client_id),
            univariate_section(feature_options(ranked), first, DEFAULT_MODE, chart, lang),
            _bivariate(client_id, viewer.is_advisor, numeric, lang),
        ]
    )
