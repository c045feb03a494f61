"""The shell's index page: the language on ``<html>`` and the mark of pages that draw charts."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from dash.testing.browser import Browser
from werkzeug.serving import make_server

from app import create_app
from dash_app import ids, plotly_build
from dash_app.shell import draws_charts
from dash_app.vendor import PLOTLY_URL
from tests.dash_app.browser import open_page, sign_in
from tests.dash_app.conftest import LiveServer
from tests.scoring_api.settings import make_settings


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/clients/100002", True),
        ("/clients/100002/", True),
        ("/clients/100002/compare", True),
        ("/clients/100002/what-if", True),
        ("/model", True),
        ("/my-data", True),
        ("/clients", False),
        ("/sign-in", False),
        ("/new-application", False),
        ("/", False),
        ("/clients/100002/unknown", False),
    ],
)
def test_chart_pages_are_known_by_path(live_server: LiveServer, path: str, expected: bool) -> None:
    assert draws_charts(path) is expected


@pytest.mark.parametrize(
    ("path", "opening"),
    [
        ("/model", f'<html lang="fr" data-plotly-src="{PLOTLY_URL}" data-charts="1">'),
        ("/sign-in", f'<html lang="fr" data-plotly-src="{PLOTLY_URL}">'),
    ],
)
def test_the_index_marks_chart_pages(live_server: LiveServer, path: str, opening: str) -> None:
    page = live_server.app.test_client().get(path).get_data(as_text=True)
    assert opening in page


def loaded_plotly(browser: Browser) -> list[str]:
    """Return the addresses of the plotly.js files this page loaded so far."""
    names = browser.driver.execute_script(
        "return performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    return [name for name in names if "plotly" in name and "plotly_early" not in name]


def test_charts_draw_with_the_partial_plotly_build_loaded_only_where_charts_are(
    dash_br: Browser, live_server: LiveServer
) -> None:
    open_page(dash_br, live_server, "/sign-in")
    dash_br.wait_for_element(f"#{ids.SIGN_IN_SUBMIT_BUTTON}")
    assert loaded_plotly(dash_br) == []
    sign_in(dash_br, live_server, "alice", next_path="/model")
    dash_br.wait_for_element(f"#{ids.MODEL_IMPORTANCE_GRAPH} .main-svg", timeout=30)
    assert loaded_plotly(dash_br) == [f"{live_server.url}{PLOTLY_URL}"]
    assert dash_br.driver.execute_script("return window.Plotly.version") == plotly_build.VERSION
    assert dash_br.get_logs() == []


def test_a_fresh_server_answers_the_scripts_of_its_first_page_requested_at_once(
    data_dir: Path, tmp_path: Path
) -> None:
    """Dash's first-request setup runs once while the other threads wait (plotly/dash#3971)."""
    app = create_app(make_settings(tmp_path, data_dir))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/_dash-component-suites/dash"
    scripts = ["deps/react@18.v4_4_1m1.3.1.min.js", "dcc/dash_core_components.v4_4_1m1.js"] * 8
    start = threading.Barrier(len(scripts))

    def fetch(script: str) -> int:
        start.wait()
        return requests.get(f"{base}/{script}", timeout=30).status_code

    try:
        with ThreadPoolExecutor(len(scripts)) as pool:
            statuses = list(pool.map(fetch, scripts))
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert statuses == [200] * len(scripts)
