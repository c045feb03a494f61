"""Fixtures of the reliability tests: client ids, one gunicorn server shared by the load tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.reliability.server import Server, serve

N_IDS = 6


@pytest.fixture(scope="session")
def stored_ids(data_dir: Path) -> list[int]:
    """Return a few SK_ID_CURR of the session bundle (the load's clients)."""
    artifacts = data_dir / "artifacts"
    live = (artifacts / "CURRENT").read_text(encoding="utf-8").strip()
    scores = pd.read_parquet(artifacts / live / "scores.parquet", columns=["SK_ID_CURR"])
    return sorted(int(i) for i in scores["SK_ID_CURR"])[:N_IDS]


@pytest.fixture(scope="session")
def server(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Return one gunicorn server (2 workers) on its own copy of the session bundle.

    Each audit row is written before its answer (AUDIT_FLUSH_SECONDS=0), so a killed worker
    loses none; the load, model-switch and worker-crash tests share it.
    """
    workdir = tmp_path_factory.mktemp("reliability_server")
    with serve(data_dir, workdir, {"AUDIT_FLUSH_SECONDS": "0"}) as running:
        yield running
