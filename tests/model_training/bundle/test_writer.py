"""``write_bundle``: written whole, validated before it is renamed, ``CURRENT`` switched last."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from model_training.bundle import (
    APPLICATIONS,
    FEATURES,
    SCORES,
    BundleContent,
    current_version,
    list_versions,
    open_bundle,
    write_bundle,
)
from model_training.bundle.layout import ROW_GROUP_ROWS
from model_training.errors import BundleError


def content_of(artifacts: Path, version: str) -> BundleContent:
    """Return the live bundle's model, metadata (renamed ``version``) and client tables."""
    bundle = open_bundle(artifacts)
    return BundleContent(
        model=bundle.model,
        metadata=bundle.metadata.model_copy(update={"version": version}),
        tables={name: bundle.table(name) for name in (SCORES, FEATURES, APPLICATIONS)},
    )


def test_a_written_bundle_opens_with_the_metadata_it_was_given(artifacts: Path) -> None:
    content = content_of(artifacts, "v-written")
    path = write_bundle(artifacts, content)
    assert path == artifacts / "v-written"
    assert current_version(artifacts) == "v-written"
    assert open_bundle(artifacts).metadata == content.metadata
    assert path.stat().st_mode & 0o755 == 0o755


def test_without_make_current_the_live_bundle_stays(artifacts: Path) -> None:
    live = current_version(artifacts)
    write_bundle(artifacts, content_of(artifacts, "v-later"), make_current=False)
    assert current_version(artifacts) == live
    assert "v-later" in list_versions(artifacts)


def test_an_existing_version_is_never_overwritten(artifacts: Path) -> None:
    live = str(current_version(artifacts))
    with pytest.raises(BundleError, match=f"bundle {live} already exists in .*; not overwritten"):
        write_bundle(artifacts, content_of(artifacts, live))


def test_a_bundle_that_fails_validation_is_neither_renamed_nor_live(artifacts: Path) -> None:
    live = current_version(artifacts)
    before = sorted(p.name for p in artifacts.iterdir())
    content = content_of(artifacts, "v-broken")
    content.tables[FEATURES] = content.tables[FEATURES].iloc[1:]
    with pytest.raises(BundleError, match="list different clients"):
        write_bundle(artifacts, content)
    assert current_version(artifacts) == live
    assert sorted(p.name for p in artifacts.iterdir()) == before  # no temporary folder left


def test_tables_read_one_client_at_a_time_are_written_in_row_groups(
    artifacts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ROW_GROUP_ROWS, APPLICATIONS, 100)
    path = write_bundle(artifacts, content_of(artifacts, "v-groups"), make_current=False)
    applications = pq.ParquetFile(path / "applications.parquet").metadata
    assert applications.num_row_groups == -(-applications.num_rows // 100)
    assert pq.ParquetFile(path / "scores.parquet").metadata.num_row_groups == 1
