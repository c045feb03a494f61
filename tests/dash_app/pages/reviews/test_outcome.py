"""The outcome form: which steps a status allows, a refusal in words (no browser)."""

from __future__ import annotations

import pytest

from dash_app.api_client import ApiClientError
from dash_app.pages.reviews.outcome import closed_note, disabled_buttons, outcome_error
from tests.dash_app.component_text import texts


@pytest.mark.parametrize(
    ("status", "disabled"),
    [
        ("open", [False, False, False]),
        ("in_review", [True, False, False]),
        ("confirmed", [True, True, True]),
        ("overturned", [True, True, True]),
    ],
)
def test_the_buttons_follow_the_review_states(status: str, disabled: list[bool]) -> None:
    assert disabled_buttons(status) == disabled


def test_a_closed_review_says_why_its_buttons_are_disabled() -> None:
    assert closed_note("open", "en") == ""
    assert (
        closed_note("confirmed", "en") == "This review is closed: its outcome can no longer change."
    )


def test_a_conflict_is_told_in_words_with_the_reviews_status() -> None:
    error = ApiClientError(
        409, "conflict", "The review is already confirmed.", {"status": "confirmed"}
    )
    shown = " ".join(texts(outcome_error(error, None, "fr")))
    assert "Refusé : le réexamen a changé entre-temps" in shown
    assert "« Décision confirmée »" in shown
    assert "The review is already confirmed." in shown
