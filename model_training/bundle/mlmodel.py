"""The bundle as an MLflow model: its ``MLmodel`` file (a pyfunc flavour), written and checked.

The file is JSON, a YAML document MLflow reads as it reads its own. Its ``python_function``
flavour names a ``loader_module`` and no ``data``, so MLflow hands the loader the bundle folder
itself: the model's artifacts are the bundle's own files (no copy of the model). The loader is
the API's own scoring (``scoring_api.mlflow_model``), so ``mlflow.pyfunc.load_model(bundle)``
predicts what the API answers. Nothing here imports mlflow.
"""

from __future__ import annotations

import json
import platform
import uuid
from pathlib import Path

from model_training.bundle.layout import MLMODEL_FILE
from model_training.bundle.metadata import BundleMetadata
from model_training.errors import BundleError

PYFUNC_FLAVOR = "python_function"
PYFUNC_LOADER = "scoring_api.mlflow_model"


def mlmodel_text(metadata: BundleMetadata) -> str:
    """Return the ``MLmodel`` file of a bundle: a pyfunc flavour loaded from the folder."""
    document = {
        "flavors": {
            PYFUNC_FLAVOR: {
                "loader_module": PYFUNC_LOADER,
                "python_version": platform.python_version(),
            }
        },
        "metadata": {"bundle_version": metadata.version},
        "model_uuid": uuid.uuid4().hex,
        "utc_time_created": metadata.created.replace(tzinfo=None).isoformat(sep=" "),
    }
    return json.dumps(document, indent=2) + "\n"


def check_mlmodel(folder: Path, where: str) -> None:
    """Raise BundleError unless the bundle's ``MLmodel`` is a pyfunc model of its own files.

    The version it names is informative only (metadata.json is the version's one record).
    """
    fix = "Rebuild the bundle (python -m model_training build) or delete its MLmodel file."
    try:
        document = json.loads((folder / MLMODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{where}: {MLMODEL_FILE} is unreadable ({exc}). {fix}") from None
    flavors = document.get("flavors") if isinstance(document, dict) else None
    flavor = flavors.get(PYFUNC_FLAVOR) if isinstance(flavors, dict) else None
    if not isinstance(flavor, dict) or flavor.get("loader_module") != PYFUNC_LOADER:
        raise BundleError(
            f"{where}: {MLMODEL_FILE} has no {PYFUNC_FLAVOR} flavour loaded by "
            f"{PYFUNC_LOADER}. {fix}"
        )
    if "data" in flavor:
        raise BundleError(
            f"{where}: {MLMODEL_FILE} points its model at {flavor['data']!r}, not at the "
            f"bundle's own files. {fix}"
        )
