"""Named defaults of model_training, overridable from the environment."""

from __future__ import annotations

import os

DEFAULT_DATA_DIR: str = os.environ.get("DATA_DIR", "data/demo")
DEFAULT_ARTIFACTS_DIR: str = os.environ.get("ARTIFACTS_DIR", "data/artifacts")
DEFAULT_SEED: int = int(os.environ.get("SEED", "42"))
VALIDATED_SUBDIR = "validated"
TRUTH_SUBDIR = "_truth"
