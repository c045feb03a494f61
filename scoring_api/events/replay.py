"""Replay a dataset's clients through the scoring service as dated events (``replay`` command).

Each day's drawn clients (``events.replay_plan``) are scored as the API scores them: a client
the live bundle stores as a what-if of its own file (SK_ID_CURR and its application fields, so
its history features stay its own), any other as a new application, in batches by
``score_applications_with_values``. Each score becomes the event the API would record
(``recorder.event_row``, channel ``replay``, the day's time, groups from ``events.groups``),
with the challenger's shadow score paired to it when one is set, inserted in one transaction
a day; with ``outcomes_after``, the known outcome (TARGET) of each
stored train client is recorded through ``events.outcomes`` at the event's day plus that delay.
Run inside the app's context: references are keyed with the app's pseudonym key.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import insert

from model_training.config import VALIDATED_SUBDIR
from scoring_api.bundle_store import ServingBundle
from scoring_api.events.groups import event_groups
from scoring_api.events.outcomes import ObservedOutcome, record_outcomes
from scoring_api.events.recorder import Channel, Scored, event_row, new_pair_ref
from scoring_api.events.replay_plan import Shift, outcome_day, plan_days, shift_records
from scoring_api.security.database import Database
from scoring_api.security.models import ScoringEvent
from scoring_api.services.applications import score_applications_with_values
from scoring_api.services.raw_data import APPLICATION_TABLES, records_of

TARGET = "TARGET"
SCORE_BATCH = 500  # applications a scoring call (the API's own batches are smaller)
INSERT_BATCH = 1000  # event rows an INSERT statement


class ReplayDataError(ValueError):
    """The data folder cannot be replayed (the message names the file and what to do)."""


@dataclass(frozen=True)
class ReplayClients:
    """The clients a replay draws from: application fields (no TARGET) and known outcomes."""

    applications: pd.DataFrame
    targets: np.ndarray  # 1 defaulted, 0 repaid, NaN unknown (a test client)


@dataclass(frozen=True)
class ReplayOptions:
    """What to replay: the days, the clients a day, the seed, a shift and outcomes."""

    start: datetime.date
    days: int
    per_day: int
    as_of: datetime.date
    seed: int = 0
    shift: Shift | None = None
    outcomes_after: int | None = None


@dataclass(frozen=True)
class DaySummary:
    """What one replayed day wrote."""

    day: datetime.date
    events: int
    shifted: int
    outcomes: int


def load_clients(data_dir: Path) -> ReplayClients:
    """Return the validated applications of a data folder (train and test), sorted by id."""
    folder = Path(data_dir) / VALIDATED_SUBDIR
    paths = [folder / f"{name}.parquet" for name in APPLICATION_TABLES]
    if not paths[0].is_file():
        raise ReplayDataError(
            f"{paths[0]} not found: run `python -m model_training validate --data-dir "
            f"{data_dir}` first (replay reads the validated tables)."
        )
    try:
        frames = [pd.read_parquet(path) for path in paths if path.is_file()]
    except (OSError, ValueError) as exc:
        raise ReplayDataError(f"cannot read the validated tables in {folder}: {exc}") from exc
    table = pd.concat(frames, ignore_index=True).sort_values("SK_ID_CURR", ignore_index=True)
    if table.empty:
        raise ReplayDataError(f"{paths[0]} holds no application to replay.")
    targets = pd.to_numeric(table[TARGET], errors="coerce").to_numpy(dtype=np.float64)
    return ReplayClients(table.drop(columns=[TARGET]), targets)


def _as_scored_records(bundle: ServingBundle, records: list[dict[str, Any]]) -> list[int | None]:
    """Drop the id of clients the bundle does not store (scored as new); return each's id."""
    client_ids: list[int | None] = []
    for record in records:
        client_id = int(record["SK_ID_CURR"])
        if bundle.position(client_id) is None:
            record.pop("SK_ID_CURR")
            client_ids.append(None)
        else:
            client_ids.append(client_id)
    return client_ids


def _event_rows(
    bundle: ServingBundle,
    records: Sequence[dict[str, Any]],
    client_ids: Sequence[int | None],
    times: Sequence[datetime.datetime],
) -> list[dict[str, Any]]:
    """Score records in batches; return their events, one at each time."""
    rows: list[dict[str, Any]] = []
    for first in range(0, len(records), SCORE_BATCH):
        batch = records[first : first + SCORE_BATCH]
        results, values = score_applications_with_values(bundle, batch)
        for i, (record, result, value_of) in enumerate(zip(batch, results, values, strict=True)):
            scored = Scored(client_ids[first + i], result, value_of, event_groups(bundle, record))
            rows.append(event_row(bundle, Channel.REPLAY, scored, times[first + i]))
    return rows


def _shadow_rows(
    challenger: ServingBundle,
    records: Sequence[dict[str, Any]],
    client_ids: Sequence[int | None],
    served: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Score in shadow, as the API does, the records the challenger can score (a new
    application, or a client it stores); pair each with its served event (``pair_ref``)."""
    known = [
        i
        for i, client_id in enumerate(client_ids)
        if client_id is None or challenger.position(client_id) is not None
    ]
    times = [served[i]["at"] for i in known]
    shadow = _event_rows(
        challenger, [records[i] for i in known], [client_ids[i] for i in known], times
    )
    for i, row in zip(known, shadow, strict=True):
        served[i]["pair_ref"] = row["pair_ref"] = new_pair_ref()
        row["shadow"] = True
    return shadow


def _insert_events(database: Database, rows: Sequence[dict[str, Any]]) -> None:
    """Insert event rows in batches, in one transaction."""
    database.create_tables()
    with database.engine.begin() as connection:
        for first in range(0, len(rows), INSERT_BATCH):
            connection.execute(insert(ScoringEvent), list(rows[first : first + INSERT_BATCH]))


def replay(
    bundle: ServingBundle,
    database: Database,
    pseudonym_key: str,
    clients: ReplayClients,
    options: ReplayOptions,
    challenger: ServingBundle | None = None,
) -> Iterator[DaySummary]:
    """Replay each day in turn (written before the next is scored); yield what it wrote.

    With a ``challenger``, each score is also scored by it in shadow, as the API does.
    """
    n_clients = len(clients.applications)
    plan = plan_days(options.start, options.days, options.per_day, n_clients, options.seed)
    for index, planned in enumerate(plan):
        records = records_of(clients.applications.iloc[planned.rows])
        shift = options.shift
        is_shifted = shift is not None and shift.applies(planned.day)
        if shift is not None and is_shifted:
            records = shift_records(records, shift, options.seed, index)
        client_ids = _as_scored_records(bundle, records)
        rows = _event_rows(bundle, records, client_ids, planned.times)
        if challenger is not None:
            rows += _shadow_rows(challenger, records, client_ids, rows)
        _insert_events(database, rows)
        outcomes = []
        due = outcome_day(planned.day, options.outcomes_after, options.as_of)
        if due is not None:
            targets = clients.targets[planned.rows]
            outcomes = [
                ObservedOutcome(client_id, due, bool(target))
                for client_id, target in zip(client_ids, targets, strict=True)
                if client_id is not None and not np.isnan(target)
            ]
            if outcomes:
                record_outcomes(database, pseudonym_key, outcomes)
        yield DaySummary(
            planned.day, len(records), len(records) if is_shifted else 0, len(outcomes)
        )
