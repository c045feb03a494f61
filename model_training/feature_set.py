"""The feature table as the model sees it: frame, feature names, categoricals, fingerprint."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from model_training.config import VALIDATED_SUBDIR
from model_training.errors import MissingInputError

FEATURES_SUBDIR = "features"
ID_COLUMNS = ("SK_ID_CURR", "TARGET", "is_test")


@dataclass(frozen=True)
class FeatureSet:
    """All clients' features (train and test), with the names the model takes."""

    frame: pd.DataFrame
    features: list[str]
    categorical: list[str]
    fingerprint: str

    @property
    def train(self) -> pd.DataFrame:
        """Return the train clients' rows (those with a TARGET)."""
        return self.frame[~self.frame["is_test"]]


def load_feature_set(data_dir: Path) -> FeatureSet:
    """Read ``DATA_DIR/features/features.parquet`` written by the features stage."""
    path = data_dir / FEATURES_SUBDIR / "features.parquet"
    if not path.exists():
        raise MissingInputError(
            f"{path} not found: run `python -m model_training features --data-dir {data_dir}` "
            "(or `build`) first."
        )
    frame = pd.read_parquet(path)
    features = [c for c in frame.columns if c not in ID_COLUMNS]
    categorical = [c for c in features if not pd.api.types.is_numeric_dtype(frame[c])]
    fingerprint_path = data_dir / VALIDATED_SUBDIR / "fingerprint.json"
    fingerprint = ""
    if fingerprint_path.exists():
        fingerprint = str(json.loads(fingerprint_path.read_text()).get("fingerprint", ""))
    return FeatureSet(frame.reset_index(drop=True), features, categorical, fingerprint)
