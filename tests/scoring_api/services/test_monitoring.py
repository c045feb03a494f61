"""The monitoring report on a small SQLite database: windows, indicators, challenger, latest."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import insert

from model_training.bundle import OOF
from scoring_api.bundle_store import ServingBundle
from scoring_api.config import Settings
from scoring_api.context import bundle_store
from scoring_api.events.binning import REFERENCE_SLOT, monitoring_reference
from scoring_api.security.database import Database
from scoring_api.security.models import Outcome, ScoringEvent
from scoring_api.services.monitoring import (
    default_start,
    latest_indicators,
    monitoring_report,
    window_bounds,
)
from tests.scoring_api.monitoring_streams import RISKY, event, training_stream

MONDAY = datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
SETTINGS = Settings()
D = datetime.date


@pytest.fixture(scope="module")
def bundle(app: Flask) -> ServingBundle:
    """Return the session app's bundle."""
    with app.test_request_context():
        return bundle_store().get()


@pytest.fixture
def database(tmp_path: Path) -> Database:
    """Return an empty events database."""
    found = Database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    found.create_tables()
    return found


def insert_rows(database: Database, events: list, outcomes: list | None = None) -> None:
    """Insert events (and outcomes)."""
    with database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), events)
        if outcomes:
            connection.execute(insert(Outcome), outcomes)


def report(database: Database, bundle: ServingBundle, period: str, first: D, last: D, **kw):
    """Return the monitoring report of the days."""
    with database.session() as session:
        return monitoring_report(session, bundle, SETTINGS, period, first, last, **kw)


def statuses(window: dict) -> dict[str, str]:
    """Return each indicator's status."""
    return {row["name"]: row["status"] for row in window["indicators"]}


def test_a_stream_like_training_reads_no_drift(database, bundle) -> None:
    insert_rows(database, *training_stream(bundle, MONDAY))
    found = report(database, bundle, "week", D(2026, 11, 2), D(2026, 11, 8))
    json.dumps(found, allow_nan=False)  # JSON as it is: no NaN anywhere
    assert found["has_reference"] is True
    assert [(w["start"], w["end"]) for w in found["windows"]] == [("2026-11-02", "2026-11-09")]
    window = found["windows"][0]
    assert found["latest"] == window
    assert window["statistics"]["n"] == len(bundle.source.table(OOF))
    # The training clients against their own reference: no drift, the out-of-fold approval
    # rate and expected cost exactly, outcomes as expected. The groups' approval ratio reads
    # the model itself (its training decisions already differ by group).
    for name in ("score_psi", "feature_psi_max", "approval_rate_shift", "expected_cost_ratio"):
        assert statuses(window)[name] == "ok", name
    assert statuses(window)["gini_drop"] == "ok"
    values = {row["name"]: row["value"] for row in window["indicators"]}
    assert values["score_psi"] == pytest.approx(0.0, abs=1e-9)
    assert values["approval_rate_shift"] == pytest.approx(0.0, abs=1e-9)
    assert values["expected_cost_ratio"] == pytest.approx(1.0)
    outcomes = window["statistics"]["outcomes"]
    assert values["calibration_gap"] == pytest.approx(
        abs(outcomes["default_rate"] - outcomes["mean_predicted"])
    )
    assert list(found["thresholds"]) == [row["name"] for row in window["indicators"]]
    assert found["challenger"] is None


def test_a_shifted_stream_alerts_on_the_score_psi(database, bundle) -> None:
    reference = monitoring_reference(bundle)
    assert reference is not None
    assert bundle.scale.score(RISKY) < reference.score.edges[0]  # all in the first bin
    insert_rows(database, [event(bundle, MONDAY, RISKY) for _ in range(200)])
    window = report(database, bundle, "day", D(2026, 11, 2), D(2026, 11, 2))["latest"]
    assert statuses(window)["score_psi"] == "alert"
    assert statuses(window)["approval_rate_shift"] == "alert"  # every one refused
    assert statuses(window)["feature_psi_max"] == "unknown"  # no feature binned


