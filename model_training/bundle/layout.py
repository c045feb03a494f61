"""The bundle's layout on disk, written once: ``ARTIFACTS_DIR/<version>/`` and ``CURRENT``.

A bundle folder holds the model, its metadata and columnar tables, one Parquet file a table
(``<name>.parquet``); ``evaluate`` adds the evaluation and the HTML report. ``CURRENT`` (in
ARTIFACTS_DIR) names the live version.
"""

from __future__ import annotations

import re

CURRENT_FILE = "CURRENT"
CHALLENGER_FILE = (
    "CHALLENGER"  # beside CURRENT: the version scored in shadow (promote --challenger)
)
MODEL_FILE = "model.cbm"
METADATA_FILE = "metadata.json"
EVALUATION_FILE = "evaluation.json"
REPORT_FILE = "report.html"
MLMODEL_FILE = "MLmodel"  # the folder as an MLflow model (pyfunc flavour); older bundles lack it
# The training distribution of the score and the monitored features (bundle.reference); older
# bundles lack it: monitoring then has no reference.
MONITORING_REFERENCE_FILE = "monitoring_reference.json"
TABLE_SUFFIX = ".parquet"
# 2: reasons grouped by family (explanations' group_* columns), TreeSHAP by leaf, directions.
BUNDLE_FORMAT = 2

# A version is a folder name: letters, digits, ".", "_", "-" (train writes <UTC time>-<data>).
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

# Tables, by name (bundle.table(name)); each is ``<name>.parquet``, one row per client unless said.
SCORES = "scores"  # probability, log-odds, points, decision, peer group; train and test clients
FEATURES = "features"  # the feature store: the model's inputs (TARGET left out)
APPLICATIONS = "applications"  # the application fields shown to people (no TARGET, no gender)
EXPLANATIONS = "explanations"  # top SHAP contributions, the remainder, reason-group sums
IMPORTANCE = "importance"  # one row a feature: mean |SHAP| over the train clients
OOF = "oof"  # out-of-fold probabilities of the train clients (evaluation, threshold)
PEERS = "peers"  # histograms of every feature by group (all, granted, refused, peer:<k>)
# The direction view: a sample of train clients' value quantile and points for the top inputs
# (feature, quantile, points; modeling.directions). Older bundles lack it: the view is absent.
DIRECTIONS = "directions"
# Each client's fairness groups (SK_ID_CURR, gender, age band; evaluate.fairness.client_groups),
# read only to label scoring events for fairness monitoring, never a model input nor shown.
# Older bundles lack it: events then carry the groups a request gives, or none.
GROUPS = "groups"
CLIENT_TABLES = (SCORES, FEATURES, APPLICATIONS, EXPLANATIONS)  # the same clients, all four
REQUIRED_TABLES = (SCORES, FEATURES, APPLICATIONS)
# Rows a Parquet row group holds, for tables the server reads one client at a time (sorted by
# SK_ID_CURR, a filtered read skips the other groups: 14 ms for a client's fields at full scale,
# 195 ms from one group of 356,255 rows). The other tables are read whole: writer's default.
ROW_GROUP_ROWS = {APPLICATIONS: 16_384}


def table_file(name: str) -> str:
    """Return the file name of a bundle table (``scores`` -> ``scores.parquet``)."""
    return f"{name}{TABLE_SUFFIX}"


REQUIRED_FILES = (MODEL_FILE, METADATA_FILE, *(table_file(name) for name in REQUIRED_TABLES))


def is_version_name(name: str) -> bool:
    """Tell whether ``name`` can be a bundle version (a plain folder name, not CURRENT)."""
    return bool(VERSION_PATTERN.match(name)) and name not in (CURRENT_FILE, CHALLENGER_FILE)
