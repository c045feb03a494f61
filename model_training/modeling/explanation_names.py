"""Names an explanation carries, written by the API and read by the dashboard (no heavy imports).

The dashboard imports this module, not ``modeling.explain`` (which loads CatBoost).
"""

from __future__ import annotations

# The feature name of the row that sums the contributions not listed one by one
OTHER_FEATURES = "other_features"
