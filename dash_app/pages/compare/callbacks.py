"""The comparison page's callbacks: redraw the distribution or the scatter when a choice changes."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, no_update

from dash_app.api_client import ApiClientError
from dash_app.pages.compare import ids
from dash_app.pages.compare.sections import SIMILAR_MODE, without_option
from dash_app.pages.compare.views import DEFAULT_MODE, distribution_view, failed_view, scatter_view
from dash_app.text import current_lang


def update_distribution(feature: str | None, mode: str | None, client_id: Any) -> Any:
    """Redraw the distribution for the chosen feature and groups."""
    lang = current_lang()
    if not feature or not isinstance(client_id, int):
        return no_update, no_update, no_update
    try:
        return distribution_view(client_id, feature, mode or DEFAULT_MODE, lang)
    except ApiClientError as error:
        return failed_view(error, client_id, lang)


def update_scatter(x: str | None, y: str | None, client_id: Any) -> Any:
    """Draw the sampled clients and this client for the two chosen features."""
    lang = current_lang()
    if not x or not y or not isinstance(client_id, int):
        return no_update, no_update, no_update
    try:
        return scatter_view(client_id, x, y, lang)
    except ApiClientError as error:
        return failed_view(error, client_id, lang)


def show_similar_note(mode: str | None) -> bool:
    """Return whether the "similar clients" note is hidden (shown for that group only)."""
    return mode != SIMILAR_MODE


def keep_axes_apart(taken: str | None, options: list[dict[str, Any]] | None) -> Any:
    """Return the other axis's options with the feature this axis took disabled."""
    return without_option(options or [], taken)


def register_callbacks(app: dash.Dash) -> None:
    """Add the comparison page's callbacks to this app."""
    app.callback(
        Output(ids.COMPARE_DISTRIBUTION_GRAPH, "figure"),
        Output(ids.COMPARE_DISTRIBUTION_SUMMARY, "children"),
        Output(ids.COMPARE_DISTRIBUTION_ALERT, "children"),
        Input(ids.COMPARE_FEATURE_SELECT, "value"),
        Input(ids.COMPARE_GROUP_RADIO, "value"),
        State(ids.COMPARE_CLIENT_STORE, "data"),
        prevent_initial_call=True,
    )(update_distribution)
    app.callback(
        Output(ids.COMPARE_SCATTER_GRAPH, "figure"),
        Output(ids.COMPARE_SCATTER_SUMMARY, "children"),
        Output(ids.COMPARE_SCATTER_ALERT, "children"),
        Input(ids.COMPARE_X_SELECT, "value"),
        Input(ids.COMPARE_Y_SELECT, "value"),
        State(ids.COMPARE_CLIENT_STORE, "data"),
        prevent_initial_call=True,
    )(update_scatter)
    app.callback(
        Output(ids.COMPARE_SIMILAR_NOTE, "hidden"),
        Input(ids.COMPARE_GROUP_RADIO, "value"),
        prevent_initial_call=True,
    )(show_similar_note)
    for axis, other in (
        (ids.COMPARE_X_SELECT, ids.COMPARE_Y_SELECT),
        (ids.COMPARE_Y_SELECT, ids.COMPARE_X_SELECT),
    ):
        app.callback(
            Output(other, "options"),
            Input(axis, "value"),
            State(other, "options"),
            prevent_initial_call=True,
        )(keep_axes_apart)
