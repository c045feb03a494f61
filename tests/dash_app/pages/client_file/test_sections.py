"""The sections of a client's file: the margin in words, the reasons with their evidence."""

from __future__ import annotations

import pytest

from dash_app.pages.client_file import ids
from dash_app.pages.client_file.sections import margin_text, reasons_section
from tests.dash_app.component_text import texts


@pytest.mark.parametrize(
    ("margin", "decision", "lang", "expected"),
    [
        (
            0.082,
            "granted",
            "en",
            "8.2 percentage points below the threshold: granted with a comfortable margin",
        ),
        (
            0.082,
            "granted",
            "fr",
            "8,2 points de pourcentage sous le seuil : accordé avec une marge confortable",
        ),
        (
            0.021,
            "granted",
            "en",
            "2.1 percentage points below the threshold: granted with a clear margin",
        ),
        (
            -0.004,
            "refused",
            "en",
            "0.4 percentage points above the threshold: refused, just above the threshold",
        ),
        (
            -0.004,
            "refused",
            "fr",
            "0,4 point de pourcentage au-dessus du seuil : refusé de "
            "justesse, juste au-dessus du seuil",
        ),
        (
            -0.31,
            "refused",
            "en",
            "31.0 percentage points above the threshold: refused, far above the threshold",
        ),
    ],
)
def test_the_margin_to_the_threshold_is_said_in_words_by_band(
    margin: float, decision: str, lang: str, expected: str
) -> None:
    assert margin_text(margin, decision, lang) == expected


def test_a_reason_shows_the_clients_values_and_advice_only_where_there_is_some() -> None:
    reasons = [
        {
            "family": "late_instalments",
            "label": "Late instalments",
            "kind": "adverse_value",
            "improve": "Pay each instalment on its due date.",
            "evidence": [
                {
                    "feature": "INST_LATE_30_COUNT",
                    "label": "Instalments over 30 days late",
                    "value": 2,
                }
            ],
            "points": -9.4,
        },
        {
            "family": "age",
            "label": "Age",
            "kind": "adverse_value",
            "improve": "",
            "evidence": [{"feature": "AGE_YEARS", "label": "Age", "value": 23.4}],
            "points": -3.1,
        },
        {
            "family": "no_external_score",
            "label": "No external bureau score was provided",
            "kind": "missing_information",
            "improve": "Provide a credit-bureau score.",
            "evidence": [{"feature": "EXT_SOURCE_3", "label": "External score 3", "value": None}],
            "points": -2.0,
        },
    ]
    card = reasons_section({"reasons": reasons}, "en")
    listed = card.children.children[-1]
    assert listed.id == ids.CLIENT_FILE_REASONS_LIST
    shown = ["".join(texts(item)) for item in listed.children]
    assert shown[0].startswith("Late instalments — costs 9\u00a0pts")
    assert "In the file: Instalments over 30 days late: 2." in shown[0]
    assert "What would improve it: Pay each instalment" in shown[0]
    assert "What would improve it" not in shown[1]
    assert "Absent from the file: External score 3:" in shown[2]
