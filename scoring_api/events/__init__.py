"""Scoring events and observed outcomes: what production scores, and what happened after."""
