"""Shadow scoring: the challenger scores what the champion serves, off the request path."""

from __future__ import annotations

import runpy
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

import scoring_api.events.shadow
import scoring_api.events.shadow_rows
from model_training.bundle import CHALLENGER_FILE, current_version, set_challenger
from scoring_api.context import SHADOW_KEY, bundle_store
from scoring_api.events.recorder import Channel, Scored, ShadowJob
from scoring_api.events.shadow import ShadowCounters, ShadowScorer
from scoring_api.events.shadow_rows import stored_results
from scoring_api.factory import create_app
from scoring_api.security.models import ScoringEvent, utc_now
from scoring_api.security.state import get_state
from scoring_api.services.scoring import score_stored_client
from tests.processes import ROOT
from tests.reliability.server import clone_bundle, copy_artifacts
from tests.scoring_api.applicants import NEW_APPLICANT
from tests.scoring_api.security.helpers import add_key, make_app
from tests.scoring_api.settings import make_settings

CHALLENGER = "29990101T000000Z-challenger"
PAIRED = ("model_version", "shadow", "pair_ref", "at", "channel", "client_ref", "decision")


@pytest.fixture(scope="module")
def artifacts(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the session bundle with a challenger (same model, higher threshold)."""
    copied = copy_artifacts(data_dir / "artifacts", tmp_path_factory.mktemp("shadow") / "a")
    clone_bundle(copied, CHALLENGER, threshold_shift=0.05)
    return copied


@pytest.fixture(scope="module")
def server(artifacts: Path, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return an app on the copied bundle, checking CURRENT and CHALLENGER at every request."""
    settings = make_settings(
        tmp_path_factory.mktemp("db"), data_dir, artifacts_dir=artifacts, bundle_check_seconds=0
    )
    app = create_app(settings)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def with_challenger(server: Flask, artifacts: Path) -> Iterator[ShadowScorer]:
    """Name the challenger in CHALLENGER and load it; remove it after the test."""
    set_challenger(artifacts, CHALLENGER)
    shadow = scorer(server)
    shadow.challengers.refresh(force=True)
    yield shadow
    (artifacts / CHALLENGER_FILE).unlink(missing_ok=True)
    shadow.challengers.refresh(force=True)


def scorer(app: Flask) -> ShadowScorer:
    """Return the app's shadow scorer."""
    shadow: ShadowScorer = app.extensions[SHADOW_KEY]
    return shadow


def served(app: Flask) -> dict[str, Any]:
    """Score one stored client, one what-if and one new applicant; return the answers."""
    key = app.config.get("SHADOW_TEST_KEY") or add_key(app, "shadow-test", "advisor")
    app.config["SHADOW_TEST_KEY"] = key  # one key for the module's app
    client = app.test_client()
    with app.test_request_context():
        client_id = int(bundle_store().get().client_ids[0])
    headers = {"X-API-Key": key}
    stored = client.get(f"/api/v1/clients/{client_id}/score", headers=headers)
    body = {"applications": [{"SK_ID_CURR": client_id, "AMT_CREDIT": 500000.0}, NEW_APPLICANT]}
    scored = client.post("/api/v1/score", json=body, headers=headers)
    invoked = client.post(
        "/api/v1/invocations", json={"dataframe_records": [NEW_APPLICANT]}, headers=headers
    )
    assert stored.status_code == scored.status_code == invoked.status_code == 200
    return {"stored": stored.get_json(), "scored": scored.get_json(), "invoked": invoked.get_json()}


def events_after(app: Flask, after: int) -> list[ScoringEvent]:
    """Wait for the shadow jobs, flush the writer; return the events with an id above ``after``."""
    assert scorer(app).wait_idle(30)
    state = get_state(app)
    assert state.events is not None
    state.events.flush()
    with state.database.session() as session:
        query = select(ScoringEvent).where(ScoringEvent.id > after).order_by(ScoringEvent.id)
        return list(session.scalars(query))


def last_id(app: Flask) -> int:
    """Return the highest event id so far (0 when none)."""
    events = events_after(app, 0)
    return events[-1].id if events else 0


def test_each_served_score_gets_a_shadow_event_with_the_same_pair_and_time(
    server: Flask, with_challenger: ShadowScorer, artifacts: Path
) -> None:
    before = last_id(server)
    served(server)
    events = events_after(server, before)
    champion = [e for e in events if not e.shadow]
    shadow = {e.pair_ref: e for e in events if e.shadow}
    assert [e.channel for e in champion] == ["stored", "what_if", "new_application", "invocations"]
    assert len(shadow) == len(champion) == 4
    for event in champion:
        twin = shadow[event.pair_ref]
        assert event.pair_ref is not None
        assert len(event.pair_ref) == 32
        assert event.model_version == current_version(artifacts)
        assert twin.model_version == CHALLENGER
        assert (twin.at, twin.channel, twin.client_ref) == (
            event.at,
            event.channel,
            event.client_ref,
        )
        assert twin.probability == pytest.approx(event.probability)  # the same model, cloned
        assert twin.feature_bins == event.feature_bins
        assert twin.groups == event.groups


def test_the_answers_are_the_same_with_and_without_a_challenger(
    server: Flask, artifacts: Path
) -> None:
    without = served(server)
    set_challenger(artifacts, CHALLENGER)
    scorer(server).challengers.refresh(force=True)
    try:
        with_one = served(server)
    finally:
        (artifacts / CHALLENGER_FILE).unlink()
        scorer(server).challengers.refresh(force=True)
    assert with_one == without


def test_removing_the_challenger_stops_shadow_events(
    server: Flask, with_challenger: ShadowScorer, artifacts: Path
) -> None:
    (artifacts / CHALLENGER_FILE).unlink()
    before = last_id(server)
    served(server)  # bundle_check_seconds = 0: the removal is seen at the next request
    events = events_after(server, before)
    assert len(events) == 4
    assert not any(e.shadow or e.pair_ref for e in events)


@pytest.mark.parametrize("named", ["no-such-bundle", "../outside", "champion"])
def test_a_broken_challenger_is_ignored(server: Flask, artifacts: Path, named: str) -> None:
    if named == "champion":
        named = str(current_version(artifacts))
    (artifacts / CHALLENGER_FILE).write_text(named + "\n", encoding="utf-8")
    try:
        scorer(server).challengers.refresh(force=True)
        assert scorer(server).challengers.problem is not None
        before = last_id(server)
        served(server)
        events = events_after(server, before)
    finally:
        (artifacts / CHALLENGER_FILE).unlink()
    assert len(events) == 4
    assert not any(e.shadow for e in events)


def counted(counter: Any, label: str) -> float:
    """Return the value of a counter's child."""
    return float(counter.labels(label)._value.get())


def a_job(server: Flask, n: int = 1) -> ShadowJob:
    """Return a job of ``n`` new applicants scored by the challenger."""
    with server.test_request_context():
        champion = bundle_store().get()
    item = Scored(None, {"probability": 0.1}, application=NEW_APPLICANT)
    return ShadowJob(champion, Channel.NEW_APPLICATION, utc_now(), ((item, "ref"),) * n)


def test_a_full_queue_drops_the_job_and_counts_it(
    server: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shadow = ShadowScorer(
        make_app(make_settings(tmp_path)), scorer(server).challengers, 1, ShadowCounters(None)
    )
    monkeypatch.setattr(shadow, "_start_thread", lambda: None)  # nobody takes the queued job
    assert shadow.submit(a_job(server))
    assert not shadow.submit(a_job(server, 3))
    assert counted(shadow.counters.dropped, "queue_full") == 3


def test_a_failing_challenger_is_logged_and_counted_never_served(
    server: Flask, with_challenger: ShadowScorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the challenger broke")

    monkeypatch.setattr(scoring_api.events.shadow_rows, "score_applications_with_values", fail)
    failed = counted(with_challenger.counters.failed, CHALLENGER)
    before = last_id(server)
    served(server)
    events = events_after(server, before)
    # the what-if, the new applicant and the invocation
    assert counted(with_challenger.counters.failed, CHALLENGER) == failed + 3
    assert [e.channel for e in events if e.shadow] == ["stored"]


def test_a_stop_drops_and_counts_what_it_cannot_finish(
    server: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(make_settings(tmp_path))
    shadow = ShadowScorer(app, scorer(server).challengers, 10, ShadowCounters(None))
    release = threading.Event()

    def slow(_jobs: list[ShadowJob]) -> list[dict[str, Any]]:
        release.wait(5)
        return []

    monkeypatch.setattr(scoring_api.events.shadow, "shadow_rows", slow)
    for _ in range(4):
        assert shadow.submit(a_job(server, 2))
    started = time.monotonic()
    dropped = shadow.stop(0.2)
    release.set()
    assert time.monotonic() - started < 2  # never hangs on a slow challenger
    assert dropped == 8  # queued or under way past the stop's wait: none written
    assert counted(shadow.counters.dropped, "stopped") == 8
    with server.test_request_context():
        assert shadow.challenger_for(bundle_store().get()) is None  # no new job once stopping


def test_shadow_scoring_off_sets_up_nothing(data_dir: Path, tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, data_dir, shadow_scoring=False))
    assert SHADOW_KEY not in app.extensions


def test_a_stored_shadow_score_is_what_the_challenger_would_serve(
    server: Flask, with_challenger: ShadowScorer
) -> None:
    with server.test_request_context():
        challenger = with_challenger.challengers.challenger("")
        assert challenger is not None
        ids = challenger.client_ids.tolist()
        rows = list(range(len(ids)))
        served_ = [score_stored_client(challenger, int(i)) for i in ids]
    keys = ("probability", "decision", "score", "model_version")
    assert stored_results(challenger, rows) == [
        {
            key: pytest.approx(result[key]) if key in ("probability", "score") else result[key]
            for key in keys
        }
        for result in served_
    ]


def test_a_graceful_stop_writes_the_queued_shadow_events(
    artifacts: Path, data_dir: Path, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, data_dir, artifacts_dir=artifacts, audit_flush_seconds=3600)
    app = create_app(settings)
    set_challenger(artifacts, CHALLENGER)
    try:
        scorer(app).challengers.refresh(force=True)
        served(app)
    finally:
        (artifacts / CHALLENGER_FILE).unlink()
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["worker_exit"](None, SimpleNamespace(wsgi=app))  # what gunicorn calls at SIGTERM
    state = get_state(app)
    assert state.events is not None
    assert state.events.pending == 0
    with state.database.session() as session:
        shadow = list(session.scalars(select(ScoringEvent.shadow)))
    assert sorted(shadow) == [False] * 4 + [True] * 4
