"""Two API servers (gunicorn, one worker each) on one PostgreSQL and one Redis, as behind a load
balancer: a sign-in on one holds on the other, a sign-out on one is refused on the other within
IDENTITY_CACHE_SECONDS, the rate limit counts both, and a bundle promoted once is served by
both."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import requests

from model_training.bundle import set_current
from scoring_api.security.accounts import create_account
from scoring_api.security.database import Database
from scoring_api.security.roles import Role
from scoring_api.security.state import IDENTITY_CACHE_SECONDS
from tests.processes import create_key
from tests.reliability.server import clone_bundle, copy_artifacts, start_server
from tests.scoring_api.security.helpers import PASSWORD

LIMIT = 6  # requests a minute per identity, shared by both servers
SWITCH_SECONDS = 6.0  # a small bundle loads in about a second: both follow CURRENT within this
NEW_VERSION = "29990101T000000Z-two-instances"


def test_two_instances_share_sessions_limits_and_the_live_bundle(
    data_dir: Path, tmp_path: Path, postgres_url: str, redis_url: str, stored_ids: list[int]
) -> None:
    database = Database(postgres_url)
    with database.session() as session:
        create_account(session, "two-advisor", PASSWORD, Role.ADVISOR, None)
    database.dispose()
    key = {"X-API-Key": create_key(postgres_url, "service", "two-instances")}
    admin = {"X-API-Key": create_key(postgres_url, "admin", "two-instances-admin")}
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    env = {
        "DATABASE_URL": postgres_url,
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_DEFAULT": f"{LIMIT} per minute",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DASHBOARD": "0",
    }
    servers = []
    try:
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            servers.append(start_server(data_dir, artifacts, tmp_path / name, env, workers=1))
        one, other = servers
        score = f"clients/{stored_ids[0]}/score"

        # A session opened on one server is honoured by the other, and closed for both.
        person = requests.Session()
        login = {"username": "two-advisor", "password": PASSWORD}
        assert person.post(one.url("auth/login"), json=login, timeout=10).ok
        assert person.get(other.url(score), timeout=10).status_code == 200
        cookies = person.cookies.copy()
        assert person.post(one.url("auth/logout"), timeout=10).ok
        # The revocation is in the shared database; each process caches identity lookups for
        # IDENTITY_CACHE_SECONDS, the stated bound (one request after it: the limit is low).
        time.sleep(IDENTITY_CACHE_SECONDS + 0.5)
        replayed = requests.get(other.url(score), cookies=cookies, timeout=10)
        assert replayed.status_code == 401

        # One limit for both: a key's requests, alternating, are refused past LIMIT.
        answers = [
            requests.get(servers[i % 2].url(score), headers=key, timeout=10).status_code
            for i in range(LIMIT + 2)
        ]
        assert answers == [200] * LIMIT + [429, 429]

        # A bundle promoted once is served by both: a worker checks CURRENT when asked (at most
        # every BUNDLE_CHECK_SECONDS) and loads the new bundle beside the old one.
        clone_bundle(artifacts, NEW_VERSION)
        set_current(artifacts, NEW_VERSION)

        def versions() -> set[str]:
            return {
                requests.get(s.url(score), headers=admin, timeout=10).json()["model_version"]
                for s in servers
            }

        seen = [versions()]  # the first asks each worker to look (the limit allows 3 rounds)
        while seen[-1] != {NEW_VERSION} and len(seen) < 3:
            time.sleep(SWITCH_SECONDS / 2)
            seen.append(versions())
        assert seen[-1] == {NEW_VERSION}, seen
    finally:
        for server in servers:
            server.stop()
