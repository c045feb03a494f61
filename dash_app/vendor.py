"""Third-party files the dashboard serves itself (no CDN): Bootstrap 5.3 and the plotly.js build.

Bootstrap Icons are cut down to the icons shown (``icons``).

Each URL carries the version of what it serves (``/vendor/bootstrap-flask-2.6.0/...``,
``/vendor/plotly-finance-4.1.0.min.js``), so a browser may keep it for a year
(``asset_caching``): a new version is a new address.
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

import flask_bootstrap
from flask import Flask, Response, send_from_directory

from dash_app import plotly_build

logger = logging.getLogger(__name__)

VENDOR_ROOT = "/vendor/"
BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).resolve().parent / "static" / "bootstrap5"
BOOTSTRAP_PREFIX = f"{VENDOR_ROOT}bootstrap-flask-{version('bootstrap-flask')}/bootstrap5"
BOOTSTRAP_CSS = f"{BOOTSTRAP_PREFIX}/css/bootstrap.min.css"
BOOTSTRAP_ENDPOINT = "dashboard_vendor_bootstrap"
PLOTLY_URL = f"{VENDOR_ROOT}{plotly_build.FILE_NAME}"
PLOTLY_ENDPOINT = "dashboard_vendor_plotly"
# plotly.py's full bundle, as Dash serves it: only when the partial build was not fetched.
FULL_PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"


def is_vendor_file(path: str) -> bool:
    """Tell whether a path is one of the vendor routes (a versioned address)."""
    return path == PLOTLY_URL or path.startswith(f"{BOOTSTRAP_PREFIX}/")


def plotly_script_url() -> str:
    """Return the address of the plotly.js the pages load: the build, else the full bundle."""
    return PLOTLY_URL if plotly_build.is_installed() else FULL_PLOTLY_URL


def _bootstrap_file(filename: str) -> Response:
    """Serve Bootstrap's CSS, icons and fonts from the pinned bootstrap-flask wheel."""
    return send_from_directory(BOOTSTRAP_DIR, filename)


def _plotly_build() -> Response:
    """Serve the plotly.js build fetched at install time."""
    return send_from_directory(plotly_build.FOLDER, plotly_build.FILE_NAME)


def init_vendor_routes(server: Flask) -> None:
    """Add the vendor routes to the server (once); warn when the plotly.js build is missing."""
    if BOOTSTRAP_ENDPOINT in server.view_functions:
        return
    server.add_url_rule(
        f"{BOOTSTRAP_PREFIX}/<path:filename>",
        endpoint=BOOTSTRAP_ENDPOINT,
        view_func=_bootstrap_file,
    )
    server.add_url_rule(PLOTLY_URL, endpoint=PLOTLY_ENDPOINT, view_func=_plotly_build)
    if not plotly_build.is_installed():
        logger.warning(
            "The plotly.js build is missing (%s): pages load the full 4.8 MB bundle. "
            "Run `python -m dash_app.plotly_build.fetch` (make install does).",
            plotly_build.BUILD_FILE,
        )
