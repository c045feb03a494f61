"""``validate``: a whole bundle opens; each way of breaking one is one BundleError with a fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from model_training.bundle import SCORES, Bundle, open_bundle, validate
from model_training.errors import BundleError
from tests.model_training.bundle.breakages import BREAKAGE_IDS, BREAKAGES

FIXES = ("Rebuild", "rebuild", "rename the folder")


def test_a_whole_bundle_opens_with_its_model_and_metadata(artifacts: Path) -> None:
    bundle = open_bundle(artifacts)
    assert isinstance(bundle, Bundle)
    assert bundle.version == bundle.path.name == (artifacts / "CURRENT").read_text().strip()
    assert list(bundle.model.feature_names_) == list(bundle.features)
    assert set(bundle.categorical) <= set(bundle.features)


@pytest.mark.parametrize(("breaking", "message"), BREAKAGES, ids=BREAKAGE_IDS)
def test_a_broken_bundle_is_one_bundle_error_naming_the_bundle_and_the_fix(
    artifacts: Path, breaking: Callable[[Path], None], message: str
) -> None:
    folder = next(p for p in artifacts.iterdir() if p.name.endswith("-next"))
    breaking(folder)
    with pytest.raises(BundleError) as caught:
        validate(folder)
    text = str(caught.value)
    assert text.startswith(f"bundle {folder.name} in {artifacts}")
    assert message in text
    assert any(fix in text for fix in FIXES)


def test_a_missing_file_names_every_required_file(artifacts: Path) -> None:
    folder = next(p for p in artifacts.iterdir() if p.name.endswith("-next"))
    (folder / "applications.parquet").unlink()
    with pytest.raises(BundleError) as caught:
        validate(folder)
    assert str(caught.value) == (
        f"bundle {folder.name} in {artifacts} lacks applications.parquet (every bundle holds "
        "model.cbm, metadata.json, scores.parquet, features.parquet, applications.parquet). "
        "Rebuild it (python -m model_training build) or fetch it again."
    )


def test_an_absent_table_names_the_tables_the_bundle_holds(artifacts: Path) -> None:
    bundle = open_bundle(artifacts)
    assert len(bundle.table(SCORES, ["SK_ID_CURR"]).columns) == 1
    with pytest.raises(BundleError, match=r"has no nope\.parquet \(tables: applications, "):
        bundle.table("nope")
