"""Observed outcomes (defaulted or not, per client and date), stored pseudonymised.

Stored like the events (the client's keyed reference, never the id) so the two join on
``client_ref``. Idempotent: one row per client and date; the same pair recorded again with the
same value changes nothing, with another value replaces it (a correction, counted as updated).
A CSV file is checked whole before anything is written: every bad row is named by file, line
and column, and no row is dropped silently.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from scoring_api.security.audit import pseudonymise
from scoring_api.security.database import Database
from scoring_api.security.models import Outcome, utc_now

CSV_COLUMNS = ("SK_ID_CURR", "outcome_date", "defaulted")
MAX_CLIENT_ID = 2**63 - 1  # a database BIGINT; any larger text is no client id
MAX_REPORTED_PROBLEMS = 50
LOOKUP_CHUNK = 500  # references per SELECT ... IN (bound parameters stay few)
T = TypeVar("T")


@dataclass(frozen=True)
class ObservedOutcome:
    """One client's outcome at a date."""

    client_id: int
    outcome_date: datetime.date
    defaulted: bool


@dataclass(frozen=True)
class RecordedCounts:
    """What recording a list of outcomes did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


class OutcomeFileError(ValueError):
    """A file of outcomes with bad rows: each problem names file, line and column."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:MAX_REPORTED_PROBLEMS]
        more = len(self.problems) - len(shown)
        super().__init__("\n".join(shown) + (f"\n... and {more} more" if more > 0 else ""))


def parse_client_id(text: str) -> int:
    """Return a client id from its text (a positive integer), else raise ValueError."""
    value = int(text.strip())
    if not 0 < value <= MAX_CLIENT_ID:
        raise ValueError("must be a positive integer")
    return value


def parse_defaulted(text: str) -> bool:
    """Return the defaulted flag from ``0`` or ``1``, else raise ValueError."""
    if text.strip() not in ("0", "1"):
        raise ValueError("must be 0 or 1")
    return text.strip() == "1"


def read_outcomes_csv(path: Path) -> list[ObservedOutcome]:
    """Read a CSV of outcomes (SK_ID_CURR, outcome_date, defaulted); raise on any bad row."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise OutcomeFileError([f"{path}:1: missing column(s) {', '.join(missing)}"])
        outcomes, problems = [], []
        for row in reader:
            line = reader.line_num
            parsed, row_problems = _parse_row(row)
            problems += [f"{path}:{line}: column {column}: {msg}" for column, msg in row_problems]
            if parsed is not None:
                outcomes.append(parsed)
    if problems:
        raise OutcomeFileError(problems)
    return outcomes


def _parse_row(row: dict[str, str | None]) -> tuple[ObservedOutcome | None, list[tuple[str, str]]]:
    """Return one CSV row's outcome (None when bad) and its problems as (column, message)."""
    problems: list[tuple[str, str]] = []

    def field(column: str, parse: Callable[[str], T]) -> T | None:
        text = (row.get(column) or "").strip()
        if not text:
            problems.append((column, "empty"))
            return None
        try:
            return parse(text)
        except ValueError as exc:
            problems.append((column, f"{text!r}: {exc}"))
            return None

    client_id = field("SK_ID_CURR", parse_client_id)
    day = field("outcome_date", datetime.date.fromisoformat)
    defaulted = field("defaulted", parse_defaulted)
    if client_id is None or day is None or defaulted is None:
        return None, problems
    return ObservedOutcome(client_id, day, defaulted), problems


def record_outcomes(
    database: Database, pseudonym_key: str, outcomes: Sequence[ObservedOutcome]
) -> RecordedCounts:
    """Insert or correct outcomes in one transaction; return what changed.

    Within one call, a later item for the same client and date wins.
    """
    latest: dict[tuple[str, datetime.date], bool] = {}
    for outcome in outcomes:
        key = (pseudonymise(outcome.client_id, pseudonym_key), outcome.outcome_date)
        latest[key] = outcome.defaulted
    inserted = updated = unchanged = 0
    database.create_tables()
    with database.session() as session, session.begin():
        refs = sorted({ref for ref, _ in latest})
        existing: dict[tuple[str, datetime.date], Outcome] = {}
        for start in range(0, len(refs), LOOKUP_CHUNK):
            chunk = refs[start : start + LOOKUP_CHUNK]
            for stored in session.scalars(select(Outcome).where(Outcome.client_ref.in_(chunk))):
                existing[(stored.client_ref, stored.outcome_date)] = stored
        now = utc_now()
        for (ref, day), defaulted in latest.items():
            row = existing.get((ref, day))
            if row is None:
                session.add(
                    Outcome(client_ref=ref, outcome_date=day, defaulted=defaulted, recorded_at=now)
                )
                inserted += 1
            elif row.defaulted != defaulted:
                row.defaulted, row.recorded_at = defaulted, now
                updated += 1
            else:
                unchanged += 1
    return RecordedCounts(inserted, updated, unchanged)
