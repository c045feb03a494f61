"""Loader fixtures: a tiny valid dataset written from the schema, copied fresh per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.model_training.data.fakes import write_fake_dataset


@pytest.fixture(scope="session")
def fake_dataset_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the tiny valid CSV dataset once per session (never modified)."""
    return write_fake_dataset(tmp_path_factory.mktemp("fake_template"))


@pytest.fixture
def fake_data_dir(fake_dataset_template: Path, tmp_path: Path) -> Path:
    """Return a fresh copy of the tiny valid CSV dataset that a test may mutate."""
    target = tmp_path / "data"
    shutil.copytree(fake_dataset_template, target)
    return target
