"""Retention: scoring events older than the setting are deleted, newer ones kept."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from scoring_api.events.retention import purge_events
from scoring_api.security.database import Database
from scoring_api.security.models import ScoringEvent

NOW = datetime.datetime(2026, 12, 5, 12, tzinfo=datetime.UTC)


def event_at(days_ago: float) -> dict:
    """Return an event row dated ``days_ago`` days before NOW."""
    return {
        "at": NOW - datetime.timedelta(days=days_ago),
        "model_version": "v1",
        "client_ref": None,
        "probability": 0.1,
        "decision": "granted",
        "score": 700.0,
        "channel": "invocations",
        "feature_bins": {},
    }


def test_purge_deletes_only_events_older_than_the_retention(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    database.create_tables()
    with database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), [event_at(d) for d in (0, 29.9, 30.1, 400)])
    assert purge_events(database, 30, now=NOW) == 2
    with database.session() as session:
        kept = sorted(session.scalars(select(ScoringEvent.at)))
    assert [NOW - at.replace(tzinfo=datetime.UTC) for at in kept] == [
        datetime.timedelta(days=29.9),
        datetime.timedelta(0),
    ]
    assert purge_events(database, 30, now=NOW) == 0


def test_purge_refuses_a_retention_below_one_day(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        purge_events(Database(f"sqlite:///{tmp_path / 'e.sqlite3'}"), 0)
