"""A monitoring window read from the database: one version's events, their bins, outcomes."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from model_training.bundle.metadata import Costs
from model_training.bundle.reference import BinnedVariable, MonitoringReference
from model_training.modeling.points import PointsScale
from model_training.monitoring.statistics import ModelFacts, window_statistics
from scoring_api.events.window import window_events
from scoring_api.security.database import Database
from scoring_api.security.models import Outcome, ScoringEvent

DAY = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
REFERENCE = MonitoringReference(
    score=BinnedVariable("score", "numeric", (1, 1, 0), edges=(550.0,)),
    features=(
        BinnedVariable("AMT_CREDIT", "numeric", (1, 1, 1, 0), edges=(0.0, 10.0)),
        BinnedVariable("EXT_SOURCE_2", "numeric", (1, 1, 0), edges=(0.5,)),
    ),
    n_clients=3,
)


def event(hours: float, ref: str | None, score: float, bins: dict, version: str = "v1") -> dict:
    """Return one scoring event row ``hours`` after DAY."""
    return {
        "at": DAY + datetime.timedelta(hours=hours),
        "model_version": version,
        "client_ref": ref,
        "probability": 0.1,
        "decision": "granted" if score > 550 else "refused",
        "score": score,
        "channel": "stored" if ref else "new_application",
        "feature_bins": bins,
        "groups": {},
        "shadow": False,
        "pair_ref": None,
    }


def test_a_window_holds_its_versions_events_bins_and_latest_outcomes(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    database.create_tables()
    both = {"AMT_CREDIT": 2, "EXT_SOURCE_2": 0}
    rows = [
        event(1, "a", 600.0, both),
        event(2, "b", 550.0, {"AMT_CREDIT": 0}),  # no EXT_SOURCE_2 bin: that feature is left out
        event(3, None, 500.0, both),
        event(4, "a", 610.0, both, version="v0"),  # another bundle's event: not read
        event(30, "a", 600.0, both),  # after the window
    ]
    outcomes = [
        {"client_ref": "a", "outcome_date": datetime.date(2026, 1, 1), "defaulted": True},
        {"client_ref": "a", "outcome_date": datetime.date(2026, 6, 1), "defaulted": False},
    ]
    with database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), rows)
        connection.execute(insert(Outcome), outcomes)
    with database.session() as session:
        window = window_events(session, REFERENCE, "v1", DAY, DAY + datetime.timedelta(days=1))
    assert list(window.decision) == ["granted", "refused", "refused"]
    assert list(window.score_bin) == [1, 0, 0]  # 550 equals the edge: the bin below it
    assert list(window.feature_bins) == ["AMT_CREDIT"]
    assert list(window.feature_bins["AMT_CREDIT"]) == [2, 0, 2]
    assert window.outcome is not None
    assert window.outcome[0] == 0.0  # the latest outcome of client a: repaid
    assert np.isnan(window.outcome[1:]).all()  # b has none yet, the new applicant has no client
    facts = ModelFacts(
        0.25, PointsScale(), Costs(false_negative=10.0, false_positive=1.0), REFERENCE
    )
    statistics = window_statistics(window, facts)  # the window reads as the statistics expect
    assert statistics["n"] == 3
    assert [row["feature"] for row in statistics["feature_drift"]] == ["AMT_CREDIT"]


def test_a_window_without_any_outcome_has_no_outcome_array(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    database.create_tables()
    with database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), [event(1, "a", 600.0, {})])
    with database.session() as session:
        window = window_events(session, REFERENCE, "v1", DAY, DAY + datetime.timedelta(days=1))
    assert window.outcome is None
    assert window.feature_bins == {}
    assert len(window.probability) == 1


def test_a_window_reads_groups_and_keeps_served_and_shadow_scores_apart(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    database.create_tables()
    rows = [
        event(1, "a", 600.0, {}) | {"groups": {"gender": "F", "age band": "30-40"}},
        event(2, None, 500.0, {}) | {"groups": {"age band": "60+"}},  # gender not given
        event(2, None, 520.0, {}) | {"shadow": True, "pair_ref": "p1"},  # a challenger's
    ]
    with database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), rows)
    end = DAY + datetime.timedelta(days=1)
    with database.session() as session:
        served = window_events(session, REFERENCE, "v1", DAY, end)
        shadow = window_events(session, REFERENCE, "v1", DAY, end, shadow=True)
    assert list(served.groups) == ["gender", "age band"]
    assert list(served.groups["gender"]) == ["F", None]
    assert list(served.groups["age band"]) == ["30-40", "60+"]
    assert list(shadow.score_bin) == [0]
    assert shadow.groups == {}
    facts = ModelFacts(
        0.25, PointsScale(), Costs(false_negative=10.0, false_positive=1.0), REFERENCE
    )
    fairness = window_statistics(served, facts)["fairness"]
    assert [(row["attribute"], row["group"], row["n"]) for row in fairness] == [
        ("gender", "F", 1),
        ("gender", "missing", 1),
        ("age band", "30-40", 1),
        ("age band", "60+", 1),
    ]
