"""The dashboard: a multi-page Dash app mounted on the API's Flask server (``create_dash``)."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import _callback
from flask import Flask

from dash_app import api_client, shell, text
from dash_app.asset_caching import AssetCaching
from dash_app.callback_guard import init_callback_guard
from dash_app.components import loan_form
from dash_app.icons import icon_font, init_icon_routes
from dash_app.server_routes import init_server_routes
from dash_app.session_relay import init_session_relay
from dash_app.vendor import BOOTSTRAP_CSS, init_vendor_routes
from model_training.loan_terms import DEFAULT_ANNUAL_RATE

ROOT = Path(__file__).resolve().parents[1]
PAGES_FOLDER = Path(__file__).resolve().parent / "pages"
ASSETS_FOLDER = ROOT / "assets"


def _claim_page_callbacks(app: dash.Dash) -> None:
    """Move the callbacks the pages just registered globally onto this app.

    Dash's ``@callback`` registry is process-global and is emptied by the first app that
    serves a request; an app built after another (tests build several servers) must take
    its own pages' callbacks now, so no app ever gets another's.
    """
    app.callback_map.update(_callback.GLOBAL_CALLBACK_MAP)
    app._callback_list.extend(_callback.GLOBAL_CALLBACK_LIST)
    _callback.GLOBAL_CALLBACK_MAP.clear()
    _callback.GLOBAL_CALLBACK_LIST.clear()


def create_dash(
    server: Flask,
    *,
    api_url: str = "",
    language: str = "fr",
    loan_annual_rate: float = DEFAULT_ANNUAL_RATE,
) -> dash.Dash:
    """Mount the dashboard on a Flask server; ``api_url`` set = a remote API over HTTP."""
    server.config[api_client.CONFIG_KEY] = api_url
    server.config[text.LANGUAGE_CONFIG_KEY] = language
    server.config[loan_form.RATE_CONFIG_KEY] = loan_annual_rate
    init_vendor_routes(server)
    init_icon_routes(server)
    init_server_routes(server)
    if not isinstance(server.wsgi_app, AssetCaching):
        server.wsgi_app = AssetCaching(server.wsgi_app)  # type: ignore[method-assign]
    init_session_relay(server)
    _callback.GLOBAL_CALLBACK_MAP.clear()  # callbacks left by an app built before this one
    _callback.GLOBAL_CALLBACK_LIST.clear()
    app = shell.Dashboard(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(PAGES_FOLDER),
        assets_folder=str(ASSETS_FOLDER),
        external_stylesheets=[BOOTSTRAP_CSS, icon_font().css_url],
        serve_locally=True,
        compress=False,
        suppress_callback_exceptions=True,  # page components appear with their page
        title="Prêt à dépenser",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = shell.INDEX_STRING
    app.layout = shell.layout
    shell.register_callbacks(app)
    _claim_page_callbacks(app)
    init_callback_guard(server, app)
    return app


__all__ = ["create_dash"]
