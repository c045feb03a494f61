"""Synthetic Home Credit data in Kaggle's exact schema: ``generate_dataset``."""

from model_training.data.synth.generate import SynthReport, generate_dataset

__all__ = ["SynthReport", "generate_dataset"]
