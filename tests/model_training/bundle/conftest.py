"""Fixtures of the bundle tests: the session bundle read as it is, or copied to break."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model_training.bundle import METADATA_FILE, current_version
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


@pytest.fixture(scope="session")
def live_folder(data_dir: Path) -> Path:
    """Return the session's live bundle folder (trained by the build command; never modify)."""
    artifacts = data_dir / "artifacts"
    return artifacts / str(current_version(artifacts))


@pytest.fixture(scope="session")
def document(live_folder: Path) -> dict:
    """Return the live bundle's metadata.json as plain JSON."""
    return json.loads((live_folder / METADATA_FILE).read_text(encoding="utf-8"))
