"""Fixtures of the bundle tests: an artifacts folder with two versions of the session bundle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model_training.bundle import current_version
from tests.model_training.bundle.breakages import copy_bundle


@pytest.fixture
def artifacts(data_dir: Path, tmp_path: Path) -> Path:
    """Return an artifacts folder with the session bundle live and a second version beside it."""
    out = tmp_path / "artifacts"
    old = current_version(data_dir / "artifacts")
    assert old is not None
    shutil.copytree(data_dir / "artifacts" / old, out / old)
    copy_bundle(out / old, out / f"{old}-next")
    (out / "CURRENT").write_text(old + "\n", encoding="utf-8")
    return out
