"""Ways to break a bundle folder, shared by every user of ``validate`` (promote, fetch, server)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def rewrite_metadata(bundle: Path, change: Callable[[dict], None]) -> None:
    """Apply ``change`` to a bundle folder's metadata.json (as a hand edit would)."""
    path = bundle / "metadata.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def copy_bundle(source: Path, target: Path) -> Path:
    """Copy a bundle folder to ``target``, its metadata naming the new folder."""
    shutil.copytree(source, target)
    rewrite_metadata(target, lambda document: document.update(version=target.name))
    return target


def break_model(bundle: Path) -> None:
    """Remove the model file."""
    (bundle / "model.cbm").unlink()


def corrupt_model(bundle: Path) -> None:
    """Replace the model file with bytes CatBoost cannot read."""
    (bundle / "model.cbm").write_bytes(b"not a model\n" * 10)


def break_features(bundle: Path) -> None:
    """Make metadata.json list other features than the model."""
    rewrite_metadata(bundle, lambda document: document.update(features=document["features"][1:]))


def drop_a_client(bundle: Path) -> None:
    """Drop the first client from the feature store (the scores keep it)."""
    path = bundle / "features.parquet"
    pd.read_parquet(path).iloc[1:].to_parquet(path, index=False)


def rename_version(bundle: Path) -> None:
    """Make metadata.json name another version than the folder."""
    rewrite_metadata(bundle, lambda document: document.update(version="elsewhere"))


def add_unknown_key(bundle: Path) -> None:
    """Add a key the metadata model does not know."""
    rewrite_metadata(bundle, lambda document: document.update(calibrator="isotonic"))


def old_format(bundle: Path) -> None:
    """Remove bundle_format, as bundles written before reasons were grouped by family."""
    rewrite_metadata(bundle, lambda document: document.pop("bundle_format"))


# (breaking, the words its BundleError says): the one table every user of validate shares.
BREAKAGES: list[tuple[Callable[[Path], None], str]] = [
    (break_model, "lacks model.cbm"),
    (corrupt_model, "model.cbm is not a CatBoost model this code can read"),
    (break_features, "the model's features do not match metadata.json"),
    (drop_a_client, "scores.parquet and features.parquet list different clients"),
    (rename_version, "its metadata.json names version 'elsewhere'"),
    (add_unknown_key, "calibrator: Extra inputs are not permitted"),
    (old_format, "has format 1; this code reads format 2"),
]
BREAKAGE_IDS = [breaking.__name__ for breaking, _ in BREAKAGES]
