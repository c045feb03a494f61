"""The bundle's MLmodel file: written with every bundle, optional for older ones, checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model_training.bundle import validate
from model_training.bundle.layout import MLMODEL_FILE
from model_training.bundle.mlmodel import PYFUNC_LOADER
from model_training.errors import BundleError


def test_a_written_bundle_is_an_mlflow_pyfunc_model_of_its_own_files(live_folder: Path) -> None:
    document = json.loads((live_folder / MLMODEL_FILE).read_text(encoding="utf-8"))
    flavor = document["flavors"]["python_function"]
    assert flavor["loader_module"] == PYFUNC_LOADER
    assert "data" not in flavor  # MLflow hands the loader the bundle folder itself
    assert document["metadata"]["bundle_version"] == live_folder.name


def test_a_bundle_without_mlmodel_is_still_valid(artifacts: Path) -> None:
    folder = next(p for p in artifacts.iterdir() if p.is_dir())
    (folder / MLMODEL_FILE).unlink()
    assert validate(folder).version == folder.name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "unreadable"),
        ('{"flavors": {}}', "no python_function flavour"),
        (
            json.dumps(
                {"flavors": {"python_function": {"loader_module": PYFUNC_LOADER, "data": "m"}}}
            ),
            "not at the bundle's own files",
        ),
    ],
)
def test_a_broken_mlmodel_is_refused(artifacts: Path, text: str, message: str) -> None:
    folder = next(p for p in artifacts.iterdir() if p.is_dir())
    (folder / MLMODEL_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(BundleError, match=message):
        validate(folder)
