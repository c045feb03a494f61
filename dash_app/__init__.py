"""The dashboard: a multi-page Dash app mounted on the API's Flask server (``create_dash``)."""

from __future__ import annotations

from pathlib import Path

import dash
from flask import Flask

from dash_app import api_client, shell, text
from dash_app.access import guard_pages
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
CALLBACKS_KEY = "callbacks"  # register_page's key: the page's register_callbacks(app)


def _plug_pages(app: dash.Dash) -> None:
    """Put every registered page behind its declared roles and add its callbacks to this app.

    Each page registers a ``register_callbacks(app)`` function under ``callbacks`` (Dash's
    own ``@callback`` registry is process-global, and tests build several apps).
    """
    guard_pages()
    for page in dash.page_registry.values():
        register_callbacks = page.get(CALLBACKS_KEY)
        if register_callbacks is not None:
            register_callbacks(app)


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
        # Flask's documented way to wrap its WSGI app (mypy sees a method assigned)
        server.wsgi_app = AssetCaching(server.wsgi_app)  # type: ignore[method-assign]
    init_session_relay(server)
    app = shell.Dashboard(
        __name__,
        # Dash types server as bool | Callable[[], Any]; its docs (and this) pass a Flask app
        server=server,  # type: ignore[arg-type]
        use_pages=True,
        pages_folder=str(PAGES_FOLDER),
        assets_folder=str(ASSETS_FOLDER),
        external_stylesheets=[BOOTSTRAP_CSS, icon_font().css_url],
        serve_locally=True,
        compress=False,
        suppress_callback_exceptions=True,  # page components appear with their page
        title="Prêt à dépenser",
        update_title="",  # no "Updating..." title
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = shell.INDEX_STRING
    app.layout = shell.layout
    shell.register_callbacks(app)
    _plug_pages(app)
    init_callback_guard(server, app)
    return app


__all__ = ["create_dash"]
