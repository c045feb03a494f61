"""The schema's revisions: a fresh database at the newest, an older one refused until
upgraded (rows kept), a newer one served, and the revisions giving exactly the models."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, select

from scoring_api.migrations import runner
from scoring_api.security.database import Database
from scoring_api.security.models import Base, Review, ScoringEvent

# scoring_events as the version before fairness groups and shadow scoring created it
OLD_EVENTS = """CREATE TABLE scoring_events (
    id INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL, model_version VARCHAR(64) NOT NULL,
    client_ref VARCHAR(16), probability FLOAT NOT NULL, decision VARCHAR(16) NOT NULL,
    score FLOAT NOT NULL, channel VARCHAR(16) NOT NULL, feature_bins JSON NOT NULL)"""
OLD_ROW = """INSERT INTO scoring_events VALUES
    (1, '2026-12-01 10:00:00.000000', 'v1', NULL, 0.1, 'granted', 600.0, 'stored', '{}')"""
REVIEW_IN_PROGRESS = """INSERT INTO reviews (id, client_id, client_ref, model_version,
    probability, decision, model_decision, score, origin, comment, status, created_at,
    updated_at) VALUES (1, 7, 'r', 'v1', 0.3, 'referred', 'refused', 560.0, 'referral', '',
    'in_review', '2026-12-01 09:00:00', '2026-12-02 10:00:00')"""


def differences(engine: Engine) -> list[object]:
    """Return what differs between the database's schema and the models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def sqlite_engine(path: Path) -> Engine:
    """Return an engine on a SQLite file."""
    return create_engine(f"sqlite:///{path}")


def test_the_revisions_build_exactly_the_models_and_go_down_and_up(tmp_path: Path) -> None:
    engine = sqlite_engine(tmp_path / "m.sqlite3")
    runner.upgrade(engine)
    assert runner.current(engine) == (runner.head(),)
    assert differences(engine) == []
    runner.downgrade(engine, "0001")
    assert runner.current(engine) == ("0001",)
    assert differences(engine) != []  # taken_up_at and the pair_ref index are gone
    runner.upgrade(engine)
    assert differences(engine) == []


def test_a_fresh_database_is_created_at_the_newest_revision(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    database.create_tables()
    assert runner.current(database.engine) == (runner.head(),)
    assert differences(database.engine) == []


def test_a_database_made_before_revisions_is_refused_then_upgraded_keeping_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(OLD_EVENTS)
        connection.execute(OLD_ROW)
    database = Database(f"sqlite:///{path}")
    with pytest.raises(runner.SchemaOutdatedError, match="python -m scoring_api db upgrade"):
        database.create_tables()
    runner.upgrade(database.engine)
    assert differences(database.engine) == []
    database = Database(f"sqlite:///{path}")
    database.create_tables()
    with database.session() as session:
        old = session.scalars(select(ScoringEvent)).one()
        assert (old.id, old.groups, old.shadow, old.pair_ref) == (1, {}, False, None)


def test_an_older_revision_is_refused_and_its_upgrade_fills_taken_up_at(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    engine = sqlite_engine(path)
    runner.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(REVIEW_IN_PROGRESS)
    with pytest.raises(runner.SchemaOutdatedError, match="at revision 0001; this version needs"):
        Database(f"sqlite:///{path}").create_tables()
    runner.upgrade(engine)
    database = Database(f"sqlite:///{path}")
    database.create_tables()
    with database.session() as session:
        review = session.scalars(select(Review)).one()
        assert review.taken_up_at == review.updated_at


def test_a_newer_revision_than_the_code_knows_is_served_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = sqlite_engine(tmp_path / "new.sqlite3")
    runner.upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with caplog.at_level(logging.WARNING, logger=runner.__name__):
        Database(f"sqlite:///{tmp_path / 'new.sqlite3'}").create_tables()
    assert "newer than this code's" in caplog.text
