"""Writing bundles: ``ARTIFACTS_DIR/<version>/`` written whole, validated, ``CURRENT`` last."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from catboost import CatBoostClassifier

from model_training.atomic import write_text_atomically
from model_training.bundle.checks import validate
from model_training.bundle.layout import (
    METADATA_FILE,
    MLMODEL_FILE,
    MODEL_FILE,
    ROW_GROUP_ROWS,
    table_file,
)
from model_training.bundle.metadata import BundleMetadata
from model_training.bundle.mlmodel import mlmodel_text
from model_training.bundle.registry import set_current
from model_training.errors import BundleError


@dataclass
class BundleContent:
    """What a bundle holds: the model, its metadata, tables by name and other files."""

    model: CatBoostClassifier
    metadata: BundleMetadata
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


def write_bundle(artifacts_dir: Path, content: BundleContent, *, make_current: bool = True) -> Path:
    """Write the bundle in a temporary folder, validate it, rename it, then switch CURRENT."""
    version = content.metadata.version
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    final = artifacts_dir / version
    if final.exists():
        raise BundleError(f"bundle {version} already exists in {artifacts_dir}; not overwritten.")
    work = Path(tempfile.mkdtemp(prefix=f".tmp-{version}-", dir=artifacts_dir))
    try:
        content.model.save_model(str(work / MODEL_FILE))
        for name, frame in content.tables.items():
            rows = ROW_GROUP_ROWS.get(name)  # None: the Parquet writer's default
            frame.to_parquet(work / table_file(name), index=False, row_group_size=rows)
        for name, text in content.files.items():
            (work / name).write_text(text, encoding="utf-8")
        (work / METADATA_FILE).write_text(content.metadata.to_json(), encoding="utf-8")
        (work / MLMODEL_FILE).write_text(mlmodel_text(content.metadata), encoding="utf-8")
        validate(work, version)
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
