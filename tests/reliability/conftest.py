"""Fixtures of the reliability tests: stored client ids of the session bundle."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

N_IDS = 6


@pytest.fixture(scope="session")
def stored_ids(data_dir: Path) -> list[int]:
    """Return a few SK_ID_CURR of the session bundle (the load's clients)."""
    artifacts = data_dir / "artifacts"
    live = (artifacts / "CURRENT").read_text(encoding="utf-8").strip()
    scores = pd.read_parquet(artifacts / live / "scores.parquet", columns=["SK_ID_CURR"])
    return sorted(int(i) for i in scores["SK_ID_CURR"])[:N_IDS]
