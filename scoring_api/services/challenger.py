"""The challenger bundle as monitoring reads it: the version ``ARTIFACTS_DIR/CHALLENGER`` names,
opened read-only once per version (None: no challenger, the champion itself, or unreadable).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from model_training.bundle.registry import challenger_version
from model_training.errors import ModelTrainingError
from scoring_api.bundle_store import ServingBundle, load_serving_bundle

logger = logging.getLogger(__name__)
_opened: dict[tuple[Path, str], ServingBundle] = {}  # the last challenger opened, by its folder
_lock = threading.Lock()


def challenger_bundle(artifacts_dir: Path, champion_version: str) -> ServingBundle | None:
    """Return the challenger bundle, opened once per version, or None without one."""
    try:
        version = challenger_version(artifacts_dir)
    except OSError:
        return None
    if version is None or version == champion_version:
        return None
    key = (Path(artifacts_dir), version)
    with _lock:
        if key not in _opened:
            try:
                bundle = load_serving_bundle(artifacts_dir, version)
            except (ModelTrainingError, OSError) as exc:
                logger.warning("challenger %s cannot be read: %s", version, exc)
                return None
            _opened.clear()  # one challenger at a time: an older one is released
            _opened[key] = bundle
        return _opened[key]
