"""``Bundle``: one bundle folder opened, its typed metadata and model, tables read by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from catboost import CatBoostClassifier

from model_training.bundle.layout import (
    MODEL_FILE,
    MONITORING_REFERENCE_FILE,
    TABLE_SUFFIX,
    table_file,
)
from model_training.bundle.metadata import BundleMetadata
from model_training.bundle.reference import MonitoringReference
from model_training.errors import BundleError


@dataclass(frozen=True, eq=False)
class Bundle:
    """An opened (and validated) bundle: its folder, metadata and model; tables on demand.

    Get one from ``open_bundle`` or ``validate``; nothing else reads a bundle's files.
    """

    path: Path
    metadata: BundleMetadata
    model: CatBoostClassifier

    @property
    def version(self) -> str:
        """Return the bundle's version (its folder's name)."""
        return self.metadata.version

    @property
    def features(self) -> tuple[str, ...]:
        """Return the model's input names, in the model's order."""
        return self.metadata.feature_names

    @property
    def categorical(self) -> tuple[str, ...]:
        """Return the categorical inputs, in the model's order."""
        return self.metadata.categorical

    def model_bytes(self) -> bytes:
        """Return the model file's bytes (to ship the model to Spark's executors)."""
        return (self.path / MODEL_FILE).read_bytes()

    def has_table(self, name: str) -> bool:
        """Tell whether the bundle holds the table ``name``."""
        return (self.path / table_file(name)).is_file()

    def table(
        self,
        name: str,
        columns: Sequence[str] | None = None,
        filters: list[tuple[str, str, Any]] | None = None,
    ) -> pd.DataFrame:
        """Read one of the bundle's tables (``columns`` only; rows matching ``filters``)."""
        path = self._table_path(name)
        return pd.read_parquet(
            path, columns=None if columns is None else list(columns), filters=filters
        )

    def arrow_table(self, name: str, columns: Sequence[str] | None = None) -> pa.Table:
        """Read one of the bundle's tables as Arrow (for numpy columns without pandas)."""
        path = self._table_path(name)
        return pq.read_table(path, columns=None if columns is None else list(columns))

    def table_columns(self, name: str) -> list[str]:
        """Return the column names of one of the bundle's tables (its schema only)."""
        return list(pq.read_schema(self._table_path(name)).names)

    def _table_path(self, name: str) -> Path:
        """Return the file of a table, or raise BundleError naming the tables there."""
        path = self.path / table_file(name)
        if not path.is_file():
            held = sorted(p.name.removesuffix(TABLE_SUFFIX) for p in self.path.glob("*.parquet"))
            raise BundleError(
                f"bundle {self.version} in {self.path.parent} has no {path.name} (tables: "
                f"{', '.join(held) or 'none'}). Rebuild it: python -m model_training build."
            )
        return path

    def read_text(self, name: str) -> str | None:
        """Return the text of an optional bundle file (report, evaluation), or None when absent."""
        path = self.path / name
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def monitoring_reference(self) -> MonitoringReference | None:
        """Return the monitoring reference, None for a bundle written before it existed."""
        text = self.read_text(MONITORING_REFERENCE_FILE)
        if text is None:
            return None
        try:
            return MonitoringReference.from_json(text)
        except ValueError as exc:
            raise BundleError(
                f"bundle {self.version} in {self.path.parent}: {MONITORING_REFERENCE_FILE} is "
                f"unreadable ({exc}). Rebuild it: python -m model_training build."
            ) from None
