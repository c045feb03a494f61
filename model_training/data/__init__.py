"""Kaggle Home Credit data: schema, synthetic generator and strict loader."""
