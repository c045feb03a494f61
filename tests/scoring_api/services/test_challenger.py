"""The challenger bundle monitoring reads: the version CHALLENGER names, opened once."""

from __future__ import annotations

from pathlib import Path

from model_training.bundle import CHALLENGER_FILE
from scoring_api.services.challenger import challenger_bundle
from tests.scoring_api.bundle_servers import NEW_VERSION


def test_the_challenger_is_opened_once_per_version(new_bundle: Path) -> None:
    artifacts = new_bundle.parent
    assert challenger_bundle(artifacts, "champion") is None  # no CHALLENGER file
    (artifacts / CHALLENGER_FILE).write_text(NEW_VERSION + "\n", encoding="utf-8")
    opened = challenger_bundle(artifacts, "champion")
    assert opened is not None
    assert opened.version == NEW_VERSION
    assert challenger_bundle(artifacts, "champion") is opened  # cached
    assert challenger_bundle(artifacts, NEW_VERSION) is None  # the champion itself


def test_an_unreadable_challenger_is_none(tmp_path: Path) -> None:
    (tmp_path / CHALLENGER_FILE).write_text("20990101T000000Z-00000000\n", encoding="utf-8")
    assert challenger_bundle(tmp_path, "champion") is None
