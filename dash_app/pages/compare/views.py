"""The comparison's two views fetched and drawn: a feature's distribution, two features' scatter."""

from __future__ import annotations

import plotly.graph_objects as go
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.feature_values import axis_title
from dash_app.components.messages import error_alert
from dash_app.figures.distribution import make_distribution_figure, position_summary
from dash_app.figures.empty import make_empty_figure
from dash_app.figures.scatter import make_scatter_figure, scatter_summary
from dash_app.pages.compare.sections import MODE_GROUPS, SIMILAR_MODE

DEFAULT_MODE = SIMILAR_MODE
SAMPLE_SIZE = 1000  # enough to see the clouds; each SVG point costs the browser time
View = tuple[go.Figure, str, Component | None]


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


def failed_view(error: ApiClientError, client_id: int, lang: str) -> View:
    """Return the view of a failed API call: a blank chart and the error in words."""
    return make_empty_figure(), "", error_alert(error, lang, client_id=client_id)
