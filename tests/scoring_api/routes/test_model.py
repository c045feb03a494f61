"""The model routes: one refusal rate in the card, the fairness table and the report."""

from __future__ import annotations

import pytest

from model_training.presentation.formats import format_percent


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
