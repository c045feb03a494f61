"""Fixtures of the security tests: the tiny app, databases, limited and guarded apps."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scoring_api.config import Settings
from scoring_api.factory import create_app
from scoring_api.security import rate_storage
from scoring_api.security.database import Database
from scoring_api.security.keys import create_api_key, digest_secret
from tests.scoring_api.security.helpers import (
    BUDGET,
    CLIENT_ID,
    EXPLAIN_COST,
    FREE_ATTEMPTS,
    HEAVY_COST,
    HOUR,
    FakeClock,
    add_account,
    make_app,
)
from tests.scoring_api.settings import make_settings

AUDIT_DATABASE = "audit.sqlite3"


@pytest.fixture
def tiny_settings(tmp_path: Path) -> Settings:
    """Return test settings with a fresh database file."""
    return make_settings(tmp_path)


@pytest.fixture
def tiny_app(tiny_settings: Settings) -> Flask:
    """Return a fresh tiny app with an advisor, a client (CLIENT_ID) and an admin."""
    app = make_app(tiny_settings)
    add_account(app, "alice", "advisor")
    add_account(app, "carl", "client", CLIENT_ID)
    add_account(app, "ada", "admin")
    return app


@pytest.fixture
def tiny_client(tiny_app: Flask) -> FlaskClient:
    """Return a test client of the tiny app."""
    return tiny_app.test_client()


@pytest.fixture
def limited(tmp_path: Path) -> Flask:
    """Return a tiny app allowing two sign-in attempts a minute per address."""
    return make_app(make_settings(tmp_path, ratelimit_login="2 per minute"))


@pytest.fixture
def guarded(tmp_path: Path) -> Flask:
    """Return a tiny app: three free attempts per account, no per-address limit to speak of."""
    settings = make_settings(
        tmp_path, ratelimit_login="10000 per minute", login_free_failures=FREE_ATTEMPTS
    )
    app = make_app(settings)
    add_account(app, "alice", "advisor")
    return app


@pytest.fixture
def buffered_app(tmp_path: Path) -> Flask:
    """Return the tiny app with audit rows kept until flushed."""
    return make_app(make_settings(tmp_path, audit_flush_seconds=HOUR))


@pytest.fixture
def budget_app(data_dir: Path, tmp_path: Path) -> Flask:
    """Return a server whose identities may score 20 rows a minute (an explained row: 5)."""
    settings = make_settings(
        tmp_path,
        data_dir,
        ratelimit_score_cost=BUDGET,
        score_explain_cost=EXPLAIN_COST,
        score_heavy_cost=HEAVY_COST,
    )
    return create_app(settings)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """Return a fresh database with its tables."""
    database = Database(f"sqlite:///{tmp_path / AUDIT_DATABASE}")
    database.create_tables()
    yield database
    database.dispose()


@pytest.fixture
def write_lock(database: Database, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the database's write lock from another connection (released at the end)."""
    connection = sqlite3.connect(
        tmp_path / AUDIT_DATABASE, isolation_level=None, check_same_thread=False
    )
    connection.execute("BEGIN EXCLUSIVE")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Return the URL of a database with its tables and two API keys."""
    settings = make_settings(tmp_path)
    database = Database(settings.database_url)
    database.create_tables()
    with database.session() as session:
        secret = digest_secret(settings, session)
        create_api_key(session, secret, "first", "service")
        create_api_key(session, secret, "second", "advisor")
    database.dispose()
    return settings.database_url


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace the rate-limit storage's clock."""
    fake = FakeClock()
    monkeypatch.setattr(rate_storage, "time", fake)
    return fake
