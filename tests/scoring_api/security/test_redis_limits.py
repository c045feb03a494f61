"""Rate limits on a real Redis server: two server instances count one caller's requests together."""

from __future__ import annotations

from pathlib import Path

import redis

from tests.scoring_api.security.helpers import CLIENT_ID, add_key, make_app
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


def test_two_instances_share_the_limit_on_redis(tmp_path: Path, redis_url: str) -> None:
    with redis.Redis.from_url(redis_url) as server:
        server.flushdb()  # no count left by another test
    assert statuses_across_two_instances(tmp_path, redis_url) == [200, 200, 200, 429]


def test_in_memory_each_instance_counts_alone(tmp_path: Path) -> None:
    assert statuses_across_two_instances(tmp_path, "memory://") == [200, 200, 200, 200]
