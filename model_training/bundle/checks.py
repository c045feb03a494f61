"""``validate``: the one check of a bundle folder, used by train, promote, fetch and the server.

It opens the folder and checks it whole: the files a bundle needs, the metadata against the
format, the folder's name against the metadata's version, the model against the metadata's
features, the ``MLmodel`` file when there is one, and the same clients in every per-client
table. A failure is one BundleError that
says what, where, what was expected and how to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from catboost import CatBoostClassifier, CatBoostError

from model_training.bundle.artifact import Bundle
from model_training.bundle.layout import (
    CLIENT_TABLES,
    METADATA_FILE,
    MLMODEL_FILE,
    MODEL_FILE,
    MONITORING_REFERENCE_FILE,
    REQUIRED_FILES,
    SCORES,
    table_file,
)
from model_training.bundle.metadata import BundleMetadata, read_metadata
from model_training.bundle.mlmodel import check_mlmodel
from model_training.bundle.reference import check_reference
from model_training.errors import BundleError

REBUILD = "Rebuild it (python -m model_training build) or fetch it again."
ID_COLUMN = "SK_ID_CURR"
SHOWN = 5  # names or ids quoted in a message
SOURCE_PREFIX = re.compile(r"^\S+:\d+: ")  # CatBoost's "catboost/libs/...cpp:1185: " prefix


def validate(folder: Path, version: str | None = None) -> Bundle:
    """Open the bundle in ``folder`` (named ``version``, by default the folder's name) and
    check it whole; return it, or raise BundleError naming the problem and the fix."""
    version = version or folder.name
    where = f"bundle {version} in {folder.parent}"
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise BundleError(
            f"{where} lacks {', '.join(missing)} (every bundle holds "
            f"{', '.join(REQUIRED_FILES)}). {REBUILD}"
        )
    metadata = read_metadata(folder, where)
    if metadata.version != version:
        raise BundleError(
            f"{where}: its {METADATA_FILE} names version {metadata.version!r}, not the "
            f"folder's {version!r}. A bundle's folder is named after its version: rename the "
            "folder, or rebuild the bundle."
        )
    if (folder / MLMODEL_FILE).is_file():  # older bundles lack it: they are still valid
        check_mlmodel(folder, where)
    model = _load_model(folder, where)
    _check_features(model, metadata, where)
    bundle = Bundle(folder, metadata, model)
    _check_clients(bundle, where)
    _check_reference(bundle, where)
    return bundle


def _load_model(folder: Path, where: str) -> CatBoostClassifier:
    """Return the bundle's CatBoost model, or raise BundleError when it cannot be read."""
    model = CatBoostClassifier()
    try:
        model.load_model(str(folder / MODEL_FILE))
    except CatBoostError as exc:
        lines = str(exc).strip().splitlines() or ["unreadable"]
        raise BundleError(
            f"{where}: {MODEL_FILE} is not a CatBoost model this code can read "
            f"({SOURCE_PREFIX.sub('', lines[0])}). {REBUILD}"
        ) from None
    return model


def _check_features(model: CatBoostClassifier, metadata: BundleMetadata, where: str) -> None:
    """Raise BundleError unless the model takes the metadata's features, in their order."""
    expected = list(metadata.feature_names)
    found = list(model.feature_names_)
    if found == expected:
        return
    extra = sorted(set(found) - set(expected))[:SHOWN]
    lacking = sorted(set(expected) - set(found))[:SHOWN]
    raise BundleError(
        f"{where}: the model's features do not match {METADATA_FILE} "
        f"(model only: {extra}, metadata only: {lacking}, or a different order). {REBUILD}"
    )


def _check_clients(bundle: Bundle, where: str) -> None:
    """Raise BundleError unless every per-client table lists the clients of the scores."""
    expected = np.sort(bundle.table(SCORES, [ID_COLUMN])[ID_COLUMN].to_numpy())
    for name in CLIENT_TABLES:
        if name == SCORES or not bundle.has_table(name):
            continue
        found = np.sort(bundle.table(name, [ID_COLUMN])[ID_COLUMN].to_numpy())
        if not np.array_equal(found, expected):
            only = np.setdiff1d(found, expected)[:SHOWN].tolist()
            absent = np.setdiff1d(expected, found)[:SHOWN].tolist()
            raise BundleError(
                f"{where}: {table_file(SCORES)} and {table_file(name)} list different clients "
                f"({len(expected)} and {len(found)} rows; only in {name}: {only}, not in "
                f"{name}: {absent}). {REBUILD}"
            )


def _check_reference(bundle: Bundle, where: str) -> None:
    """Raise BundleError when the bundle's monitoring reference (if any) is unreadable or wrong."""
    if not (bundle.path / MONITORING_REFERENCE_FILE).is_file():
        return  # a bundle written before monitoring: accepted, monitoring has no reference
    reference = bundle.monitoring_reference()  # raises BundleError when unreadable
    if reference is not None:
        check_reference(reference, bundle.features, bundle.categorical, where)
