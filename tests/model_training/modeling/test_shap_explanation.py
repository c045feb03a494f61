"""A client's explanation as a shap.Explanation: served values, plain labels, shap's plots."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
import shap

from model_training.bundle import FEATURES, SCORES, open_bundle
from model_training.modeling.shap_explanation import client_explanation, frame_explanation

mpl.use("Agg")
import matplotlib.pyplot as plt  # after the Agg backend is chosen


@pytest.fixture(scope="module")
def scores(data_dir: Path) -> pd.DataFrame:
    """Return the live bundle's stored scores (one row a client)."""
    return open_bundle(data_dir / "artifacts").table(SCORES)


def test_one_client_adds_up_to_its_stored_log_odds(data_dir: Path, scores) -> None:
    """base value + contributions = logit of the stored probability of default."""
    client_id = int(scores["SK_ID_CURR"].iat[0])
    explanation = client_explanation(data_dir / "artifacts", client_id)
    probability = float(scores["probability"].iat[0])
    assert explanation.values.ndim == 1
    assert explanation.base_values + explanation.values.sum() == pytest.approx(
        np.log(probability / (1 - probability)), abs=1e-9
    )


def test_several_clients_carry_ids_and_plain_labels(data_dir: Path, scores) -> None:
    """Rows follow the ids asked for; feature names are the catalogue's labels in a language."""
    ids = scores["SK_ID_CURR"].to_numpy()[[3, 1, 2]].tolist()
    english = client_explanation(data_dir / "artifacts", ids)
    french = client_explanation(data_dir / "artifacts", ids, lang="fr")
    names = client_explanation(data_dir / "artifacts", ids, lang=None)
    column = names.feature_names.index("AMT_INCOME_TOTAL")
    assert english.shape == (3, len(names.feature_names))
    assert list(english.instance_names) == ids
    assert (english.feature_names[column], french.feature_names[column]) == (
        "Monthly income",
        "Revenu mensuel",
    )
    np.testing.assert_array_equal(english.values, french.values)


def test_a_frame_of_features_gives_the_same_values(data_dir: Path, scores) -> None:
    """Feature-store rows passed as a frame are explained as the same clients by id."""
    artifacts = data_dir / "artifacts"
    rows = open_bundle(artifacts).table(FEATURES).head(4)
    by_frame = frame_explanation(artifacts, rows)
    by_id = client_explanation(artifacts, rows["SK_ID_CURR"].tolist())
    np.testing.assert_array_equal(by_frame.values, by_id.values)


def test_unknown_client_is_named(data_dir: Path) -> None:
    with pytest.raises(KeyError, match="clients \\[-1\\] are not in bundle"):
        client_explanation(data_dir / "artifacts", [-1])


def test_waterfall_and_beeswarm_draw(data_dir: Path, scores) -> None:
    """shap's waterfall (one client) and beeswarm (several) draw without error."""
    ids = scores["SK_ID_CURR"].head(40).tolist()
    explanation = client_explanation(data_dir / "artifacts", ids)
    first = explanation[0]
    top_label = first.feature_names[int(np.argmax(np.abs(first.values)))]
    shap.plots.waterfall(first, show=False)
    ticks = [t.get_text() for t in plt.gca().get_yticklabels()]
    plt.close("all")
    assert any(t.endswith(f"= {top_label}") for t in ticks)
    shap.plots.beeswarm(explanation, show=False)
    labels = [t.get_text() for t in plt.gca().get_yticklabels()]
    plt.close("all")
    assert len(labels) == 10  # nine features and the sum of the others
