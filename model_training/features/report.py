"""What a feature run wrote: where, how many clients and features, how long it took."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FeatureReport:
    """The outcome of ``build_features``: the Parquet path, row and feature counts, seconds."""

    path: Path
    n_rows: int
    n_test: int
    n_features: int
    seconds: float

    @property
    def n_train(self) -> int:
        """Return the number of train clients (rows with a TARGET)."""
        return self.n_rows - self.n_test

    def summary(self) -> str:
        """Return a one-paragraph account of the run for the CLI."""
        return (
            f"Features: {self.n_features} features for {self.n_rows:,} clients "
            f"({self.n_train:,} train, {self.n_test:,} test) in {self.seconds:.1f} s.\n"
            f"Written to {self.path} (metadata beside it in features.json)."
        )
