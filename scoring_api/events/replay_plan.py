"""The plan of a replay, pure: which clients each day, at what times, and the injected shift.

Everything is drawn from seeded generators, one stream each (the clients, the times, the
shift), so a replay with the same seed gives the same events, and adding a shift changes no
client drawn nor any event time.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model_training.features.application import EXT_SOURCES

SECONDS_A_DAY = 86_400
INCOME = "AMT_INCOME_TOTAL"
CLIENTS_STREAM, TIMES_STREAM, SHIFT_STREAM = 0, 1, 2


@dataclass(frozen=True)
class Shift:
    """A drift injected from a day on: incomes multiplied, a share of external scores lost."""

    start: datetime.date
    income_factor: float = 1.0
    missing_ext_share: float = 0.0

    def applies(self, day: datetime.date) -> bool:
        """Return whether events of ``day`` are shifted (on or after the start)."""
        return day >= self.start


@dataclass(frozen=True)
class ReplayDay:
    """One replayed day: its date, the rows of the clients drawn and each event's time."""

    day: datetime.date
    rows: np.ndarray
    times: list[datetime.datetime]


def _generator(seed: int, stream: int, day_index: int) -> np.random.Generator:
    """Return the seeded generator of one stream and one day."""
    return np.random.default_rng([seed, stream, day_index])


def plan_days(
    start: datetime.date, days: int, per_day: int, n_clients: int, seed: int
) -> list[ReplayDay]:
    """Return each day's drawn client rows (distinct within a day when there are enough
    clients) and event times (UTC, sorted, within the day)."""
    plan = []
    for index in range(days):
        day = start + datetime.timedelta(days=index)
        rows = _generator(seed, CLIENTS_STREAM, index).choice(
            n_clients, size=per_day, replace=per_day > n_clients
        )
        seconds = np.sort(
            _generator(seed, TIMES_STREAM, index).integers(0, SECONDS_A_DAY, size=per_day)
        )
        midnight = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        times = [midnight + datetime.timedelta(seconds=int(s)) for s in seconds]
        plan.append(ReplayDay(day, rows, times))
    return plan


def shift_records(
    records: Sequence[Mapping[str, Any]], shift: Shift, seed: int, day_index: int
) -> list[dict[str, Any]]:
    """Return copies of one shifted day's records: incomes multiplied by the factor, and
    EXT_SOURCE_1..3 set missing for a seeded share of the clients."""
    losing = _generator(seed, SHIFT_STREAM, day_index).random(len(records))
    shifted = []
    for record, draw in zip(records, losing, strict=True):
        changed = dict(record)
        if changed.get(INCOME) is not None:
            changed[INCOME] = float(changed[INCOME]) * shift.income_factor
        if draw < shift.missing_ext_share:
            changed.update(dict.fromkeys(EXT_SOURCES))
        shifted.append(changed)
    return shifted


def outcome_day(
    day: datetime.date, after_days: int | None, as_of: datetime.date
) -> datetime.date | None:
    """Return the date of an outcome of an event of ``day``, None when none is due by
    ``as_of`` (or outcomes are not asked for)."""
    if after_days is None:
        return None
    when = day + datetime.timedelta(days=after_days)
    return when if when <= as_of else None
