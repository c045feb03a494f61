"""At start the server checks the schema's revision: an older one stops it with the command
that upgrades it; found later (the database was down at start), requests get a 503."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from scoring_api.migrations import runner
from scoring_api.security.extension import database_problem
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import PASSWORD, add_account, make_app
from tests.scoring_api.settings import make_settings


def test_an_outdated_schema_stops_the_server_at_start(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    runner.upgrade(create_engine(settings.database_url), "0001")
    with pytest.raises(runner.SchemaOutdatedError, match="Upgrade it first: python -m scoring_api"):
        make_app(settings)


def test_an_outdated_schema_found_after_start_answers_503_and_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(make_settings(tmp_path))
    add_account(app, "alice", "advisor")
    database = get_state(app).database
    runner.downgrade(database.engine, "0001")
    database._has_tables = False  # as when the database was unreachable at start
    with app.app_context():
        assert database_problem() == "schema older than the code's: run " + runner.UPGRADE_COMMAND
    answer = app.test_client().post(
        "/api/v1/auth/login", json={"username": "alice", "password": PASSWORD}
    )
    assert answer.status_code == 503
    assert answer.json["error"]["code"] == "service_unavailable"
    assert "at revision 0001; this version needs" in caplog.text
