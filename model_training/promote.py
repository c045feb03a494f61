"""Make a built bundle live (rotation) or put the previous one back (rollback): ``promote``.

The bundle is loaded and checked first (files, model against metadata, the same clients in
the scores and the feature store); only then is ``CURRENT`` replaced, atomically. Each server
worker picks the new version up within BUNDLE_CHECK_SECONDS, without a restart.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model_training.bundle import (
    CURRENT_FILE,
    current_version,
    list_versions,
    load_bundle,
    set_current,
)
from model_training.errors import BundleError


def check_bundle(artifacts_dir: Path, version: str) -> None:
    """Raise BundleError unless ``version`` names a bundle the server can load."""
    if Path(version).name != version or version in ("", ".", "..", CURRENT_FILE):
        raise BundleError(
            f"{version!r} is not a bundle version (a folder name in {artifacts_dir})."
        )
    if not (artifacts_dir / version).is_dir():
        known = ", ".join(list_versions(artifacts_dir)) or "none"
        raise BundleError(f"no bundle {version} in {artifacts_dir}. Bundles there: {known}.")
    bundle = load_bundle(artifacts_dir, version)
    ids = {
        name: pd.read_parquet(bundle.path / name, columns=["SK_ID_CURR"])["SK_ID_CURR"]
        for name in ("scores.parquet", "features.parquet")
    }
    if sorted(ids["scores.parquet"]) != sorted(ids["features.parquet"]):
        raise BundleError(
            f"bundle {version}: scores.parquet and features.parquet list different clients. "
            "Rebuild the bundle."
        )


def promote_bundle(artifacts_dir: Path, version: str) -> str | None:
    """Check the bundle, then name it in CURRENT; return the version it replaced."""
    check_bundle(artifacts_dir, version)
    previous = current_version(artifacts_dir)
    set_current(artifacts_dir, version)
    return previous
