"""Retention of scoring events: rows older than EVENTS_RETENTION_DAYS are deleted."""

from __future__ import annotations

import datetime

from sqlalchemy import delete

from scoring_api.security.database import Database
from scoring_api.security.models import ScoringEvent, utc_now


def purge_events(database: Database, days: int, now: datetime.datetime | None = None) -> int:
    """Delete the scoring events older than ``days`` days; return how many were deleted."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days!r}.")
    cutoff = (now or utc_now()) - datetime.timedelta(days=days)
    database.create_tables()
    with database.engine.begin() as connection:
        result = connection.execute(delete(ScoringEvent).where(ScoringEvent.at < cutoff))
    return int(result.rowcount)
