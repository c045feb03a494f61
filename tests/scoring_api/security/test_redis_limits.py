"""Rate limits and the sign-in back-off on a real Redis server: two server instances count one
caller's requests, and one account's sign-ins, together."""

from __future__ import annotations

import time
from pathlib import Path

import redis
from flask import Flask
from sqlalchemy import func, select

from scoring_api.factory import create_app
from scoring_api.security.audit import pseudonymise_account
from scoring_api.security.models import SignInFailures
from scoring_api.security.state import get_state
from scoring_api.security.throttle import delay_seconds
from scoring_api.security.throttle_redis import KEY_PREFIX
from tests.processes import free_port
from tests.scoring_api.security.helpers import CLIENT_ID, add_account, add_key, make_app, sign_in
from tests.scoring_api.settings import make_settings

SCORE = f"/api/v1/clients/{CLIENT_ID}/score"


def statuses_across_two_instances(tmp_path: Path, storage: str) -> list[int]:
    """Return the answers of 4 requests of one key, alternating between two instances (one
    database, the same settings), under a limit of 3 a minute."""
    settings = make_settings(
        tmp_path, ratelimit_default="3 per minute", ratelimit_storage_uri=storage
    )
    first, second = make_app(settings), make_app(settings)
    headers = {"X-API-Key": add_key(first, "crm")}
    clients = [first.test_client(), second.test_client()]
    return [clients[i % 2].get(SCORE, headers=headers).status_code for i in range(4)]


def count_rows(app: Flask, model: type) -> int:
    """Return the rows of a table."""
    with get_state(app).database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def pseudonymise_with(app: Flask, username: str) -> str:
    """Return an account's reference as the app keys it."""
    with app.app_context():
        return pseudonymise_account(username)


def test_two_instances_share_the_limit_on_redis(tmp_path: Path, redis_url: str) -> None:
    with redis.Redis.from_url(redis_url) as server:
        server.flushdb()  # no count left by another test
    assert statuses_across_two_instances(tmp_path, redis_url) == [200, 200, 200, 429]


def test_in_memory_each_instance_counts_alone(tmp_path: Path) -> None:
    assert statuses_across_two_instances(tmp_path, "memory://") == [200, 200, 200, 200]


def two_instances(tmp_path: Path, redis_url: str) -> tuple[Flask, Flask]:
    """Return two instances on one database and one Redis; two free sign-ins per account."""
    with redis.Redis.from_url(redis_url) as server:
        server.flushdb()
    settings = make_settings(tmp_path, ratelimit_storage_uri=redis_url, login_free_failures=2)
    first, second = make_app(settings), make_app(settings)
    add_account(first, "alice", "advisor")
    return first, second


def test_an_accounts_sign_in_back_off_is_shared_on_redis(tmp_path: Path, redis_url: str) -> None:
    first, second = two_instances(tmp_path, redis_url)
    clients = [first.test_client(), second.test_client()]
    wrong = [sign_in(clients[i % 2], "alice", "wrong").status_code for i in range(3)]
    right_at_once = sign_in(clients[1], "alice").status_code  # inside the 1 s wait: refused
    time.sleep(1.2)
    right_after = sign_in(clients[0], "alice").status_code
    assert (wrong, right_at_once, right_after) == ([401, 401, 401], 401, 200)
    assert count_rows(first, SignInFailures) == 0  # counted in Redis, not the database
    with redis.Redis.from_url(redis_url) as server:
        assert server.keys(f"{KEY_PREFIX}*") == []  # a success forgets the account


def test_redis_delays_are_the_rules_delays(tmp_path: Path, redis_url: str) -> None:
    first, _ = two_instances(tmp_path, redis_url)
    client = first.test_client()
    with redis.Redis.from_url(redis_url) as server:
        waits = []
        for attempts in range(1, 6):
            server.hset(f"{KEY_PREFIX}{pseudonymise_with(first, 'bob')}", "locked_until", 0)
            sign_in(client, "bob", "wrong")
            entry = server.hgetall(f"{KEY_PREFIX}{pseudonymise_with(first, 'bob')}")
            assert int(entry[b"attempts"]) == attempts
            waits.append(round(float(entry[b"locked_until"]) - float(entry[b"last"]), 3))
        ttl = server.ttl(f"{KEY_PREFIX}{pseudonymise_with(first, 'bob')}")
    settings = get_state(first).settings
    assert waits == [delay_seconds(n, settings) for n in range(1, 6)] == [0, 0, 1, 2, 4]
    assert settings.login_failure_window_seconds < ttl <= settings.login_failure_window_seconds + 2


def test_redis_down_answers_503_not_500(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    app = make_app(make_settings(tmp_path, ratelimit_storage_uri=url))
    answer = sign_in(app.test_client(), "alice")
    assert (answer.status_code, answer.headers["Retry-After"]) == (503, "5")
    assert answer.json["error"]["code"] == "service_unavailable"


def test_without_redis_health_still_answers_and_says_why(data_dir: Path, tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings = make_settings(tmp_path, data_dir, dashboard=False, ratelimit_storage_uri=url)
    client = create_app(settings).test_client()
    live = client.get("/api/v1/health/live")
    ready = client.get("/api/v1/health/ready")
    model = client.get("/api/v1/model")
    assert live.status_code == 200
    assert ready.status_code == 503
    assert ready.json["error"]["details"]["checks"] == {
        "model": "ok",
        "database": "ok",
        "rate_limits": "failing",
    }
    assert (model.status_code, model.json["error"]["code"]) == (503, "service_unavailable")


def test_with_redis_readiness_checks_it(data_dir: Path, tmp_path: Path, redis_url: str) -> None:
    settings = make_settings(tmp_path, data_dir, dashboard=False, ratelimit_storage_uri=redis_url)
    ready = create_app(settings).test_client().get("/api/v1/health/ready")
    assert ready.status_code == 200
    assert ready.json["checks"] == {"model": "ok", "database": "ok", "rate_limits": "ok"}
