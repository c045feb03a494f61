"""One explanation: a stored client's file and a what-if that changes nothing agree.

The probability, score, contributions by group, reasons, points and evidence are the same
(the file's SHAP values were computed with every client at once at training, a what-if's alone:
TreeSHAP by leaf gives a row the same values in any batch).
"""

from __future__ import annotations

import pytest

from scoring_api.context import bundle_store

POINTS_TOLERANCE = 1e-6
N_CLIENTS = 60


@pytest.fixture(scope="module")
def pairs(app, keys) -> list[tuple[dict, dict, dict]]:
    """Return (stored score, stored explanation, what-if result) for many clients."""
    http = app.test_client()
    headers = {"X-API-Key": keys["advisor"]}
    with app.test_request_context():
        ids = bundle_store().get().client_ids
    out = []
    for client_id in ids[:: max(1, len(ids) // N_CLIENTS)].tolist():
        score = http.get(f"/api/v1/clients/{client_id}/score?lang=en", headers=headers).json
        stored = http.get(
            f"/api/v1/clients/{client_id}/explanation?top=10&lang=en", headers=headers
        ).json
        body = {"applications": [{"SK_ID_CURR": client_id}], "explain": True, "lang": "en"}
        what_if = http.post("/api/v1/score", json=body, headers=headers).json["results"][0]
        out.append((score, stored, what_if))
    return out


def test_same_probability_score_and_decision(pairs) -> None:
    for score, _, what_if in pairs:
        assert what_if["probability"] == pytest.approx(score["probability"], rel=1e-9)
        assert what_if["score"] == pytest.approx(score["score"], abs=1e-6)
        assert what_if["model_decision"] == score["model_decision"]


def test_same_contributions_by_group(pairs) -> None:
    for _, stored, what_if in pairs:
        computed = {g["family"]: g["points"] for g in what_if["explanation"]["groups"]}
        read = {g["family"]: g["points"] for g in stored["groups"]}
        assert set(computed) == set(read)
        for family, points in read.items():
            assert computed[family] == pytest.approx(points, abs=POINTS_TOLERANCE), family


def test_same_reasons_with_the_same_points_and_evidence(pairs) -> None:
    for _, stored, what_if in pairs:
        computed = what_if["explanation"]["reasons"]
        assert [r["family"] for r in computed] == [r["family"] for r in stored["reasons"]]
        for a, b in zip(computed, stored["reasons"], strict=True):
            assert a["points"] == pytest.approx(b["points"], abs=POINTS_TOLERANCE)
            assert [e["feature"] for e in a["evidence"]] == [e["feature"] for e in b["evidence"]]
            assert [e["value"] for e in a["evidence"]] == [e["value"] for e in b["evidence"]]


def test_a_reason_costs_what_its_group_bar_costs(pairs) -> None:
    for _, stored, what_if in pairs:
        for explanation in (stored, what_if["explanation"]):
            bars = {g["family"]: g["points"] for g in explanation["groups"]}
            for reason in explanation["reasons"]:
                assert reason["points"] == bars[reason["family"]]


def test_the_list_the_file_and_the_score_give_the_stored_decision(app, keys) -> None:
    http = app.test_client()
    headers = {"X-API-Key": keys["advisor"]}
    with app.test_request_context():
        scores = bundle_store().get().scores.set_index("SK_ID_CURR")["decision"]
    listed = http.get("/api/v1/clients?limit=200", headers=headers).json["items"]
    for item in listed:
        client_id = item["client_id"]
        file = http.get(f"/api/v1/clients/{client_id}", headers=headers).json
        score = http.get(f"/api/v1/clients/{client_id}/score", headers=headers).json
        assert item["decision"] == file["decision"] == score["decision"] == scores[client_id]
        assert file["missing_inputs"] == score["missing_inputs"]
    assert {"granted", "refused"} <= set(scores)
