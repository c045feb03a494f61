"""Scoring events: one per served score on every channel, no personal value, none lost."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

import scoring_api.events.binning
import scoring_api.events.recorder
from model_training.evaluate.fairness import GROUP_NAMES
from model_training.monitoring.binning import bin_values
from scoring_api.context import bundle_store
from scoring_api.events.binning import monitoring_reference
from scoring_api.events.groups import stored_fairness_groups
from scoring_api.factory import create_app
from scoring_api.security.audit import pseudonymise
from scoring_api.security.database import Database
from scoring_api.security.extension import database_problem
from scoring_api.security.models import ScoringEvent
from scoring_api.security.state import get_state
from scoring_api.services.scoring import client_row
from scoring_api.services.stored import stored_value_of
from tests.processes import ROOT
from tests.scoring_api.applicants import NEW_APPLICANT
from tests.scoring_api.security.helpers import HOUR, add_key, make_app
from tests.scoring_api.settings import PSEUDONYM_KEY, make_settings

FIELDS = ("model_version", "client_ref", "probability", "decision", "score", "channel")


def new_events(app: Flask, after: int) -> list[ScoringEvent]:
    """Flush the app's event writer; return the events with an id above ``after``."""
    state = get_state(app)
    assert state.events is not None
    state.events.flush()
    with state.database.session() as session:
        query = select(ScoringEvent).where(ScoringEvent.id > after).order_by(ScoringEvent.id)
        return list(session.scalars(query))


def last_id(app: Flask) -> int:
    """Return the highest event id so far (0 when none)."""
    new_events(app, 0)
    with get_state(app).database.session() as session:
        return int(session.scalar(select(func.max(ScoringEvent.id))) or 0)


def as_dict(event: ScoringEvent) -> dict:
    """Return the fields of an event a test compares."""
    return {name: getattr(event, name) for name in FIELDS}


def test_every_channel_records_one_event_per_served_score(app, as_role, client_ids) -> None:
    first = client_ids[0]
    before = last_id(app)
    stored = as_role("advisor", "GET", f"/api/v1/clients/{first}/score").get_json()
    file = as_role("advisor", "GET", f"/api/v1/clients/{first}").get_json()
    body = {"applications": [{"SK_ID_CURR": first, "AMT_CREDIT": 500000.0}, NEW_APPLICANT]}
    scored = as_role("advisor", "POST", "/api/v1/score", json=body).get_json()["results"]
    payload = {"dataframe_records": [NEW_APPLICANT]}
    invoked = as_role("service", "POST", "/api/v1/invocations", json=payload).get_json()
    events = [as_dict(e) for e in new_events(app, before)]
    ref = pseudonymise(first, PSEUDONYM_KEY)
    expected = [
        ("stored", ref, stored),
        ("stored", ref, file),
        ("what_if", ref, scored[0]),
        ("new_application", None, scored[1]),
        ("invocations", None, invoked["predictions"][0]),
    ]
    assert events == [
        {
            "model_version": stored["model_version"],
            "client_ref": client_ref,
            "probability": pytest.approx(result["probability"]),
            "decision": result["decision"],
            "score": pytest.approx(result["score"]),
            "channel": channel,
        }
        for channel, client_ref, result in expected
    ]


def test_events_hold_no_personal_value_and_no_bins_without_a_reference(
    app, as_role, client_ids, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a bundle built before the monitoring reference: nothing to bin with
    monkeypatch.setattr(scoring_api.events.recorder, "monitoring_reference", lambda _b: None)
    monkeypatch.setattr(scoring_api.events.binning, "monitoring_reference", lambda _b: None)
    before = last_id(app)
    as_role("advisor", "GET", f"/api/v1/clients/{client_ids[1]}/score")
    (event,) = new_events(app, before)
    assert event.feature_bins == {}
    assert str(client_ids[1]) not in repr(as_dict(event))


def test_monitored_features_are_stored_as_their_reference_bins(app, as_role, client_ids) -> None:
    with app.test_request_context():
        bundle = bundle_store().get()
        reference = monitoring_reference(bundle)
        value_of = stored_value_of(bundle, client_row(bundle, client_ids[0]))
    assert reference is not None
    before = last_id(app)
    as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/score")
    body = {"applications": [NEW_APPLICANT]}
    as_role("advisor", "POST", "/api/v1/score", json=body)
    stored, new = new_events(app, before)
    assert stored.feature_bins == {
        name: int(bin_values(reference, name, [value_of(name)])[0])
        for name in reference.feature_names
    }
    assert list(new.feature_bins) == list(reference.feature_names)
    for variable in reference.features:
        assert 0 <= new.feature_bins[variable.name] < variable.n_bins
    assert str(client_ids[0]) not in repr(as_dict(stored))


def test_events_carry_the_clients_fairness_groups(app, as_role, client_ids) -> None:
    with app.test_request_context():
        stored = stored_fairness_groups(bundle_store().get(), client_ids[0])
    assert set(stored) == set(GROUP_NAMES)  # the bundle holds every client's groups
    before = last_id(app)
    as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/score")
    applicant = NEW_APPLICANT | {"CODE_GENDER": "F", "DAYS_BIRTH": -365.25 * 45}
    body = {"applications": [applicant, NEW_APPLICANT | {"DAYS_BIRTH": -365.25 * 25}]}
    as_role("advisor", "POST", "/api/v1/score", json=body)
    events = new_events(app, before)
    assert [event.groups for event in events] == [
        stored,
        {"gender": "F", "age band": "40-50"},
        {"age band": "under 30"},  # gender not given: not guessed
    ]


def test_a_graceful_stop_writes_every_waiting_event(data_dir: Path, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, data_dir, audit_flush_seconds=HOUR)
    server = create_app(settings)
    key = add_key(server, "crm")
    client = server.test_client()
    with server.test_request_context():
        client_id = int(bundle_store().get().client_ids[0])
    for _ in range(3):
        response = client.get(f"/api/v1/clients/{client_id}/score", headers={"X-API-Key": key})
        assert response.status_code == 200
    state = get_state(server)
    assert state.events is not None
    assert state.events.pending == 3
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["worker_exit"](None, None)
    assert state.events.pending == 0
    with state.database.session() as session:
        assert session.scalar(select(func.count(ScoringEvent.id))) == 3


def test_no_event_is_lost_when_the_process_ends(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from types import SimpleNamespace
        from scoring_api.events.recorder import Channel, Scored, record_scores
        from tests.scoring_api.security.helpers import make_app
        from tests.scoring_api.settings import make_settings
        app = make_app(make_settings(Path({str(tmp_path)!r}), audit_flush_seconds={HOUR}))
        source = SimpleNamespace(monitoring_reference=lambda: None)  # built before the reference
        bundle = SimpleNamespace(version="v1", source=source, cached=lambda s, k, build: build())
        result = {{"probability": 0.2, "decision": "granted", "score": 700.0}}
        with app.app_context():
            record_scores(bundle, Channel.INVOCATIONS, [Scored(None, result)] * 40)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
    opened = Database(make_settings(tmp_path).database_url)
    with opened.session() as session:
        channels = list(session.scalars(select(ScoringEvent.channel)))
    opened.dispose()
    assert channels == ["invocations"] * 40


def test_readiness_names_events_not_yet_written(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, audit_flush_seconds=HOUR))
    events = get_state(app).events
    assert events is not None
    with app.app_context():
        assert database_problem() is None
        events._is_failing = True  # as after a failed flush (the writer's own flag)
        assert database_problem() == "scoring events not written yet (0 waiting)"
