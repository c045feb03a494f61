"""The security database grows with the code: columns a newer version adds to an older table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from scoring_api.security.database import Database
from scoring_api.security.models import ScoringEvent

# scoring_events as the version before fairness groups and shadow scoring created it
OLD_EVENTS = """CREATE TABLE scoring_events (
    id INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL, model_version VARCHAR(64) NOT NULL,
    client_ref VARCHAR(16), probability FLOAT NOT NULL, decision VARCHAR(16) NOT NULL,
    score FLOAT NOT NULL, channel VARCHAR(16) NOT NULL, feature_bins JSON NOT NULL)"""
OLD_ROW = """INSERT INTO scoring_events VALUES
    (1, '2026-12-01 10:00:00.000000', 'v1', NULL, 0.1, 'granted', 600.0, 'stored', '{}')"""


def test_an_older_events_table_gets_the_new_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(OLD_EVENTS)
        connection.execute(OLD_ROW)
    database = Database(f"sqlite:///{path}")
    database.create_tables()
    with database.session() as session:
        old = session.scalars(select(ScoringEvent)).one()
        assert (old.groups, old.shadow, old.pair_ref) == ({}, False, None)
        session.add(
            ScoringEvent(
                model_version="v2",
                probability=0.2,
                decision="refused",
                score=550.0,
                channel="what_if",
                feature_bins={},
                groups={"gender": "F"},
                shadow=True,
                pair_ref="p",
            )
        )
        session.commit()
        shadow = session.scalars(select(ScoringEvent).where(ScoringEvent.shadow)).one()
        assert shadow.groups == {"gender": "F"}
