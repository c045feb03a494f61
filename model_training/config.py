"""Named defaults of model_training, overridable from the environment."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from model_training.errors import ModelTrainingError

DEFAULT_DATA_DIR: str = os.environ.get("DATA_DIR", "data/demo")
DEFAULT_ARTIFACTS_DIR: str = os.environ.get("ARTIFACTS_DIR", "data/artifacts")
DEFAULT_SEED: int = int(os.environ.get("SEED", "42"))
VALIDATED_SUBDIR = "validated"
TRUTH_SUBDIR = "_truth"

# Kaggle's largest file (installments_payments.csv) is about 700 MB, its longest line 2 KB.
DEFAULT_MAX_INPUT_BYTES = 2 << 30
DEFAULT_MAX_COMPRESSION_RATIO = 100
DEFAULT_MAX_LINE_BYTES = 128 << 10  # also Python's csv field limit (131,072 characters)
MAX_LINE_BYTES_CEILING = 16 << 20  # DuckDB's CSV reader drops lines of 32 MiB or more


@dataclass(frozen=True)
class InputLimits:
    """Bounds on what `validate` reads from one input file (settings LOADER_MAX_*)."""

    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES  # uncompressed bytes of one file
    max_compression_ratio: int = DEFAULT_MAX_COMPRESSION_RATIO  # uncompressed / compressed
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES  # bytes of one CSV line

    @classmethod
    def from_env(cls) -> InputLimits:
        """Read LOADER_MAX_INPUT_BYTES, LOADER_MAX_COMPRESSION_RATIO, LOADER_MAX_LINE_BYTES."""
        values = {}
        for name, default, ceiling in (
            ("LOADER_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES, None),
            ("LOADER_MAX_COMPRESSION_RATIO", DEFAULT_MAX_COMPRESSION_RATIO, None),
            ("LOADER_MAX_LINE_BYTES", DEFAULT_MAX_LINE_BYTES, MAX_LINE_BYTES_CEILING),
        ):
            raw = os.environ.get(name, "").strip()
            try:
                value = int(raw) if raw else default
            except ValueError:
                value = 0
            if value < 1 or (ceiling is not None and value > ceiling):
                top = f" and at most {ceiling:,}" if ceiling else ""
                raise ModelTrainingError(
                    f"{name} must be a whole number of at least 1{top}, got {raw!r}."
                )
            values[name.removeprefix("LOADER_").lower()] = value
        return cls(**values)


DUCKDB_MEMORY_PATTERN = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


@dataclass(frozen=True)
class DuckDBSettings:
    """DuckDB's memory cap and spill folder in `validate` and `features` (DUCKDB_*)."""

    memory_limit: str = ""  # empty: each command's own default
    temp_dir: str = ""  # empty: a folder inside the data directory

    def memory_for(self, default: str) -> str:
        """Return the memory limit to give DuckDB, ``default`` when none is set."""
        return self.memory_limit or default

    def spill_parent(self, default: Path) -> Path:
        """Return the folder under which DuckDB spills, ``default`` when none is set."""
        return Path(self.temp_dir) if self.temp_dir else default

    @classmethod
    def from_env(cls) -> DuckDBSettings:
        """Read DUCKDB_MEMORY_LIMIT and DUCKDB_TEMP_DIR."""
        memory = os.environ.get("DUCKDB_MEMORY_LIMIT", "").strip()
        if memory and not DUCKDB_MEMORY_PATTERN.fullmatch(memory):
            raise ModelTrainingError(
                f"DUCKDB_MEMORY_LIMIT must be an amount such as 4GB or 8GiB, got {memory!r}."
            )
        temp_dir = os.environ.get("DUCKDB_TEMP_DIR", "").strip()
        if temp_dir and not Path(temp_dir).is_dir():
            raise ModelTrainingError(f"DUCKDB_TEMP_DIR {temp_dir!r} is not a folder.")
        return cls(memory, temp_dir)


DEFAULT_MLFLOW_MODEL_NAME = "pret-a-depenser-scoring"


@dataclass(frozen=True)
class TrackingSettings:
    """Where `build` logs its run and registers its model (MLFLOW_*; empty URI: no tracking)."""

    tracking_uri: str = ""
    model_name: str = DEFAULT_MLFLOW_MODEL_NAME

    @property
    def is_enabled(self) -> bool:
        """Tell whether a tracking server is configured."""
        return bool(self.tracking_uri)

    @classmethod
    def from_env(cls) -> TrackingSettings:
        """Read MLFLOW_TRACKING_URI and MLFLOW_MODEL_NAME."""
        name = os.environ.get("MLFLOW_MODEL_NAME", "").strip() or DEFAULT_MLFLOW_MODEL_NAME
        return cls(os.environ.get("MLFLOW_TRACKING_URI", "").strip(), name)


# Where `features` and `score` run (docs/spark.md); the first of each is the default.
FEATURE_ENGINES: tuple[str, ...] = ("duckdb", "spark")
SCORE_ENGINES: tuple[str, ...] = ("local", "spark")
DEFAULT_SPARK_MASTER = "local[2]"
DEFAULT_SPARK_DRIVER_MEMORY = "4g"


@dataclass(frozen=True)
class SparkSettings:
    """Where `--engine spark` runs (SPARK_*): a master URL, or a Spark Connect server."""

    master: str = DEFAULT_SPARK_MASTER
    remote: str = ""  # sc://host:15002: Spark Connect (needs pyspark's connect extra)
    driver_memory: str = DEFAULT_SPARK_DRIVER_MEMORY

    @property
    def is_remote(self) -> bool:
        """Tell whether the session is a Spark Connect client (SPARK_REMOTE set)."""
        return bool(self.remote)

    @classmethod
    def from_env(cls) -> SparkSettings:
        """Read SPARK_MASTER, SPARK_REMOTE and SPARK_DRIVER_MEMORY."""
        memory = os.environ.get("SPARK_DRIVER_MEMORY", "").strip() or DEFAULT_SPARK_DRIVER_MEMORY
        if not memory[:-1].isdigit() or memory[-1].lower() not in "kmgt":
            raise ModelTrainingError(
                f"SPARK_DRIVER_MEMORY must be a size such as 2g or 512m, got {memory!r}."
            )
        return cls(
            master=os.environ.get("SPARK_MASTER", "").strip() or DEFAULT_SPARK_MASTER,
            remote=os.environ.get("SPARK_REMOTE", "").strip(),
            driver_memory=memory,
        )
