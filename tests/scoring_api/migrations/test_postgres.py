"""The revisions on a real PostgreSQL: they build exactly the models, go down and up, and two
servers upgrading at once (a release on two machines) wait for one another."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine

from scoring_api.migrations import runner
from tests.scoring_api.migrations.test_runner import differences
from tests.servers.postgres import new_database


def test_revisions_on_postgresql_and_two_upgrades_at_once(postgres_url: str) -> None:
    engine = create_engine(new_database(postgres_url, "migrations"))
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda _: runner.upgrade(engine), range(2)))
        assert runner.current(engine) == (runner.head(),)
        assert differences(engine) == []
        runner.downgrade(engine, "0001")
        assert runner.current(engine) == ("0001",)
        runner.upgrade(engine)
        assert differences(engine) == []
    finally:
        engine.dispose()
