"""Clients' explanations as ``shap.Explanation`` objects, for shap's plots in a notebook.

The values are the served ones (TreeSHAP by leaf, log-odds of default); the tests check
them against shap's own TreeSHAP (``shap_trees``). shap is an explanation and test
dependency (requirements-explain.txt), never imported by the serving path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import shap

from model_training.bundle import FEATURES, Bundle, open_bundle
from model_training.features.catalogue import feature_label
from model_training.modeling.explain import shap_contributions
from model_training.modeling.model_input import to_model_input

ID_COLUMN = "SK_ID_CURR"


def explain_features(
    bundle: Bundle, features: pd.DataFrame, *, lang: str | None = "en"
) -> shap.Explanation:
    """Return the explanation of rows of model features (one row an application).

    ``feature_names`` are the catalogue's plain labels in ``lang`` (the column names when
    ``lang`` is None); ``data`` holds the model's input, ``display_data`` the values as stored
    (a missing value stays missing); ``instance_names`` are the SK_ID_CURR when given.
    """
    names, categorical = list(bundle.features), list(bundle.categorical)
    absent = [name for name in names if name not in features.columns]
    if absent:
        raise KeyError(
            f"the frame lacks {len(absent)} of bundle {bundle.version}'s features "
            f"(first: {absent[:5]}); pass rows of the feature store or of `features`."
        )
    x = to_model_input(features, names, categorical)
    contributions = shap_contributions(bundle.model, x, categorical)
    ids = features[ID_COLUMN].tolist() if ID_COLUMN in features.columns else None
    return shap.Explanation(
        values=contributions.values,
        base_values=np.full(len(x), contributions.base_value),
        data=x.to_numpy(dtype=object),
        display_data=features[names].to_numpy(dtype=object),
        instance_names=ids,
        feature_names=[feature_label(n, lang) for n in names] if lang else names,
    )


def client_explanation(
    artifacts_dir: Path | str,
    client_ids: int | Sequence[int],
    *,
    version: str | None = None,
    lang: str | None = "en",
) -> shap.Explanation:
    """Return stored clients' explanations (one row; several for a list of ids).

    ``version`` names a bundle in ``artifacts_dir`` (the live one by default). Example::

        exp = client_explanation("data/artifacts", [100002, 100003])
        shap.plots.waterfall(exp[0]); shap.plots.beeswarm(exp)
    """
    bundle = open_bundle(Path(artifacts_dir), version)
    ids = [client_ids] if isinstance(client_ids, int | np.integer) else list(client_ids)
    store = bundle.table(FEATURES).set_index(ID_COLUMN, drop=False)
    unknown = [i for i in ids if i not in store.index]
    if unknown:
        raise KeyError(f"clients {unknown[:5]} are not in bundle {bundle.version}'s feature store.")
    explanation = explain_features(bundle, store.loc[ids].reset_index(drop=True), lang=lang)
    return explanation[0] if isinstance(client_ids, int | np.integer) else explanation


def frame_explanation(
    artifacts_dir: Path | str,
    features: pd.DataFrame,
    *,
    version: str | None = None,
    lang: str | None = "en",
) -> shap.Explanation:
    """Return the explanations of a frame of applications given as model features."""
    return explain_features(open_bundle(Path(artifacts_dir), version), features, lang=lang)
