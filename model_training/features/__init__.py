"""Feature pipeline: one row of features per SK_ID_CURR from the seven validated tables."""

from model_training.features.application import application_feature_names, application_features
from model_training.features.catalogue import families, feature_catalogue, feature_entry
from model_training.features.pipeline import build_features
from model_training.features.report import FeatureReport
from model_training.features.store import (
    FeatureMetadata,
    FeatureSpec,
    categorical_features,
    feature_columns,
    load_feature_metadata,
    load_features,
)

__all__ = [
    "FeatureMetadata",
    "FeatureReport",
    "FeatureSpec",
    "application_feature_names",
    "application_features",
    "build_features",
    "categorical_features",
    "families",
    "feature_catalogue",
    "feature_columns",
    "feature_entry",
    "load_feature_metadata",
    "load_features",
]
