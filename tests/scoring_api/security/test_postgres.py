"""The server on a real PostgreSQL database: accounts, keys, sign-in, audit, scoring events,
outcomes (idempotent) and the monitoring report, as on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from scoring_api.context import STORE_KEY
from scoring_api.factory import create_app
from scoring_api.security.models import AuditEvent, Outcome, ScoringEvent
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import add_account, add_key, sign_in
from tests.scoring_api.settings import make_settings


@pytest.fixture(scope="module")
def pg_app(
    postgres_url: str, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """Return an API server on the session's PostgreSQL database."""
    settings = make_settings(
        tmp_path_factory.mktemp("pg"), data_dir, dashboard=False, database_url=postgres_url
    )
    app = create_app(settings)
    yield app
    count(app, AuditEvent)  # every waiting row written before the server stops
    get_state(app).database.dispose()  # no connection left open for the collector to find


def count(app: Flask, model: type) -> int:
    """Return the rows of a table (events flushed first)."""
    state = get_state(app)
    if state.events is not None:
        state.events.flush()
    state.audit.flush()
    with state.database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_accounts_scores_events_outcomes_and_monitoring_on_postgresql(pg_app: Flask) -> None:
    add_account(pg_app, "pg-advisor", "advisor")
    service = {"X-API-Key": add_key(pg_app, "pg-service")}
    browser = pg_app.test_client()
    assert sign_in(browser, "pg-advisor").status_code == 200
    client_id = int(pg_app.extensions[STORE_KEY].get().client_ids[0])
    events_before = count(pg_app, ScoringEvent)
    assert browser.get(f"/api/v1/clients/{client_id}/score").status_code == 200
    what_if = {"applications": [{"SK_ID_CURR": client_id, "AMT_CREDIT": 400000.0}]}
    assert browser.post("/api/v1/score", json=what_if).status_code == 200
    assert count(pg_app, ScoringEvent) == events_before + 2
    items = [{"SK_ID_CURR": client_id, "outcome_date": "2026-11-30", "defaulted": 1}]
    system = pg_app.test_client()  # another system, with its key (no session)
    first = system.post("/api/v1/outcomes", json=items, headers=service)
    assert first.get_json() == {"inserted": 1, "updated": 0, "unchanged": 0}
    again = system.post("/api/v1/outcomes", json=items, headers=service)
    assert again.get_json() == {"inserted": 0, "updated": 0, "unchanged": 1}
    assert count(pg_app, Outcome) == 1
    report = browser.get("/api/v1/monitoring?window=day").get_json()
    assert report["latest"]["statistics"]["n"] >= 2
    assert count(pg_app, AuditEvent) > 0


def test_reviews_and_a_race_between_two_reviewers_on_postgresql(pg_app: Flask) -> None:
    client_id = int(pg_app.extensions[STORE_KEY].get().client_ids[1])
    add_account(pg_app, "pg-client", "client", client_id)
    add_account(pg_app, "pg-reviewer-1", "advisor")
    add_account(pg_app, "pg-reviewer-2", "advisor")
    browsers = {
        name: pg_app.test_client() for name in ("pg-client", "pg-reviewer-1", "pg-reviewer-2")
    }
    for name, browser in browsers.items():
        assert sign_in(browser, name).status_code == 200
    opened = browsers["pg-client"].post(
        f"/api/v1/clients/{client_id}/reviews", json={"comment": "My income rose last month."}
    )
    assert opened.status_code == 201, opened.get_json()
    url = f"/api/v1/reviews/{opened.get_json()['id']}/outcome"
    taken = browsers["pg-reviewer-1"].post(url, json={"status": "in_review"})
    assert taken.get_json()["taken_up_at"] is not None
    closing = {"status": "confirmed", "reason": "Income proof checked."}
    with ThreadPoolExecutor(2) as pool:  # at once: one closes it, the other gets a 409
        answers = list(
            pool.map(
                lambda name: browsers[name].post(url, json=closing).status_code,
                ["pg-reviewer-1", "pg-reviewer-2"],
            )
        )
    assert sorted(answers) == [200, 409]  # never two outcomes for one review
    seen = browsers["pg-client"].get(url.removesuffix("/outcome")).get_json()
    assert (seen["status"], seen["final_decision"]) == ("confirmed", seen["model_decision"])
