"""Model bundles: the one owner of ``ARTIFACTS_DIR/<version>/`` and ``CURRENT``.

Shaped like MLflow's ``Model``: ``write_bundle`` writes a bundle whole (temporary folder,
validated, renamed, CURRENT switched last), ``open_bundle`` returns a ``Bundle`` (typed
``BundleMetadata``, the model, tables read by name), ``validate`` is the one check used by
train, promote, ``fetch-bundle`` and the server, and the registry lists, promotes and rolls
back versions. Every problem is a ``BundleError`` that says how to fix it.
"""

from model_training.bundle.artifact import Bundle
from model_training.bundle.checks import validate
from model_training.bundle.layout import (
    APPLICATIONS,
    BUNDLE_FORMAT,
    CHALLENGER_FILE,
    CURRENT_FILE,
    DIRECTIONS,
    EVALUATION_FILE,
    EXPLANATIONS,
    FEATURES,
    GROUPS,
    IMPORTANCE,
    METADATA_FILE,
    MODEL_FILE,
    MONITORING_REFERENCE_FILE,
    OOF,
    PEERS,
    REPORT_FILE,
    REQUIRED_FILES,
    SCORES,
    is_version_name,
    table_file,
)
from model_training.bundle.metadata import BundleMetadata
from model_training.bundle.reference import MonitoringReference
from model_training.bundle.registry import (
    challenger_version,
    current_version,
    list_versions,
    open_bundle,
    promote,
    rollback,
    set_challenger,
    set_current,
)
from model_training.bundle.writer import BundleContent, add_file, write_bundle

__all__ = [
    "APPLICATIONS",
    "BUNDLE_FORMAT",
    "CHALLENGER_FILE",
    "CURRENT_FILE",
    "DIRECTIONS",
    "EVALUATION_FILE",
    "EXPLANATIONS",
    "FEATURES",
    "GROUPS",
    "IMPORTANCE",
    "METADATA_FILE",
    "MODEL_FILE",
    "MONITORING_REFERENCE_FILE",
    "OOF",
    "PEERS",
    "REPORT_FILE",
    "REQUIRED_FILES",
    "SCORES",
    "Bundle",
    "BundleContent",
    "BundleMetadata",
    "MonitoringReference",
    "add_file",
    "challenger_version",
    "current_version",
    "is_version_name",
    "list_versions",
    "open_bundle",
    "promote",
    "rollback",
    "set_challenger",
    "set_current",
    "table_file",
    "validate",
    "write_bundle",
]
