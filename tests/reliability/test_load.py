"""Load and model changes under load: gunicorn (2 workers) answering concurrent clients."""

from __future__ import annotations

import pytest
import requests

from model_training.atomic import write_text_atomically
from model_training.bundle import current_version, set_current
from tests.reliability.load import LoadResult, load_while, mixed_calls, run_load
from tests.reliability.server import Server, bundle_threshold, clone_bundle, wait_until

N_CLIENTS = 12
LOAD_SECONDS = 4.0
SWITCH_CLIENTS = 8
SWITCH_AFTER_SECONDS = 1.5
SWITCH_SECONDS = 30  # longest wait for every worker to serve a new bundle (a bounded wait)


def ready_body(server: Server, key: str) -> dict:
    """Return the body of health/ready as an admin sees it (from whichever worker answers)."""
    return requests.get(server.url("health/ready"), headers={"X-API-Key": key}, timeout=10).json()


def test_concurrent_clients_all_get_answers(server: Server, stored_ids: list[int]) -> None:
    live = current_version(server.artifacts_dir)
    result = run_load(server, mixed_calls(stored_ids), N_CLIENTS, LOAD_SECONDS)
    figures = result.figures(f"{N_CLIENTS} clients, mixed routes")
    print(figures)
    assert len(result.answers) > N_CLIENTS, figures
    assert result.failures == [], figures
    assert all(set(a.versions) == {live} for a in result.answers), figures


def test_model_switch_under_load_never_mixes_versions(
    server: Server, stored_ids: list[int]
) -> None:
    old = current_version(server.artifacts_dir)
    new = f"{old}-next"
    clone_bundle(server.artifacts_dir, new)
    thresholds = {v: bundle_threshold(server.artifacts_dir, v) for v in (old, new)}
    result = load_while(
        server,
        mixed_calls(stored_ids),
        SWITCH_CLIENTS,
        LOAD_SECONDS,
        lambda: set_current(server.artifacts_dir, new),
        SWITCH_AFTER_SECONDS,
    )
    figures = result.figures("model switch under load")
    print(figures)
    assert result.failures == [], figures
    for answer in result.answers:  # one version per response, the threshold of that version
        assert len(set(answer.versions)) == 1, answer
        assert set(answer.thresholds) <= {thresholds[answer.versions[0]]}, answer
    for client, answers in result.by_client().items():  # old then new, never back
        seen = [a.versions[0] for a in answers]
        switched = seen.index(new) if new in seen else len(seen)
        assert seen[:switched] == [old] * switched, (client, seen)
        assert seen[switched:] == [new] * (len(seen) - switched), (client, seen)
    assert {a.versions[0] for a in result.answers} <= {old, new}, figures
    bursts: list[LoadResult] = []

    def serves_only_new() -> bool:  # new connections each burst: both workers answer
        bursts.append(run_load(server, mixed_calls(stored_ids), SWITCH_CLIENTS, 0.5))
        return {a.versions[0] if a.versions else a.status for a in bursts[-1].answers} == {new}

    is_switched = wait_until(serves_only_new, SWITCH_SECONDS)  # each worker loads in a thread
    assert is_switched, bursts[-1].figures("after the switch")
    assert all(burst.failures == [] for burst in bursts)


@pytest.mark.parametrize("damage", ["corrupt model.cbm", "no metadata.json"])
def test_broken_bundle_leaves_the_live_one_serving(
    server: Server, stored_ids: list[int], damage: str
) -> None:
    live = current_version(server.artifacts_dir)
    broken = f"{live}-broken-{damage.split(maxsplit=1)[0]}"
    clone_bundle(server.artifacts_dir, broken)
    if damage == "corrupt model.cbm":
        (server.artifacts_dir / broken / "model.cbm").write_bytes(b"not a CatBoost model")
    else:
        (server.artifacts_dir / broken / "metadata.json").unlink()

    def switch() -> None:  # set_current refuses a bundle without metadata: write CURRENT
        write_text_atomically(server.artifacts_dir / "CURRENT", broken + "\n")

    bodies: list[dict] = []

    def says_refused() -> bool:  # fresh connections: each worker refuses it in its own time
        bodies.append(ready_body(server, server.admin_key))
        return bodies[-1]["current"] == broken and bodies[-1]["problem"] is not None

    try:
        calls = mixed_calls(stored_ids)
        result = load_while(server, calls, SWITCH_CLIENTS, 3.0, switch, SWITCH_AFTER_SECONDS)
        is_refused = wait_until(says_refused, SWITCH_SECONDS)
    finally:
        set_current(server.artifacts_dir, live)
    body = bodies[-1]
    figures = result.figures(f"broken bundle ({damage}) switched in under load")
    print(figures)
    assert result.failures == [], figures
    assert {a.versions[0] for a in result.answers} == {live}, figures
    assert is_refused, body
    assert body["status"] == "ready"
    assert (body["model_version"], body["current"]) == (live, broken)
    assert body["problem"].startswith(f"bundle {broken} could not be loaded: ")
    refusals = server.log_text().count(f"bundle {broken} could not be loaded; keeping")
    assert 0 < refusals <= len(server.workers())  # once per worker, not once per request
    assert wait_until(lambda: ready_body(server, server.admin_key)["current"] == live, 10)
    anonymous = requests.get(server.url("health/ready"), timeout=10).json()
    assert anonymous == {"status": "ready", "checks": {"model": "ok", "database": "ok"}}
