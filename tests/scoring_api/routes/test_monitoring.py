"""GET monitoring: windows as the contract says, NaN written null, 422s, the challenger block."""

from __future__ import annotations

import datetime
import json

import pytest
from sqlalchemy import delete, insert

from scoring_api.context import bundle_store
from scoring_api.monitoring_schemas import MAX_RANGE_DAYS
from scoring_api.routes import monitoring as route
from scoring_api.security.models import Outcome, ScoringEvent
from scoring_api.security.state import get_state
from scoring_api.services.monitoring import default_start

URL = "/api/v1/monitoring"
MONDAY = datetime.datetime(2020, 1, 6, 9, tzinfo=datetime.UTC)  # a week no other test uses
REF = "monitoring-route-test"


def event(version: str, probability: float, **fields) -> dict:
    """Return one served event of the test week."""
    return {
        "at": MONDAY,
        "model_version": version,
        "client_ref": None,
        "probability": probability,
        "decision": "granted" if probability < 0.5 else "refused",
        "score": 600.0 - 100 * probability,
        "channel": "stored",
        "feature_bins": {},
        "groups": {},
        "shadow": False,
        "pair_ref": None,
    } | fields


@pytest.fixture
def week_of_events(app):
    """Insert the test week's events (one with an outcome); delete them afterwards."""
    with app.test_request_context():
        version = bundle_store().get().version
    rows = [
        event(version, 0.1, client_ref=REF, pair_ref="monitoring-p1"),
        event(version, 0.2, pair_ref="monitoring-p2"),
        event(version, 0.3, shadow=True, pair_ref="monitoring-p1"),
        event(version, 0.7, shadow=True, pair_ref="monitoring-p2"),
    ]
    outcome = {"client_ref": REF, "outcome_date": datetime.date(2020, 6, 1), "defaulted": True}
    database = get_state(app).database
    with database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), rows)
        connection.execute(insert(Outcome), [outcome])
    yield version
    with database.engine.begin() as connection:
        connection.execute(delete(ScoringEvent).where(ScoringEvent.at == MONDAY))
        connection.execute(delete(Outcome).where(Outcome.client_ref == REF))


def test_a_week_reads_as_the_contract_says_nan_written_null(as_role, week_of_events) -> None:
    response = as_role("advisor", "GET", f"{URL}?window=week&from=2020-01-01&to=2020-01-12")
    assert response.status_code == 200
    assert b"NaN" not in response.get_data()
    body = response.get_json()
    assert {key: body[key] for key in ("model_version", "window", "from", "to")} == {
        "model_version": week_of_events,
        "window": "week",
        "from": "2020-01-01",
        "to": "2020-01-12",
    }
    assert body["has_reference"] is True
    assert body["thresholds"]["score_psi"] == {"warn": 0.1, "alert": 0.25, "direction": "above"}
    [window] = body["windows"]
    assert (window["start"], window["end"]) == ("2020-01-06", "2020-01-13")
    assert window["statistics"]["n"] == 2
    outcomes = window["statistics"]["outcomes"]
    assert outcomes["n_with_outcome"] == 1
    assert outcomes["auc"] is None  # one outcome: no AUC, NaN written null
    assert [row["status"] for row in window["indicators"]] == ["unknown"] * 7  # 2 < 100 events
    assert body["latest"] == window
    assert body["challenger"] is None  # no CHALLENGER file


def test_the_challenger_block_pairs_scores(as_role, week_of_events, monkeypatch) -> None:
    # The session bundle plays the challenger (its shadow scores are the test week's).
    monkeypatch.setattr(route, "shadow_challenger", lambda _version: bundle_store().get())
    body = as_role("admin", "GET", f"{URL}?window=day&from=2020-01-06&to=2020-01-06").get_json()
    challenger = body["challenger"]
    assert challenger["model_version"] == week_of_events
    [window] = challenger["windows"]
    assert (window["start"], window["end"], window["n"]) == ("2020-01-06", "2020-01-07", 2)
    assert window["agreement"] == pytest.approx(0.5)  # 0.2 granted, 0.7 refused
    assert window["mean_probability_gap"] == pytest.approx((0.2 + 0.5) / 2)
    assert window["champion_auc"] is None
    json.dumps(body, allow_nan=False)


def test_the_default_range_is_twelve_windows_to_today(as_role) -> None:
    body = as_role("advisor", "GET", URL).get_json()
    today = datetime.datetime.now(datetime.UTC).date()
    assert (body["window"], body["to"]) == ("week", today.isoformat())
    assert body["from"] == default_start(today, "week").isoformat()
    body = as_role("advisor", "GET", f"{URL}?window=month&to=2020-01-12").get_json()
    assert (body["from"], body["to"]) == ("2019-01-01", "2020-01-12")


@pytest.mark.parametrize(
    "query",
    [
        "window=year",
        "from=2020-13-01",
        "to=yesterday",
        "from=2020-01-12&to=2020-01-01",  # from after to
        "from=2020-01-01&to=2021-02-04",  # 401 days
        "from=2999-01-01",  # after today, the default 'to'
        "from=2000-01-01",  # over 400 days to today
        "unknown=1",
    ],
)
def test_bad_queries_are_422(as_role, query) -> None:
    response = as_role("advisor", "GET", f"{URL}?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_error"


def test_a_range_of_400_days_is_accepted(as_role) -> None:
    last = datetime.date(2020, 1, 1) + datetime.timedelta(days=MAX_RANGE_DAYS - 1)
    response = as_role("advisor", "GET", f"{URL}?window=month&from=2020-01-01&to={last}")
    assert response.status_code == 200
