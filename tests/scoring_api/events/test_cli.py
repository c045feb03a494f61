"""``python -m scoring_api outcomes`` and ``purge-events`` against DATABASE_URL."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from scoring_api.cli import main
from scoring_api.security.audit import pseudonymise
from scoring_api.security.database import Database
from scoring_api.security.models import Outcome, ScoringEvent, utc_now
from tests.scoring_api.settings import PSEUDONYM_KEY, make_settings

GOOD = "SK_ID_CURR,outcome_date,defaulted\n100002,2026-11-30,1\n100003,2026-11-30,0\n"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Point the CLI at a fresh test database with the tests' pseudonym key."""
    url = make_settings(tmp_path).database_url
    for name in ("APP_ENV", "EVENTS_RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PSEUDONYM_KEY", PSEUDONYM_KEY)
    return Database(url)


def outcome_rows(database: Database) -> list[tuple[str, bool]]:
    """Return the stored outcomes as (reference, defaulted), sorted."""
    with database.session() as session:
        return sorted((r.client_ref, r.defaulted) for r in session.scalars(select(Outcome)))


def test_outcomes_records_a_file_once(database, tmp_path: Path, capsys) -> None:
    path = tmp_path / "outcomes.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["outcomes", "--file", str(path)]) == 0
    assert main(["outcomes", "--file", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "2 rows read: 2 inserted, 0 updated (changed value), 0 unchanged.",
        "2 rows read: 0 inserted, 0 updated (changed value), 2 unchanged.",
    ]
    assert outcome_rows(database) == sorted(
        [(pseudonymise(100002, PSEUDONYM_KEY), True), (pseudonymise(100003, PSEUDONYM_KEY), False)]
    )


def test_a_file_with_bad_rows_records_nothing_and_names_them(
    database, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "outcomes.csv"
    path.write_text(GOOD + "100004,2026-13-01,1\n", encoding="utf-8")
    assert main(["outcomes", "--file", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:4: column outcome_date" in err
    assert outcome_rows(database) == []


def test_outcomes_need_the_servers_pseudonym_key(
    database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv("PSEUDONYM_KEY")
    path = tmp_path / "outcomes.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["outcomes", "--file", str(path)]) == 2
    assert "PSEUDONYM_KEY must be set" in capsys.readouterr().err


def test_purge_events_uses_the_retention_setting(
    database, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    database.create_tables()
    row = {
        "model_version": "v1",
        "probability": 0.1,
        "decision": "granted",
        "score": 700.0,
        "channel": "stored",
        "feature_bins": {},
    }
    now = utc_now()
    with database.engine.begin() as connection:
        connection.execute(
            insert(ScoringEvent),
            [{**row, "at": now - datetime.timedelta(days=d)} for d in (1, 20, 40)],
        )
    monkeypatch.setenv("EVENTS_RETENTION_DAYS", "30")
    assert main(["purge-events"]) == 0
    assert main(["purge-events", "--days", "10"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 scoring events older than 30 days deleted.",
        "1 scoring events older than 10 days deleted.",
    ]
