"""The layout: file names written once, versions that are plain folder names."""

from __future__ import annotations

import pytest

from model_training.bundle import REQUIRED_FILES, is_version_name, table_file


def test_every_bundle_holds_the_model_its_metadata_and_the_client_tables() -> None:
    assert REQUIRED_FILES == (
        "model.cbm",
        "metadata.json",
        "scores.parquet",
        "features.parquet",
        "applications.parquet",
    )
    assert table_file("scores") == "scores.parquet"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20261205T113516Z-8f955946", True),
        ("v1.2_rc-3", True),
        ("", False),
        (".tmp-v1", False),
        ("../elsewhere", False),
        ("a/b", False),
        ("CURRENT", False),
        ("-v1", False),
    ],
)
def test_a_version_is_a_plain_folder_name(name: str, expected: bool) -> None:
    assert is_version_name(name) is expected
