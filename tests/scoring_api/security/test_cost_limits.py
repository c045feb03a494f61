"""The scoring budget per identity: rows per window, explained rows weighing more, JSON 429s."""

from __future__ import annotations

import subprocess
import sys

from flask import Flask

from scoring_api.context import api_settings
from scoring_api.observability.metrics_multiprocess import MULTIPROC_ENV
from scoring_api.security.cost_limits import SLOT_FILE_PREFIX, heavy_slot
from scoring_api.security.keys import create_api_key
from scoring_api.security.state import get_state
from tests.scoring_api.applicants import NEW_APPLICANT
from tests.scoring_api.security.helpers import HEAVY_COST


def new_key(app: Flask, role: str) -> dict[str, str]:
    """Return the headers of a new API key of that role."""
    state = get_state(app)
    with state.database.session() as session:
        token = create_api_key(session, state.api_key_secret(session), f"k-{role}", role).token
    return {"X-API-Key": token}


def score(app: Flask, headers: dict[str, str], n_rows: int, *, explain: bool) -> object:
    """POST score with n new applicants."""
    body = {"applications": [NEW_APPLICANT] * n_rows, "explain": explain}
    return app.test_client().post("/api/v1/score", json=body, headers=headers)


def test_explained_rows_spend_the_budget_and_the_refusal_says_when_to_retry(
    budget_app: Flask,
) -> None:
    advisor = new_key(budget_app, "advisor")
    first = score(budget_app, advisor, 3, explain=True)  # 15 of 20
    refused = score(budget_app, advisor, 3, explain=True)  # 15 more: over
    assert (first.status_code, refused.status_code) == (200, 429)
    error = refused.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert error["details"]["cost"] == 15
    assert error["details"]["remaining"] == 5
    assert error["details"]["retry_after"] == int(refused.headers["Retry-After"]) > 0
    assert score(budget_app, advisor, 5, explain=False).status_code == 200  # refused cost 0


def test_each_identity_has_its_own_budget(budget_app: Flask) -> None:
    advisor, service = new_key(budget_app, "advisor"), new_key(budget_app, "service")
    assert score(budget_app, advisor, 4, explain=True).status_code == 200
    assert score(budget_app, advisor, 1, explain=True).status_code == 429
    assert score(budget_app, service, 4, explain=True).status_code == 200


def test_invocations_are_charged_per_row(budget_app: Flask) -> None:
    service = new_key(budget_app, "service")
    body = {"dataframe_records": [NEW_APPLICANT] * 15}
    client = budget_app.test_client()
    assert client.post("/api/v1/invocations", json=body, headers=service).status_code == 200
    refused = client.post("/api/v1/invocations", json=body, headers=service)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["details"]["remaining"] == 5


def test_a_batch_costing_more_than_the_whole_budget_is_refused_as_such(
    budget_app: Flask,
) -> None:
    refused = score(budget_app, new_key(budget_app, "advisor"), 5, explain=True)  # 25 > 20
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "batch_too_costly"


def test_a_heavy_request_waits_for_no_thread_while_the_worker_runs_another(
    budget_app: Flask,
) -> None:
    advisor = new_key(budget_app, "advisor")
    with budget_app.app_context(), heavy_slot(api_settings(), HEAVY_COST):  # one runs
        busy = score(budget_app, advisor, 2, explain=True)
        light = score(budget_app, advisor, 1, explain=True)  # 5 rows: not heavy
    assert (busy.status_code, light.status_code) == (429, 200)
    assert busy.get_json()["error"]["code"] == "busy"
    assert busy.headers["Retry-After"] == "1"
    assert score(budget_app, advisor, 2, explain=True).status_code == 200  # slot free again


def test_the_heavy_slots_are_shared_by_every_worker_of_the_server(
    budget_app: Flask, tmp_path, monkeypatch
) -> None:
    """A heavy request running in another process (another gunicorn worker) takes the slot."""
    monkeypatch.setenv(MULTIPROC_ENV, str(tmp_path))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"f = open({str(tmp_path / (SLOT_FILE_PREFIX + '0.lock'))!r}, 'ab')\n"
            "fcntl.flock(f, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        advisor = new_key(budget_app, "advisor")
        busy = score(budget_app, advisor, 2, explain=True)
        assert (busy.status_code, busy.get_json()["error"]["code"]) == (429, "busy")
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert score(budget_app, advisor, 2, explain=True).status_code == 200  # freed with it
