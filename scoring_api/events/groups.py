"""The fairness groups an event carries (gender, age band), for fairness monitoring only.

A stored client's groups come from the bundle's ``groups`` table (written at training by
``evaluate.fairness.client_groups``; older bundles lack it: no groups); a new applicant's from
the application's own CODE_GENDER and DAYS_BIRTH, when given, by the same rules. Groups are
never a model input, and no other personal value is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from model_training.bundle.layout import GROUPS
from model_training.data.schema import PROTECTED_ATTRIBUTE
from model_training.evaluate.fairness import GROUP_NAMES, age_band
from scoring_api.bundle_store import ServingBundle

GROUPS_SLOT = "fairness_groups"


def _groups_table(bundle: ServingBundle) -> pd.DataFrame | None:
    """Return the bundle's groups table sorted by client, or None when the bundle has none."""
    if not bundle.source.has_table(GROUPS):
        return None
    table = bundle.source.table(GROUPS)
    return table.sort_values("SK_ID_CURR", ignore_index=True)


def stored_fairness_groups(bundle: ServingBundle, client_id: int) -> dict[str, str]:
    """Return a stored client's groups ({} when the bundle or the client has none)."""
    table = bundle.cached(GROUPS_SLOT, None, lambda: _groups_table(bundle))
    if table is None:
        return {}
    ids = table["SK_ID_CURR"].to_numpy()
    row = int(np.searchsorted(ids, client_id))
    if row >= len(ids) or ids[row] != client_id:
        return {}
    return {name: str(table[name].iat[row]) for name in GROUP_NAMES}


def application_groups(application: Mapping[str, Any]) -> dict[str, str]:
    """Return the groups a new application states (each left out when its field is not given)."""
    groups: dict[str, str] = {}
    gender = application.get(PROTECTED_ATTRIBUTE)
    if gender is not None:
        groups[GROUP_NAMES[0]] = str(gender)
    days_birth = application.get("DAYS_BIRTH")
    if days_birth is not None:
        groups[GROUP_NAMES[1]] = str(age_band(np.array([float(days_birth)]))[0])
    return groups


def event_groups(bundle: ServingBundle, application: Mapping[str, Any]) -> dict[str, str]:
    """Return the groups of a scored application: a stored client's own, updated by what the
    application states (a what-if), or only what it states (a new applicant)."""
    client_id = application.get("SK_ID_CURR")
    stored = {} if client_id is None else stored_fairness_groups(bundle, int(client_id))
    return stored | application_groups(application)
