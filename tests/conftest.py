"""Shared fixtures: small generated datasets, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pyspark.sql import SparkSession

from app import create_app
from model_training.cli import main as model_training_cli
from model_training.data.synth import generate_dataset
from scoring_api.context import bundle_store
from tests.scoring_api.security.helpers import PASSWORD, add_account, add_key, sign_in
from tests.scoring_api.settings import make_settings
from tests.servers.postgres import postgres_server
from tests.servers.redis import redis_server
from tests.servers.spark import spark_test_session

SMALL_N = 1500
SEED = 20261125
API_N_APPLICATIONS = 800
API_SEED = 7


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small generated CSV dataset (1,500 train applications); never modify it."""
    out = tmp_path_factory.mktemp("synth_csv")
    generate_dataset(SMALL_N, out, seed=SEED, show_progress=False, chunk_clients=1000)
    return out


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small generated dataset with a live bundle in ``artifacts`` (built once)."""
    out = tmp_path_factory.mktemp("api_data")
    assert (
        model_training_cli(
            [
                "synth",
                "--applications",
                str(API_N_APPLICATIONS),
                "--out",
                str(out),
                "--seed",
                str(API_SEED),
            ]
        )
        == 0
    )
    build = ["build", "--data-dir", str(out), "--artifacts-dir", str(out / "artifacts")]
    built = model_training_cli([*build, "--iterations", "60", "--folds", "2", "--quiet"])
    assert built == 0
    return out


@pytest.fixture(scope="session")
def server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return the whole server as gunicorn serves it (API and dashboard) on the session bundle."""
    settings = make_settings(
        tmp_path_factory.mktemp("server_db"), data_dir, ratelimit_login="100000 per minute"
    )
    whole = create_app(settings)
    whole.config["TESTING"] = True
    return whole


@pytest.fixture(scope="session")
def server_client_ids(server: Flask) -> list[int]:
    """Return a few stored client ids of the whole server (first, second, last)."""
    with server.test_request_context():
        ids = bundle_store().get().client_ids
    return [int(ids[0]), int(ids[1]), int(ids[-1])]


@pytest.fixture(scope="session")
def client_session(server: Flask, server_client_ids: list[int]) -> str:
    """Return the session cookie of a client account bound to the first stored client."""
    add_account(server, "matrix-client", "client", server_client_ids[0])
    browser = server.test_client()
    assert sign_in(browser, "matrix-client", PASSWORD).status_code == 200
    return browser.get_cookie("session").value


@pytest.fixture(scope="session")
def server_keys(server: Flask) -> dict[str, str]:
    """Return an API key of the whole server per role (advisor only: the pages need no other)."""
    return {"advisor": add_key(server, "server-advisor", "advisor")}


@pytest.fixture
def server_http(server: Flask) -> FlaskClient:
    """Return a test client of the whole server."""
    return server.test_client()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Return the URL of a real PostgreSQL server for this test process (one per session)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """Return the URL of a real Redis server for this test process (one per session)."""
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """Return the local Spark session of this test process (mark users xdist_group "spark")."""
    with spark_test_session() as session:
        yield session
