"""Shared fixtures: small generated datasets, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.cli import main as model_training_cli
from model_training.data.synth import generate_dataset

SMALL_N = 1500
SEED = 20261125
API_N_APPLICATIONS = 800
API_SEED = 7


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small generated CSV dataset (1,500 train applications); never modify it."""
    out = tmp_path_factory.mktemp("synth_csv")
    generate_dataset(SMALL_N, out, seed=SEED, show_progress=False, chunk_clients=1000)
    return out


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small generated dataset with a live bundle in ``artifacts`` (built once)."""
    out = tmp_path_factory.mktemp("api_data")
    assert (
        model_training_cli(
            [
                "synth",
                "--applications",
                str(API_N_APPLICATIONS),
                "--out",
                str(out),
                "--seed",
                str(API_SEED),
            ]
        )
        == 0
    )
    build = ["build", "--data-dir", str(out), "--artifacts-dir", str(out / "artifacts")]
    built = model_training_cli([*build, "--iterations", "60", "--folds", "2", "--quiet"])
    assert built == 0
    return out
