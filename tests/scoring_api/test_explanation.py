"""Stored explanations: read from the bundle's tables, row for row, values from the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.modeling.explanation_names import OTHER_FEATURES
from scoring_api.bundle_store import ServingBundle, load_serving_bundle
from scoring_api.services.explanation import explain_stored_client
from scoring_api.services.raw_data import json_value


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> ServingBundle:
    """Return the live bundle of the session data."""
    artifacts = data_dir / "artifacts"
    return load_serving_bundle(artifacts, (artifacts / "CURRENT").read_text().strip())


@pytest.mark.parametrize("top", [1, 5, 20])
def test_rows_are_the_tables_ranks_with_the_stores_values(
    bundle: ServingBundle, client_ids: list[int], top: int
) -> None:
    for client_id in client_ids:
        row = bundle.position(client_id)
        table = bundle.explanations
        k = sum(1 for c in table.columns if c.startswith("shap_") and c != "shap_other")
        ranked = [
            (bundle.features[int(table[f"feature_{r}"].iat[row])], table[f"shap_{r}"].iat[row])
            for r in range(1, k + 1)
        ]
        body = explain_stored_client(bundle, client_id, top, "en")
        shown = body["contributions"][:-1]
        assert [(c["feature"], c["contribution"]) for c in shown] == ranked[: min(top, k)]
        assert [c["value"] for c in shown] == [
            json_value(bundle.store[name].iat[row]) for name, _ in ranked[:top]
        ]
        other = body["contributions"][-1]
        assert other["feature"] == OTHER_FEATURES
        hidden = sum(c for _, c in ranked[top:])
        assert other["contribution"] == pytest.approx(table["shap_other"].iat[row] + hidden)


def test_a_second_bundle_reads_its_own_tables(data_dir: Path, client_ids: list[int]) -> None:
    artifacts = data_dir / "artifacts"
    version = (artifacts / "CURRENT").read_text().strip()
    first, second = (load_serving_bundle(artifacts, version) for _ in range(2))
    explain_stored_client(first, client_ids[0], 5, "en")
    second.explanations["shap_other"] = second.explanations["shap_other"] + 1.0
    before = explain_stored_client(first, client_ids[0], 5, "en")["contributions"][-1]
    after = explain_stored_client(second, client_ids[0], 5, "en")["contributions"][-1]
    assert after["contribution"] == pytest.approx(before["contribution"] + 1.0)
