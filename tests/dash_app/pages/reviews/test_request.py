"""The review request's list: a client's reviews found in the queue, told in words (no browser)."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app import api_client
from dash_app.pages.reviews.request import client_reviews, final_decision_notice, reviews_list
from tests.dash_app.component_text import texts
from tests.dash_app.pages.reviews.test_sections import a_review


def test_a_clients_reviews_are_read_page_after_page_with_the_apis_client_filter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages: dict[str | None, dict[str, Any]] = {
        None: {"items": [a_review(id=1), a_review(id=2)], "next_cursor": "2"},
        "2": {"items": [a_review(id=3)], "next_cursor": None},
    }
    asked: list[int] = []

    def fake_reviews(client_id: int, limit: int, cursor: str | None) -> dict[str, Any]:
        asked.append(client_id)
        return pages[cursor]

    monkeypatch.setattr(api_client, "reviews", fake_reviews)
    assert [review["id"] for review in client_reviews(100002)] == [1, 2, 3]
    assert asked == [100002, 100002]


def test_a_client_reads_the_outcome_and_reason_of_their_reviews_newest_first() -> None:
    closed = a_review(id=8, status="overturned", final_decision="granted", reason="Payslips seen.")
    shown = [
        " ".join(texts(item)) for item in reviews_list([a_review(), closed], True, "en").children
    ]
    assert shown[0].startswith("Review no. 8, opened on December 1, 2026:")
    assert "Decision overturned" in shown[0]
    assert "Final decision: Granted. Reason: Payslips seen." in shown[0]
    assert "until then the decision stays as scored" in shown[1]


def test_no_review_yet_is_said_in_both_languages() -> None:
    assert texts(reviews_list([], True, "fr")) == ["Aucun réexamen pour l'instant."]
    assert texts(reviews_list([], False, "en")) == ["No review yet."]


def test_the_final_decision_notice_tells_the_latest_closed_reviews_outcome() -> None:
    assert final_decision_notice([a_review()], "en") is None
    older = a_review(
        id=3,
        status="confirmed",
        final_decision="refused",
        reason="Seen.",
        decided_at="2026-12-02T10:00:00+00:00",
    )
    newer = a_review(
        id=2,
        status="overturned",
        final_decision="granted",
        reason="Payslips seen.",
        decided_at="2026-12-04T10:00:00+00:00",
    )
    shown = " ".join(texts(final_decision_notice([newer, older, a_review(id=9)], "en")))
    assert "After human review no. 2 on December 4, 2026, the final decision is: Granted." in shown
    assert "Reason: Payslips seen." in shown
    assert "The model's decision, below, stays as it was scored." in shown
