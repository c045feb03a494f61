"""Outcomes: a CSV checked whole (bad rows named), recorded idempotently and pseudonymised."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from scoring_api.events.outcomes import (
    ObservedOutcome,
    OutcomeFileError,
    RecordedCounts,
    read_outcomes_csv,
    record_outcomes,
)
from scoring_api.security.audit import pseudonymise
from scoring_api.security.database import Database
from scoring_api.security.models import Outcome

KEY = "k" * 40
DAY = datetime.date(2026, 11, 30)


@pytest.fixture
def database(tmp_path: Path) -> Database:
    """Return an empty database."""
    return Database(f"sqlite:///{tmp_path / 'outcomes.sqlite3'}")


def stored(database: Database) -> list[tuple[str, datetime.date, bool]]:
    """Return the outcome rows as (reference, date, defaulted), sorted."""
    with database.session() as session:
        rows = session.scalars(select(Outcome)).all()
        return sorted((r.client_ref, r.outcome_date, r.defaulted) for r in rows)


def write(tmp_path: Path, text: str) -> Path:
    """Write a CSV file; return its path."""
    path = tmp_path / "outcomes.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_is_read_whole(tmp_path: Path) -> None:
    path = write(
        tmp_path, "SK_ID_CURR,outcome_date,defaulted\n100002,2026-11-30,1\n100003,2026-12-01,0\n"
    )
    assert read_outcomes_csv(path) == [
        ObservedOutcome(100002, DAY, True),
        ObservedOutcome(100003, datetime.date(2026, 12, 1), False),
    ]


def test_every_bad_row_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    text = (
        "SK_ID_CURR,outcome_date,defaulted\n"
        "100002,2026-11-30,1\n"
        "abc,2026-11-30,1\n"
        "100003,30/11/2026,2\n"
        "100004,,0\n"
        "-5,2026-11-30,0\n"
    )
    with pytest.raises(OutcomeFileError) as caught:
        read_outcomes_csv(write(tmp_path, text))
    problems = caught.value.problems
    path = tmp_path / "outcomes.csv"
    assert [p.split(": ", 2)[:2] for p in problems] == [
        [f"{path}:3", "column SK_ID_CURR"],
        [f"{path}:4", "column outcome_date"],
        [f"{path}:4", "column defaulted"],
        [f"{path}:5", "column outcome_date"],
        [f"{path}:6", "column SK_ID_CURR"],
    ]


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutcomeFileError, match=r"missing column.*defaulted"):
        read_outcomes_csv(write(tmp_path, "SK_ID_CURR,outcome_date\n100002,2026-11-30\n"))


def test_recording_twice_keeps_one_row_per_client_and_date(database: Database) -> None:
    outcomes = [ObservedOutcome(100002, DAY, True), ObservedOutcome(100003, DAY, False)]
    assert record_outcomes(database, KEY, outcomes) == RecordedCounts(inserted=2)
    assert record_outcomes(database, KEY, outcomes) == RecordedCounts(unchanged=2)
    assert stored(database) == sorted(
        [(pseudonymise(100002, KEY), DAY, True), (pseudonymise(100003, KEY), DAY, False)]
    )


def test_a_changed_value_for_the_same_client_and_date_replaces_it(database: Database) -> None:
    record_outcomes(database, KEY, [ObservedOutcome(100002, DAY, True)])
    later = DAY + datetime.timedelta(days=30)
    counts = record_outcomes(
        database, KEY, [ObservedOutcome(100002, DAY, False), ObservedOutcome(100002, later, True)]
    )
    assert counts == RecordedCounts(inserted=1, updated=1)
    ref = pseudonymise(100002, KEY)
    assert stored(database) == [(ref, DAY, False), (ref, later, True)]


def test_within_one_list_the_last_item_for_a_key_wins(database: Database) -> None:
    outcomes = [ObservedOutcome(100002, DAY, True), ObservedOutcome(100002, DAY, False)]
    assert record_outcomes(database, KEY, outcomes) == RecordedCounts(inserted=1)
    assert stored(database) == [(pseudonymise(100002, KEY), DAY, False)]


def test_no_raw_client_id_is_stored(database: Database) -> None:
    record_outcomes(database, KEY, [ObservedOutcome(100002, DAY, True)])
    assert all("100002" not in ref for ref, _, _ in stored(database))
