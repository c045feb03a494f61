"""Shared fixtures: small generated datasets, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.data.synth import generate_dataset

SMALL_N = 1500
SEED = 20261125


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small generated CSV dataset (1,500 train applications); never modify it."""
    out = tmp_path_factory.mktemp("synth_csv")
    generate_dataset(SMALL_N, out, seed=SEED, show_progress=False, chunk_clients=1000)
    return out
