"""Two-process shape: the API alone (DASHBOARD=0) and the dashboard with API_URL, under gunicorn.

The browser talks to the dashboard's host only: sign-in, pages and the model report go through
it, and the dashboard reaches the API over HTTP with the browser's session cookie.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import requests

from dash_app.pages.model import ids as model_ids
from dash_app.pages.sign_in import ids
from scoring_api.bundle_store import BundleStore
from scoring_api.security.demo import ensure_demo_accounts
from tests.dash_app.sign_in_form import find_prop
from tests.processes import ROOT, START_SECONDS, free_port, stop_process, wait_ready
from tests.scoring_api.settings import make_settings

GUNICORN = [sys.executable, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"]
CALLBACK_PATH = "/_dash-update-component"


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path) -> Iterator[tuple[subprocess.Popen, Path]]:
    """Run gunicorn with ``env`` until the block ends; its output goes to ``log_path``."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            GUNICORN, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log
        )
        try:
            yield process, log_path
        finally:
            stop_process(process)


def dash_callback(
    session: requests.Session,
    base: str,
    outputs: list[tuple[str, str]],
    inputs: list[tuple[str, str, Any]],
    state: list[tuple[str, str, Any]] | None = None,
) -> requests.Response:
    """Fire one Dash callback over HTTP as the browser's renderer does."""
    specs = [{"id": i, "property": p} for i, p in outputs]
    body = {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + ".."
        if len(outputs) > 1
        else f"{outputs[0][0]}.{outputs[0][1]}",
        "outputs": specs if len(outputs) > 1 else specs[0],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state or []],
        "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
    }
    return session.post(base + CALLBACK_PATH, json=body, timeout=30)


def open_page(session: requests.Session, base: str, path: str) -> dict:
    """Return the layout the dashboard's page router sends for ``path``."""
    response = dash_callback(
        session,
        base,
        [("_pages_content", "children"), ("_pages_store", "data")],
        [("_pages_location", "pathname", path), ("_pages_location", "search", "")],
    )
    assert response.status_code == 200, response.text[:500]
    return response.json()["response"]["_pages_content"]["children"]


def model_sections(session: requests.Session, base: str) -> Any:
    """Return the model page as the dashboard builds it (sections drawn in its layout)."""
    page = open_page(session, base, "/model")
    assert find_prop(page, model_ids.MODEL_REPORT_LINK, "href") is not None  # an advisor's page
    return page


def test_dashboard_signs_in_and_shows_the_model_from_the_api_process(
    data_dir: Path, tmp_path: Path
) -> None:
    """Sign-in, the model page and its report go through the dashboard to the API process."""
    api_port, dashboard_port = free_port(), free_port()
    shared = {
        "APP_ENV": "test",
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PSEUDONYM_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    settings = make_settings(
        tmp_path,
        data_dir,
        database_url=shared["DATABASE_URL"],
        pseudonym_key=shared["PSEUDONYM_KEY"],
    )
    client_id = int(BundleStore(data_dir / "artifacts").get().client_ids[0])
    password = ensure_demo_accounts(settings, client_id)["demo-advisor"]
    api_env = {
        **shared,
        "PORT": str(api_port),
        "DASHBOARD": "0",
        "DATA_DIR": str(data_dir),
        "ARTIFACTS_DIR": str(data_dir / "artifacts"),
    }
    dashboard_env = {  # no model, no data: everything comes from the API process
        **shared,
        "PORT": str(dashboard_port),
        "API_URL": f"http://127.0.0.1:{api_port}",
        "DATA_DIR": str(tmp_path / "no-data"),
        "ARTIFACTS_DIR": str(tmp_path / "no-artifacts"),
    }
    api, dashboard = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{dashboard_port}"
    with ExitStack() as stack:
        api_process, api_log = stack.enter_context(gunicorn(api_env, tmp_path / "api.log"))
        dash_process, dash_log = stack.enter_context(
            gunicorn(dashboard_env, tmp_path / "dashboard.log")
        )
        api_ready = wait_ready(f"{api}/api/v1/health/ready", api_process, START_SECONDS)
        dash_live = wait_ready(f"{dashboard}/api/v1/health/live", dash_process, START_SECONDS)
        assert api_ready[0] == 200, api_log.read_text()[-2000:]
        assert dash_live[0] == 200, dash_log.read_text()[-2000:]
        assert api_ready[1] == {"status": "ready", "checks": {"model": "ok", "database": "ok"}}

        browser = requests.Session()
        home = browser.get(dashboard + "/", timeout=30)
        assert home.status_code == 200
        assert "_dash-renderer" in home.text
        assert browser.get(api + "/", timeout=30).status_code == 404  # the API has no pages

        sign_in = open_page(browser, dashboard, "/sign-in")
        token = find_prop(sign_in, ids.SIGN_IN_TOKEN_STORE, "data")
        signed = dash_callback(
            browser,
            dashboard,
            [(ids.SIGN_IN_MESSAGE_DIV, "children"), (ids.SIGN_IN_REDIRECT_LOCATION, "href")],
            [
                (ids.SIGN_IN_SUBMIT_BUTTON, "n_clicks", 1),
                (ids.SIGN_IN_PASSWORD_INPUT, "n_submit", None),
            ],
            [
                (ids.SIGN_IN_USERNAME_INPUT, "value", "demo-advisor"),
                (ids.SIGN_IN_PASSWORD_INPUT, "value", password),
                (ids.SIGN_IN_TOKEN_STORE, "data", token),
                (ids.SIGN_IN_NEXT_STORE, "data", "/model"),
            ],
        )
        assert signed.status_code == 200, signed.text[:500]
        assert signed.json()["response"][ids.SIGN_IN_REDIRECT_LOCATION]["href"] == "/model"
        assert "session" in browser.cookies  # the API's cookie, relayed by the dashboard

        sections = model_sections(browser, dashboard)
        assert find_prop(sections, model_ids.MODEL_REPORT_LINK, "href") == "/model-report"
        assert find_prop(sections, model_ids.MODEL_COST_GRAPH, "figure") is not None  # advisor only

        relayed = browser.get(dashboard + "/model-report", timeout=30)
        direct = browser.get(api + "/api/v1/model/report", timeout=30)
        assert relayed.status_code == direct.status_code == 200
        assert relayed.headers["Content-Type"].startswith("text/html")
        assert relayed.text == direct.text
        assert (
            relayed.headers["Content-Security-Policy"] == direct.headers["Content-Security-Policy"]
        )
        anonymous = requests.get(dashboard + "/model-report", allow_redirects=False, timeout=30)
        assert anonymous.status_code == 303
        assert anonymous.headers["Location"] == "/sign-in?next=/model-report"
    api_output = api_log.read_text()
    assert "/api/v1/auth/login" in api_output
    assert "/api/v1/model/curves" in api_output
    assert "lang=" not in api_output  # the dashboard asked /model?lang=fr: no query is logged
