"""The CSV export: one cell per value, no text a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from scoring_api.services.clients import export_as_csv

FORMULAS = [
    '=HYPERLINK("https://evil.example","x")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1",
    "\r=1",
    "＝1+1",
]


def cells(export: dict[str, Any]) -> list[list[str]]:
    """Return the CSV export's rows as a spreadsheet reads them (header dropped)."""
    return list(csv.reader(io.StringIO(export_as_csv(export))))[1:]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_text_starting_a_formula_is_written_with_a_leading_quote(formula: str) -> None:
    export = {
        "decision": formula,
        "application": {"OCCUPATION_TYPE": formula},
        "history": {"bureau": [{"CREDIT_TYPE": formula}]},
        "explanation": {"reasons": [{"label": formula, "evidence": []}]},
    }
    values = [row[3] for row in cells(export) if row[2] != "evidence"]
    assert values == ["'" + formula] * 4


def test_numbers_and_plain_texts_stay_as_they_are() -> None:
    export = {
        "client_id": 100002,
        "application": {
            "DAYS_BIRTH": -9461,
            "AMT_CREDIT": -0.5,
            "NAME_CONTRACT_TYPE": "Cash loans",
        },
        "explanation": {"reasons": [{"points": -38.2, "label": "Late payments"}]},
    }
    assert cells(export) == [
        ["client", "0", "client_id", "100002"],
        ["application", "0", "DAYS_BIRTH", "-9461"],
        ["application", "0", "AMT_CREDIT", "-0.5"],
        ["application", "0", "NAME_CONTRACT_TYPE", "Cash loans"],
        ["reasons", "0", "points", "-38.2"],
        ["reasons", "0", "label", "Late payments"],
    ]


def test_evidence_starting_with_a_formula_is_quoted_too() -> None:
    evidence = [{"feature": "=cmd|'/C calc'!A0", "value": 1}]
    export = {"explanation": {"reasons": [{"evidence": evidence}]}}
    assert cells(export) == [["reasons", "0", "evidence", "'=cmd|'/C calc'!A0=1"]]