def test_windows_by_day_week_and_month_are_cut_to_the_days(database, bundle) -> None:
    days = [D(2026, 10, 30), D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 10)]
    moments = [datetime.datetime(d.year, d.month, d.day, 12, tzinfo=datetime.UTC) for d in days]
    insert_rows(database, [event(bundle, at, 0.05) for at in moments])

    def windows(period: str, first: D | None = None) -> list:
        first = first or D(2026, 10, 1)
        found = report(database, bundle, period, first, D(2026, 11, 30))["windows"]
        return [(w["start"], w["end"], w["statistics"]["n"]) for w in found]

    assert windows("day") == [
        ("2026-10-30", "2026-10-31", 1),
        ("2026-11-02", "2026-11-03", 1),
        ("2026-11-03", "2026-11-04", 1),
        ("2026-11-10", "2026-11-11", 1),
    ]
    assert windows("week") == [
        ("2026-10-26", "2026-11-02", 1),
        ("2026-11-02", "2026-11-09", 2),
        ("2026-11-09", "2026-11-16", 1),
    ]
    assert windows("month") == [("2026-10-01", "2026-11-01", 1), ("2026-11-01", "2026-12-01", 3)]
    assert windows("week", D(2026, 10, 31)) == [  # the first week cut to the asked days
        ("2026-11-02", "2026-11-09", 2),
        ("2026-11-09", "2026-11-16", 1),
    ]
    window = report(database, bundle, "week", D(2026, 11, 2), D(2026, 11, 8))["latest"]
    assert set(statuses(window).values()) == {"unknown"}  # 2 events: under MIN_EVENTS


def test_window_bounds_and_the_default_start() -> None:
    assert window_bounds("week", D(2026, 11, 4), D(2026, 11, 10)) == [
        (D(2026, 11, 4), D(2026, 11, 9)),
        (D(2026, 11, 9), D(2026, 11, 11)),
    ]
    assert window_bounds("month", D(2026, 12, 31), D(2027, 1, 1)) == [
        (D(2026, 12, 31), D(2027, 1, 1)),
        (D(2027, 1, 1), D(2027, 1, 2)),
    ]
    assert default_start(D(2026, 12, 5), "week") == D(2026, 9, 7)  # the contract's example
    assert default_start(D(2026, 12, 5), "day") == D(2026, 11, 23)
    assert default_start(D(2026, 12, 5), "month") == D(2025, 12, 1)


def test_an_empty_range_has_no_window(database, bundle) -> None:
    found = report(database, bundle, "week", D(2026, 11, 2), D(2026, 11, 8))
    assert (found["windows"], found["latest"], found["has_reference"]) == ([], None, True)


def test_a_bundle_without_reference_has_no_window(database, bundle) -> None:
    insert_rows(database, [event(bundle, MONDAY, 0.05)])
    older = dataclasses.replace(bundle)  # a fresh cache
    older.cached(REFERENCE_SLOT, None, lambda: None)
    found = report(database, older, "week", D(2026, 11, 2), D(2026, 11, 8))
    assert (found["has_reference"], found["windows"], found["latest"]) == (False, [], None)
    assert set(found["thresholds"]) == {
        row["name"] for row in latest_indicators_of(database, older)
    }


def latest_indicators_of(database: Database, bundle: ServingBundle, **kw) -> list[dict]:
    """Return the latest indicators of a day ending on Tuesday 2026-11-03 at noon."""
    now = datetime.datetime(2026, 11, 3, 12, tzinfo=datetime.UTC)
    with database.session() as session:
        return latest_indicators(session, bundle, SETTINGS, "day", now=now, **kw)


def test_latest_indicators_read_the_last_day_ending_now(database, bundle) -> None:
    assert {row["status"] for row in latest_indicators_of(database, bundle)} == {"unknown"}
    at = datetime.datetime(2026, 11, 2, 13, tzinfo=datetime.UTC)  # 23 h before now
    insert_rows(database, [event(bundle, at, RISKY) for _ in range(150)])
    found = latest_indicators_of(database, bundle)
    assert (found[0]["name"], found[0]["status"]) == ("score_psi", "alert")
    late = datetime.datetime(2026, 11, 2, 11, tzinfo=datetime.UTC)  # 25 h before: left out
    insert_rows(database, [event(bundle, late, 0.05)])
    assert latest_indicators_of(database, bundle)[0] == found[0]


def test_the_challenger_block_pairs_served_and_shadow_scores(database, bundle) -> None:
    served = [event(bundle, MONDAY, 0.05, pair_ref=f"p{i}") for i in range(4)]
    shadow = [
        event(bundle, MONDAY, p, pair_ref=f"p{i}", shadow=True)
        for i, p in enumerate([0.07, 0.09, 0.03, 0.9])  # the last one refused
    ]
    unpaired = [event(bundle, MONDAY, 0.5, shadow=True)]  # counted, not paired
    insert_rows(database, served + shadow + unpaired)
    found = report(database, bundle, "week", D(2026, 11, 2), D(2026, 11, 8), challenger=bundle)
    challenger = found["challenger"]
    assert challenger["model_version"] == bundle.version
    [window] = challenger["windows"]
    assert (window["start"], window["end"], window["n"]) == ("2026-11-02", "2026-11-09", 5)
    assert window["agreement"] == pytest.approx(0.75)
    assert window["mean_probability_gap"] == pytest.approx((0.02 + 0.04 - 0.02 + 0.85) / 4)
    assert (window["auc"], window["champion_auc"]) == (None, None)  # no outcome yet
    assert window["score_psi"] is not None
    json.dumps(found, allow_nan=False)
