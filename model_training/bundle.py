"""Model bundles: ``ARTIFACTS_DIR/<version>/`` written whole, ``CURRENT`` switched last."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from catboost import CatBoostClassifier

from model_training.atomic import write_text_atomically
from model_training.errors import BundleError

CURRENT_FILE = "CURRENT"
MODEL_FILE = "model.cbm"
METADATA_FILE = "metadata.json"
REQUIRED_FILES = (MODEL_FILE, METADATA_FILE, "scores.parquet", "features.parquet")
# 2: reasons grouped by family (explanations' group_* columns), TreeSHAP by leaf, directions.
BUNDLE_FORMAT = 2


@dataclass
class BundleContent:
    """What a bundle holds: the model, its metadata, columnar tables and other files."""

    model: CatBoostClassifier
    metadata: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadedBundle:
    """A bundle read back: its folder, metadata and model (checked against each other)."""

    path: Path
    metadata: dict
    model: CatBoostClassifier

    @property
    def version(self) -> str:
        """Return the bundle's version name."""
        return str(self.metadata["version"])

    def table(self, name: str) -> pd.DataFrame:
        """Read one of the bundle's Parquet tables."""
        return pd.read_parquet(self.path / f"{name}.parquet")


def write_bundle(artifacts_dir: Path, content: BundleContent, *, make_current: bool = True) -> Path:
    """Write the bundle in a temporary folder, rename it into place, then switch CURRENT."""
    version = str(content.metadata["version"])
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    final = artifacts_dir / version
    if final.exists():
        raise BundleError(f"bundle {version} already exists in {artifacts_dir}; not overwritten.")
    work = Path(tempfile.mkdtemp(prefix=f".tmp-{version}-", dir=artifacts_dir))
    try:
        content.model.save_model(str(work / MODEL_FILE))
        for name, frame in content.tables.items():
            frame.to_parquet(work / f"{name}.parquet", index=False)
        for name, text in content.files.items():
            (work / name).write_text(text, encoding="utf-8")
        (work / METADATA_FILE).write_text(json.dumps(content.metadata, indent=1), encoding="utf-8")
        work.chmod(0o755)  # mkdtemp makes it private; a bundle is read by the serving user
        os.replace(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if make_current:
        set_current(artifacts_dir, version)
    return final


def add_file(bundle_dir: Path, name: str, text: str) -> Path:
    """Add or replace one file of an existing bundle atomically (reports, evaluations)."""
    path = bundle_dir / name
    write_text_atomically(path, text)
    return path


def set_current(artifacts_dir: Path, version: str) -> None:
    """Make ``version`` the live bundle (an atomic replace of the CURRENT file)."""
    if not (artifacts_dir / version / METADATA_FILE).exists():
        raise BundleError(f"no complete bundle {version} in {artifacts_dir}.")
    write_text_atomically(artifacts_dir / CURRENT_FILE, version + "\n")


def list_versions(artifacts_dir: Path) -> list[str]:
    """Return the versions of the complete bundles in ARTIFACTS_DIR, oldest name first.

    A bundle is written in a hidden temporary folder and renamed: a visible folder with its
    metadata is whole. Versions start with their UTC creation time, so names sort by age.
    """
    if not artifacts_dir.is_dir():
        return []
    return sorted(
        path.name
        for path in artifacts_dir.iterdir()
        if path.is_dir() and not path.name.startswith(".") and (path / METADATA_FILE).is_file()
    )


def current_version(artifacts_dir: Path) -> str | None:
    """Return the version CURRENT names, or None when there is no live bundle."""
    path = artifacts_dir / CURRENT_FILE
    if not path.exists():
        return None
    return path.read_text(encoding="utf-8").strip() or None


def check_format(metadata: dict, version: str) -> None:
    """Raise BundleError when a bundle was written in a format this code does not read."""
    found = metadata.get("bundle_format", 1)
    if found != BUNDLE_FORMAT:
        raise BundleError(
            f"bundle {version} has format {found}; this code reads format {BUNDLE_FORMAT} "
            "(reasons grouped by family). Rebuild it: python -m model_training build."
        )


def load_bundle(artifacts_dir: Path, version: str | None = None) -> LoadedBundle:
    """Load a bundle (the live one by default) and check that model and metadata agree."""
    version = version or current_version(artifacts_dir)
    if version is None:
        raise BundleError(
            f"no live model in {artifacts_dir} (no CURRENT file). "
            "Run `python -m model_training build` first."
        )
    path = artifacts_dir / version
    missing = [name for name in REQUIRED_FILES if not (path / name).exists()]
    if missing:
        raise BundleError(f"bundle {version} in {artifacts_dir} lacks {', '.join(missing)}.")
    metadata = json.loads((path / METADATA_FILE).read_text(encoding="utf-8"))
    check_format(metadata, version)
    model = CatBoostClassifier()
    model.load_model(str(path / MODEL_FILE))
    expected = [f["name"] for f in metadata["features"]]
    if list(model.feature_names_) != expected:
        extra = sorted(set(model.feature_names_) - set(expected))[:5]
        lacking = sorted(set(expected) - set(model.feature_names_))[:5]
        raise BundleError(
            f"bundle {version}: the model's features do not match metadata.json "
            f"(model only: {extra}, metadata only: {lacking}, or a different order). "
            "Rebuild the bundle."
        )
    return LoadedBundle(path, metadata, model)
