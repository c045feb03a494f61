"""Strict loader: check the raw Kaggle tables and write their typed Parquet copy."""

from model_training.data.loader.report import ValidationReport
from model_training.data.loader.validate import validate_data_dir

__all__ = ["ValidationReport", "validate_data_dir"]
