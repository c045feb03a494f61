"""The loan part of the form: term and monthly instalment computed from each other."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app.components.application_fields import changed_fields, form_values, to_application
from dash_app.components.application_specs import WHAT_IF_FIELDS
from dash_app.components.loan_form import loan_text, resolve_loan

RATE = 0.12
STORED = {"AMT_CREDIT": 10_000.0, "AMT_ANNUITY": 888.49, "NAME_CONTRACT_TYPE": "Cash loans"}


def _what_if(**changes: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (resolved form values, original values) of the stored file with these changes."""
    original = form_values(STORED, WHAT_IF_FIELDS, RATE)
    return resolve_loan(original | changes, original, RATE), original


def test_the_stored_file_prefills_its_term_from_the_credit_and_instalment() -> None:
    original = form_values(STORED, WHAT_IF_FIELDS, RATE)
    assert (original["term_months"], original["annuity"]) == (12, 888.49)


def test_a_typed_term_gives_the_amortised_monthly_instalment() -> None:
    values = {"credit": 10_000, "term_months": 12, "knows_instalment": False}
    assert resolve_loan(values, {}, RATE)["annuity"] == 888.49


def test_a_typed_instalment_gives_the_whole_months_it_takes() -> None:
    values = {"credit": 10_000, "annuity": 471, "knows_instalment": True}
    assert resolve_loan(values, {}, RATE)["term_months"] == 24  # 470.73 repays it in 24


def test_an_instalment_below_the_interest_gives_no_term() -> None:
    values = {"credit": 10_000, "annuity": 100, "knows_instalment": True}
    assert resolve_loan(values, {}, RATE)["term_months"] is None


def test_a_quarter_of_the_credit_at_the_same_term_sends_a_quarter_of_the_instalment() -> None:
    resolved, original = _what_if(credit=2_500)
    assert changed_fields(resolved, original, WHAT_IF_FIELDS) == ["credit", "annuity"]
    changed = [s for s in WHAT_IF_FIELDS if s.name in ("credit", "annuity")]
    assert to_application(resolved, changed) == {"AMT_CREDIT": 2_500.0, "AMT_ANNUITY": 222.12}


def test_a_longer_term_sends_a_lower_instalment_at_the_assumed_rate() -> None:
    resolved, original = _what_if(term_months=24)
    assert changed_fields(resolved, original, WHAT_IF_FIELDS) == ["term_months", "annuity"]
    assert resolved["annuity"] == 470.73


def test_an_unchanged_file_sends_nothing() -> None:
    resolved, original = _what_if()
    assert changed_fields(resolved, original, WHAT_IF_FIELDS) == []


@pytest.mark.parametrize(
    ("values", "lang", "expected"),
    [
        (
            {"credit": 10_000, "term_months": 12, "knows_instalment": False},
            "en",
            "Monthly instalment: €888.49 over 12\u00a0months, interest included, at an assumed "
            "annual rate of 12% (the product's assumption, not an offer).",
        ),
        (
            {"credit": 10_000, "annuity": 471, "knows_instalment": True},
            "fr",
            "Durée ≈ 24\u00a0mois au taux annuel supposé de 12\u00a0%, intérêts compris.",
        ),
        (
            {"credit": None, "term_months": 12, "knows_instalment": False},
            "en",
            "The monthly instalment shows once the amount and the term are valid (assumed "
            "annual rate: 12%).",
        ),
    ],
)
def test_the_live_sentence_states_what_was_computed_and_the_rate(
    values: dict[str, Any], lang: str, expected: str
) -> None:
    assert loan_text(resolve_loan(values, {}, RATE), {}, RATE, lang) == expected


def test_the_live_sentence_says_when_the_files_own_instalment_is_scaled() -> None:
    resolved, original = _what_if(credit=2_500)
    assert "the file's own adjusted to the amount" in loan_text(resolved, original, RATE, "en")
