"""Fixtures of the feature tests: hand-written tiny tables and a small generated dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from model_training.data.loader import validate_data_dir
from model_training.features import build_features
from tests.model_training.features.hand_tables import tiny_rows, write_validated


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """Return a data directory holding hand-written validated tables of three clients."""
    return write_validated(tmp_path / "tiny", tiny_rows())


@pytest.fixture(scope="module")
def tiny_features(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """Return the features of the hand-written clients, indexed by SK_ID_CURR."""
    data_dir = write_validated(tmp_path_factory.mktemp("tiny") / "data", tiny_rows())
    report = build_features(data_dir, show_progress=False)
    return pd.read_parquet(report.path).set_index("SK_ID_CURR")


@pytest.fixture(scope="session")
def synth_validated(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a validated copy of the session's small generated dataset."""
    data_dir = tmp_path_factory.mktemp("features_synth") / "data"
    shutil.copytree(synth_dir, data_dir)
    validate_data_dir(data_dir, show_progress=False)
    return data_dir


@pytest.fixture(scope="session")
def synth_features(synth_validated: Path) -> Path:
    """Return the generated data directory after one feature run."""
    build_features(synth_validated, show_progress=False)
    return synth_validated
