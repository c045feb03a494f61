"""One monitoring window read from the database: the scoring events of a bundle version between
two moments, as the arrays ``model_training.monitoring.statistics.window_statistics`` takes.

Only the events of the reference's own bundle version are read (their bins are that bundle's).
A feature is kept when every event holds its bin. Each event's outcome is the latest outcome
recorded for its client (NaN when none is known yet); a window where no client has one has no
outcome array (``None``), so the outcome statistics are left out rather than read as zero.
Each event's fairness groups (gender, age band) are read as given; an unknown one is None.
"""

from __future__ import annotations

import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from model_training.bundle.reference import SCORE, MonitoringReference
from model_training.evaluate.fairness import GROUP_NAMES
from model_training.monitoring.binning import bin_values
from model_training.monitoring.statistics import WindowEvents
from scoring_api.events.outcomes import LOOKUP_CHUNK
from scoring_api.security.models import Outcome, ScoringEvent


def window_events(
    session: Session,
    reference: MonitoringReference,
    version: str,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    shadow: bool = False,
) -> WindowEvents:
    """Return the events of bundle ``version`` at ``start`` <= at < ``end``, with outcomes
    (``shadow``: the version's shadow scores as a challenger, else its served ones)."""
    statement = (
        select(ScoringEvent)
        .where(
            ScoringEvent.model_version == version,
            ScoringEvent.at >= start,
            ScoringEvent.at < end,
            ScoringEvent.shadow.is_(shadow),
        )
        .order_by(ScoringEvent.id)
    )
    events = list(session.scalars(statement))
    bins = [event.feature_bins or {} for event in events]
    feature_bins = {
        name: np.array([row[name] for row in bins], dtype=np.int16)
        for name in reference.feature_names
        if events and all(row.get(name) is not None for row in bins)
    }
    scores = np.array([event.score for event in events], dtype=float)
    return WindowEvents(
        probability=np.array([event.probability for event in events], dtype=float),
        decision=np.array([event.decision for event in events], dtype=object),
        score_bin=np.asarray(bin_values(reference, SCORE, scores), dtype=np.int16),
        feature_bins=feature_bins,
        outcome=_outcomes(session, [event.client_ref for event in events]),
        groups=_groups([event.groups or {} for event in events]),
    )


def _groups(rows: list[dict[str, str]]) -> dict[str, np.ndarray]:
    """Return each fairness attribute's label per event (None: unknown), attributes seen only."""
    names = [name for name in GROUP_NAMES if any(name in row for row in rows)]
    return {name: np.array([row.get(name) for row in rows], dtype=object) for name in names}


def _outcomes(session: Session, refs: list[str | None]) -> np.ndarray | None:
    """Return each event's client's latest outcome (1, 0, NaN unknown), None when none is known."""
    known = sorted({ref for ref in refs if ref is not None})
    latest: dict[str, float] = {}
    for first in range(0, len(known), LOOKUP_CHUNK):
        statement = (
            select(Outcome.client_ref, Outcome.defaulted)
            .where(Outcome.client_ref.in_(known[first : first + LOOKUP_CHUNK]))
            .order_by(Outcome.outcome_date, Outcome.id)  # the latest date is read last
        )
        latest.update((ref, float(defaulted)) for ref, defaulted in session.execute(statement))
    if not latest:
        return None
    return np.array([latest.get(ref, np.nan) if ref else np.nan for ref in refs], dtype=float)
