"""Fixtures of the dashboard's tests: the live server, a remote API, an app context, a build.

Browser tests share one real server per session (HTTP on 127.0.0.1, Debian's headless chromium).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from selenium.webdriver.chrome.options import Options
from werkzeug.serving import make_server

from app import create_app
from dash_app import plotly_build
from scoring_api.context import bundle_store
from tests.scoring_api.security.helpers import PASSWORD, add_account, make_app
from tests.scoring_api.settings import make_settings

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1366,900",
)


def pytest_setup_options() -> Options:
    """Start chromium the way this machine allows (closed network, root, no screen)."""
    options = Options()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    return options


@dataclass(frozen=True)
class LiveServer:
    """The dashboard and API served on a free local port, with its accounts."""

    url: str
    app: Flask
    client_ids: tuple[int, ...]
    password: str = PASSWORD

    @property
    def own_client_id(self) -> int:
        """Return the SK_ID_CURR the client account ``carl`` is bound to."""
        return self.client_ids[0]


@pytest.fixture(scope="session")
def live_server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve the whole app over real HTTP in a thread for the session (built once)."""
    settings = make_settings(
        tmp_path_factory.mktemp("dash_db"), data_dir, ratelimit_login="10000 per minute"
    )
    app = create_app(settings)
    with app.test_request_context():
        stored = bundle_store().get().client_ids
    client_ids = (int(stored[0]), int(stored[1]), int(stored[-1]))
    add_account(app, "alice", "advisor")
    add_account(app, "carl", "client", client_ids[0])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, client_ids)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(name="remote_api")
def remote_api_fixture(tmp_path: Path) -> Iterator[Flask]:
    """Serve a small API over HTTP (two sign-in attempts a minute per address)."""
    app = make_app(make_settings(tmp_path, ratelimit_login="2 per minute"))
    add_account(app, "alice", "advisor")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["test_url"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def app_context():
    """Yield an application context with a secret key."""
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "test-secret"
    with app.app_context():
        yield


@pytest.fixture
def build_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the build's files at a temporary folder."""
    monkeypatch.setattr(plotly_build, "BUILD_FILE", tmp_path / plotly_build.FILE_NAME)
    monkeypatch.setattr(plotly_build, "LICENSE_FILE", tmp_path / "LICENSE")
    return tmp_path
