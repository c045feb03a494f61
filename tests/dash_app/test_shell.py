"""The shell: the index page (language, chart mark, 404 status) and the navigation by role."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from dash.testing.browser import Browser
from werkzeug.serving import make_server

from app import create_app
from dash_app import plotly_build
from dash_app.access import Viewer
from dash_app.pages.model import ids as model_ids
from dash_app.pages.sign_in import ids as sign_in_ids
from dash_app.shell import nav_links
from dash_app.vendor import PLOTLY_URL
from tests.dash_app.browser import open_page, sign_in
from tests.dash_app.conftest import LiveServer
from tests.scoring_api.settings import make_settings

ODD_CLIENT_PAGES = ["/clients/{}", "/clients/{}/compare", "/clients/{}/what-if"]


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


@pytest.mark.parametrize("page", ODD_CLIENT_PAGES)
@pytest.mark.parametrize("number", ["²", "100002²", "١٢٣"])
def test_an_odd_client_number_is_a_404_page_and_logs_nothing(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture, page: str, number: str
) -> None:
    browser = live_server.app.test_client()
    with caplog.at_level(logging.INFO):
        response = browser.get(page.format(number))
    assert (response.status_code, response.mimetype) == (404, "text/html")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "100002" not in caplog.text


@pytest.mark.parametrize(
    ("path", "status"),
    [("/model", 200), ("/clients/100002/", 200), ("/nowhere", 404), ("/clients/1/unknown", 404)],
)
def test_an_address_that_opens_no_page_answers_404(
    live_server: LiveServer, path: str, status: int
) -> None:
    response = live_server.app.test_client().get(path)
    assert (response.status_code, response.mimetype) == (status, "text/html")


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("advisor", ["/clients", "/new-application", "/model", "/reviews", "/monitoring"]),
        ("client", ["/my-data", "/model"]),
        (
            "admin",
            ["/clients", "/new-application", "/my-data", "/model", "/reviews", "/monitoring"],
        ),
    ],
)
def test_the_navigation_lists_the_registered_pages_a_role_may_open(
    live_server: LiveServer, role: str, links: list[str]
) -> None:
    shown = nav_links(Viewer("someone", role, None), "fr")
    assert [item.children.href for item in shown] == links


def test_an_anonymous_browser_has_no_navigation(live_server: LiveServer) -> None:
    assert nav_links(None, "fr") == []


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
    dash_br.wait_for_element(f"#{sign_in_ids.SIGN_IN_SUBMIT_BUTTON}")
    assert loaded_plotly(dash_br) == []
    sign_in(dash_br, live_server, "alice", next_path="/model")
    dash_br.wait_for_element(f"#{model_ids.MODEL_IMPORTANCE_GRAPH} .main-svg", timeout=30)
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
