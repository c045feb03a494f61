"""The monitoring report: the champion's windows of served scores against its training
reference, their indicators, and the challenger's shadow scores beside them.

Windows are days, ISO weeks (Monday first) or calendar months (``monitoring.windows``), cut
to the asked days (``start_day`` to ``end_day``, both included, UTC); each is read from the
database with one range query (``events.window``), and only windows holding events are kept.
NaN is written as None everywhere, so the report is JSON as it is.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from model_training.bundle.layout import GROUPS, OOF
from model_training.evaluate.fairness import GROUP_NAMES
from model_training.monitoring.decisions import expected_cost
from model_training.monitoring.fairness import fairness_by_group
from model_training.monitoring.indicators import (
    UNKNOWN,
    Baseline,
    approval_ratios,
    indicators,
    thresholds_document,
)
from model_training.monitoring.statistics import ModelFacts, window_statistics
from model_training.monitoring.windows import window_starts
from scoring_api.bundle_store import ServingBundle
from scoring_api.config import Settings
from scoring_api.events.binning import monitoring_reference
from scoring_api.events.window import window_events
from scoring_api.security.models import ScoringEvent
from scoring_api.services.model_card import card_metrics

DAY = datetime.timedelta(days=1)
ROLLING = {"day": DAY, "week": 7 * DAY, "month": 30 * DAY}  # latest_indicators' windows
BASELINE_SLOT = "monitoring_baseline"
Bounds = tuple[datetime.date, datetime.date]  # a window's first day and the day after its last


def json_ready(value: Any) -> Any:
    """Return a value as JSON holds it: NaN as None, numpy numbers and tuples as Python's."""
    if isinstance(value, Mapping):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [json_ready(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def model_facts(bundle: ServingBundle) -> ModelFacts | None:
    """Return what a window's statistics read from the bundle (None: no monitoring reference)."""
    reference = monitoring_reference(bundle)
    if reference is None:
        return None
    metadata = bundle.metadata
    return ModelFacts(metadata.threshold, metadata.points.scale, metadata.costs, reference)


def baseline(bundle: ServingBundle) -> Baseline:
    """Return what the bundle measured out of fold: approval rate, expected cost per decision
    and each fairness attribute's approval ratio."""
    refusal = card_metrics(bundle).get("refusal_rate_oof")  # the model card's one refusal rate
    cost, ratios = bundle.cached(BASELINE_SLOT, bundle.version, lambda: _oof_baseline(bundle))
    return Baseline(
        approval_rate=None if refusal is None else 1.0 - float(refusal),
        expected_cost=cost,
        approval_ratios=ratios,
    )


def _oof_baseline(bundle: ServingBundle) -> tuple[float | None, dict[str, float]]:
    """Return the windows' own estimates on the train clients' out-of-fold probabilities: the
    expected cost (``decisions.expected_cost``) and the groups' approval ratios (None and {}
    for a bundle without its oof table; {} without its groups table).

    A window like the training population then reads a ratio of 1 and no drop, whatever the
    model's calibration or its differences between groups at training.
    """
    source = bundle.source
    if not source.has_table(OOF):
        return None, {}
    oof = source.table(OOF, ["SK_ID_CURR", "oof_probability"])
    probability = oof["oof_probability"].to_numpy(float)
    metadata = bundle.metadata
    cost = float(expected_cost(probability, metadata.threshold, metadata.costs)["expected_cost"])
    if not source.has_table(GROUPS):
        return cost, {}
    groups = oof[["SK_ID_CURR"]].merge(source.table(GROUPS), on="SK_ID_CURR", how="left")
    labels = {name: groups[name].to_numpy(dtype=object) for name in GROUP_NAMES}
    return cost, approval_ratios(fairness_by_group(labels, probability, metadata.threshold))


def _next_start(start: datetime.date, period: str) -> datetime.date:
    """Return the first day of the window after the one starting on ``start``."""
    if period == "month":
        return (start.replace(day=28) + 4 * DAY).replace(day=1)
    return start + (7 * DAY if period == "week" else DAY)


def period_start(day: datetime.date, period: str) -> datetime.date:
    """Return the first day of the window of ``period`` holding ``day``."""
    start = window_starts(np.array([np.datetime64(day)]), period)[0]
    return datetime.date.fromisoformat(str(start))


def default_start(end_day: datetime.date, period: str) -> datetime.date:
    """Return the default first day: the start of the window 12 windows before ``end_day``'s."""
    start = period_start(end_day, period)
    for _ in range(12):
        start = period_start(start - DAY, period)
    return start


def window_bounds(period: str, start_day: datetime.date, end_day: datetime.date) -> list[Bounds]:
    """Return the windows of ``period`` covering the days, cut to them (end excluded)."""
    bounds = []
    start = period_start(start_day, period)
    while start <= end_day:
        following = _next_start(start, period)
        bounds.append((max(start, start_day), min(following, end_day + DAY)))
        start = following
    return bounds


def _moment(day: datetime.date) -> datetime.datetime:
    """Return the start of a UTC day."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _window(
    session: Session,
    bundle: ServingBundle,
    facts: ModelFacts,
    start: datetime.datetime,
    end: datetime.datetime,
    shadow: bool = False,
) -> dict | None:
    """Return the statistics of a version's events in a window (None: no event)."""
    events = window_events(session, facts.reference, bundle.version, start, end, shadow=shadow)
    if not len(events.probability):
        return None
    return window_statistics(events, facts)


def _pairs(
    session: Session,
    champion: str,
    challenger: str,
    start: datetime.datetime,
    end: datetime.datetime,
) -> dict[str, float | None]:
    """Return the agreement and mean probability gap (challenger - champion) of paired scores."""
    served, shadow = aliased(ScoringEvent), aliased(ScoringEvent)
    statement = (
        select(served.probability, served.decision, shadow.probability, shadow.decision)
        .join(shadow, served.pair_ref == shadow.pair_ref)
        .where(
            served.model_version == champion,
            served.shadow.is_(False),
            served.at >= start,
            served.at < end,
            served.pair_ref.is_not(None),
            shadow.model_version == challenger,
            shadow.shadow.is_(True),
        )
    )
    rows = session.execute(statement).all()
    if not rows:
        return {"agreement": None, "mean_probability_gap": None}
    agree = sum(row[1] == row[3] for row in rows)
    gap = sum(row[2] - row[0] for row in rows)
    return {"agreement": agree / len(rows), "mean_probability_gap": gap / len(rows)}


def _auc(statistics: dict | None) -> float | None:
    """Return a window's actual AUC once outcomes exist, else None."""
    outcomes = (statistics or {}).get("outcomes")
    return None if outcomes is None else json_ready(outcomes["auc"])


def challenger_windows(
    session: Session,
    champion: ServingBundle,
    challenger: ServingBundle,
    bounds: Sequence[Bounds],
    champion_statistics: Mapping[datetime.date, dict],
) -> list[dict]:
    """Return the challenger's windows holding shadow scores, compared with the champion's."""
    facts = model_facts(challenger)
    if facts is None:
        return []
    rows = []
    for first, after in bounds:
        start, end = _moment(first), _moment(after)
        statistics = _window(session, challenger, facts, start, end, shadow=True)
        if statistics is None:
            continue
        row = {
            "start": first.isoformat(),
            "end": after.isoformat(),
            "n": statistics["n"],
            "approval_rate": statistics["approval_rate"],
            "expected_cost": statistics["expected_cost"],
            "score_psi": statistics["score_drift"]["psi"],
            **_pairs(session, champion.version, challenger.version, start, end),
            "auc": _auc(statistics),
            "champion_auc": _auc(champion_statistics.get(first)),
        }
        rows.append(json_ready(row))
    return rows


def monitoring_report(
    session: Session,
    bundle: ServingBundle,
    settings: Settings,
    period: str,
    start_day: datetime.date,
    end_day: datetime.date,
    challenger: ServingBundle | None = None,
) -> dict:
    """Return the monitoring reply of GET /monitoring for the days ``start_day``..``end_day``."""
    thresholds = settings.monitoring_thresholds()
    facts = model_facts(bundle)
    bounds = window_bounds(period, start_day, end_day)
    windows, statistics_by_start = [], {}
    if facts is not None:
        reference_baseline = baseline(bundle)
        for first, after in bounds:
            statistics = _window(session, bundle, facts, _moment(first), _moment(after))
            if statistics is None:
                continue
            statistics_by_start[first] = statistics
            found = indicators(
                statistics, reference_baseline, thresholds, settings.monitoring_min_events
            )
            windows.append(
                json_ready(
                    {
                        "start": first.isoformat(),
                        "end": after.isoformat(),
                        "statistics": statistics,
                        "indicators": found,
                    }
                )
            )
    return {
        "model_version": bundle.version,
        "window": period,
        "from": start_day.isoformat(),
        "to": end_day.isoformat(),
        "has_reference": facts is not None,
        "thresholds": thresholds_document(thresholds),
        "windows": windows,
        "latest": windows[-1] if windows else None,
        "challenger": (
            None
            if challenger is None
            else {
                "model_version": challenger.version,
                "windows": challenger_windows(
                    session, bundle, challenger, bounds, statistics_by_start
                ),
            }
        ),
    }


def latest_indicators(
    session: Session,
    bundle: ServingBundle,
    settings: Settings,
    period: str,
    now: datetime.datetime | None = None,
) -> list[dict]:
    """Return the indicators of the last ``period`` (1, 7 or 30 days) ending ``now``.

    A rolling window, so an alert does not fade at midnight when a calendar day starts empty;
    without a reference or an event every indicator is unknown.
    """
    thresholds = settings.monitoring_thresholds()
    end = now or datetime.datetime.now(datetime.UTC)
    facts = model_facts(bundle)
    statistics = (
        None if facts is None else _window(session, bundle, facts, end - ROLLING[period], end)
    )
    if statistics is None:
        return [
            {
                "name": name,
                "value": None,
                "status": UNKNOWN,
                "warn": level.warn,
                "alert": level.alert,
            }
            for name, level in thresholds.items()
        ]
    found = indicators(statistics, baseline(bundle), thresholds, settings.monitoring_min_events)
    return json_ready(found)
