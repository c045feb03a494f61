"""Synthetic Home Credit data in Kaggle's exact schema: ``generate_dataset``."""

from model_training.data.synth.generate import (
    SynthReport,
    applications_for_scale,
    generate_dataset,
)

__all__ = ["SynthReport", "applications_for_scale", "generate_dataset"]
