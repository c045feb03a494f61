"""The feature table as the model sees it: frame, feature names, categoricals, fingerprint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from model_training.features.store import load_feature_metadata, load_features


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
    """Read the feature store the features stage wrote (``DATA_DIR/features``)."""
    metadata = load_feature_metadata(data_dir)
    frame = load_features(data_dir)
    return FeatureSet(
        frame.reset_index(drop=True), metadata.names, metadata.categorical, metadata.fingerprint
    )
