"""The feature store on disk: DATA_DIR/features/features.parquet and features.json.

A run writes into a temporary folder inside DATA_DIR and renames it into place, so a failed
run leaves the previous features untouched.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq
from ibis.expr import datatypes as dt

from model_training.atomic import replace_dir
from model_training.config import VALIDATED_SUBDIR
from model_training.errors import MissingInputError
from model_training.features.catalogue import family_of

FEATURES_SUBDIR = "features"
FEATURES_FILE = "features.parquet"
METADATA_FILE = "features.json"
FINGERPRINT_FILE = "fingerprint.json"
KEY_COLUMNS: tuple[str, ...] = ("SK_ID_CURR", "TARGET", "is_test")
STAGING_PREFIX = ".features.tmp-"


@dataclass(frozen=True)
class FeatureSpec:
    """One feature of the store: name, dtype (int, float, str), categorical flag, family."""

    name: str
    dtype: str
    is_categorical: bool
    family: str


@dataclass(frozen=True)
class FeatureMetadata:
    """The content of features.json: data fingerprint, features, row counts, time."""

    fingerprint: str
    features: tuple[FeatureSpec, ...]
    n_rows: int
    n_train: int
    n_test: int
    created: str

    @property
    def names(self) -> list[str]:
        """Return the feature names in column order."""
        return [f.name for f in self.features]

    @property
    def categorical(self) -> list[str]:
        """Return the names of the categorical (text) features."""
        return [f.name for f in self.features if f.is_categorical]


def _dtype_name(dtype: dt.DataType) -> str:
    """Return the short dtype name of an Ibis type: int, float, str or bool."""
    if dtype.is_string():
        return "str"
    if dtype.is_boolean():
        return "bool"
    return "int" if dtype.is_integer() else "float"


def read_fingerprint(data_dir: Path) -> str:
    """Return the fingerprint of the validated data, or raise if it was never validated."""
    path = Path(data_dir) / VALIDATED_SUBDIR / FINGERPRINT_FILE
    if not path.is_file():
        raise MissingInputError(
            f"{path} not found: the data has not been validated. Run validate first: "
            f"python -m model_training validate --data-dir {data_dir}"
        )
    return json.loads(path.read_text())["fingerprint"]


def write_feature_store(
    data_dir: Path,
    write: Callable[[Path], None],
    dtypes: Mapping[str, dt.DataType],
    fingerprint: str,
) -> tuple[Path, int, int]:
    """Let ``write`` fill a staging folder, add features.json, swap it in; return counts."""
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data_dir))
    final = Path(data_dir) / FEATURES_SUBDIR
    try:
        staging.chmod(0o755)
        write(staging)
        is_test = pq.read_table(staging / FEATURES_FILE, columns=["is_test"])["is_test"]
        n_rows, n_test = len(is_test), int(pc.sum(is_test).as_py() or 0)
        features = [
            {
                "name": name,
                "dtype": _dtype_name(dtype),
                "is_categorical": dtype.is_string(),
                "family": family_of(name),
            }
            for name, dtype in dtypes.items()
        ]
        metadata = {
            "fingerprint": fingerprint,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "n_rows": n_rows,
            "n_train": n_rows - n_test,
            "n_test": n_test,
            "n_features": len(features),
            "features": features,
        }
        (staging / METADATA_FILE).write_text(json.dumps(metadata, indent=1))
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final / FEATURES_FILE, n_rows, n_test


def _swap_in(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging``: the old folder is set aside, then deleted last."""
    replace_dir(staging, final, ".features.old-")


def _features_dir(data_dir: Path) -> Path:
    """Return DATA_DIR/features, or raise if no feature run wrote it."""
    folder = Path(data_dir) / FEATURES_SUBDIR
    if not (folder / FEATURES_FILE).is_file() or not (folder / METADATA_FILE).is_file():
        raise MissingInputError(
            f"{folder}: no features found. Run features first: "
            f"python -m model_training features --data-dir {data_dir}"
        )
    return folder


def load_features(data_dir: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Return the feature table (SK_ID_CURR, TARGET, is_test, features), sorted by client."""
    return pd.read_parquet(_features_dir(data_dir) / FEATURES_FILE, columns=columns)


def load_feature_metadata(data_dir: Path) -> FeatureMetadata:
    """Return the metadata of the stored features (features.json)."""
    raw = json.loads((_features_dir(data_dir) / METADATA_FILE).read_text())
    return FeatureMetadata(
        fingerprint=raw["fingerprint"],
        features=tuple(FeatureSpec(**f) for f in raw["features"]),
        n_rows=raw["n_rows"],
        n_train=raw["n_train"],
        n_test=raw["n_test"],
        created=raw["created"],
    )


def feature_columns(data_dir: Path) -> list[str]:
    """Return the stored feature names in column order (keys and TARGET excluded)."""
    return load_feature_metadata(data_dir).names


def categorical_features(data_dir: Path) -> list[str]:
    """Return the stored categorical feature names (native strings, missing kept)."""
    return load_feature_metadata(data_dir).categorical
