"""The model routes: one refusal rate in the card, fairness table and report; the direction view."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

import scoring_api.routes.model
from model_training.bundle import DIRECTIONS, OOF
from model_training.modeling.directions import DIRECTION_FEATURES, DIRECTION_SAMPLE
from model_training.presentation.formats import format_percent
from scoring_api.services import model_card


def test_the_card_the_fairness_total_and_the_report_state_one_refusal_rate(as_role) -> None:
    card = as_role("advisor", "GET", "/api/v1/model").get_json()
    curves = as_role("advisor", "GET", "/api/v1/model/curves").get_json()
    report = as_role("advisor", "GET", "/api/v1/model/report").get_data(as_text=True)
    refusal = card["metrics"]["refusal_rate_oof"]
    assert "refusal_rate_train" not in card["metrics"]
    assert curves["summary"]["refusal_rate"] == refusal
    assert curves["fairness"]["all"]["approval_rate"] == pytest.approx(1 - refusal, abs=1e-12)
    assert curves["fairness"]["all"]["n"] == card["n_clients"]["train"]
    shown = format_percent(refusal, "en")
    assert f"<td>Refusal rate (train clients, out of fold)</td><td>{shown}</td>" in report


def test_the_direction_view_gives_the_top_inputs_in_points_with_catalogue_labels(
    as_role,
) -> None:
    english = as_role("advisor", "GET", "/api/v1/model/directions?lang=en")
    french = as_role("advisor", "GET", "/api/v1/model/directions?lang=fr").get_json()
    assert english.status_code == 200
    view = english.get_json()
    assert 1 <= len(view["features"]) <= DIRECTION_FEATURES
    assert 0 < view["n_clients"] <= DIRECTION_SAMPLE
    card = as_role("advisor", "GET", "/api/v1/model?lang=en").get_json()
    labels = {row["name"]: row["label"] for row in card["features"]}
    for feature in view["features"]:
        assert feature["label"] == labels[feature["name"]]
        assert len(feature["points"]) == len(feature["quantile"]) == view["n_clients"]
        assert all(q is None or 0 <= q <= 1 for q in feature["quantile"])
    assert [f["name"] for f in french["features"]] == [f["name"] for f in view["features"]]
    pairs = zip(french["features"], view["features"], strict=True)
    assert any(f["label"] != g["label"] for f, g in pairs)
    assert len(english.get_data()) < 60_000  # small: a few hundred points an input


def test_the_direction_view_is_for_advisors(as_role) -> None:
    assert as_role("client", "GET", "/api/v1/model/directions").status_code == 403
    assert as_role(None, "GET", "/api/v1/model/directions").status_code == 401


def test_a_bundle_without_the_direction_table_has_no_view_and_the_route_answers_404(
    as_role, monkeypatch
) -> None:
    older = SimpleNamespace(
        source=SimpleNamespace(has_table=lambda name: name != DIRECTIONS),
        version="older",
        cached=lambda slot, key, build: build(),
    )
    assert model_card.direction_view(older, "fr") is None  # type: ignore[arg-type]  # a stand-in
    monkeypatch.setattr(scoring_api.routes.model, "direction_view", lambda bundle, lang: None)
    response = as_role("advisor", "GET", "/api/v1/model/directions?lang=fr")
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "not_found")


def test_an_older_bundle_gets_its_refusal_rate_from_its_oof_table_by_the_same_rule() -> None:
    oof = pd.DataFrame({"oof_probability": [0.1, 0.3, 0.5, 0.9]})
    older = SimpleNamespace(
        metadata=SimpleNamespace(
            threshold=0.5,
            metrics=SimpleNamespace(refusal_rate_oof=None, model_dump=lambda exclude: {}),
        ),
        source=SimpleNamespace(has_table=lambda name: name == OOF, table=lambda name, cols: oof),
        version="older",
        cached=lambda slot, key, build: build(),
    )
    metrics = model_card.card_metrics(older)  # type: ignore[arg-type]  # a stand-in bundle
    assert metrics == {"refusal_rate_oof": 0.5}
