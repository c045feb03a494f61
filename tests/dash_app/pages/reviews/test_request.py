"""The review request's list: a client's reviews found in the queue, told in words (no browser)."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app import api_client
from dash_app.pages.reviews import request
from dash_app.pages.reviews.request import client_reviews, reviews_list
from tests.dash_app.component_text import texts
from tests.dash_app.pages.reviews.test_sections import a_review


def test_an_advisor_finds_a_clients_reviews_across_the_queues_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages: dict[str | None, dict[str, Any]] = {
        None: {"items": [a_review(id=1), a_review(id=2, client_id=9)], "next_cursor": "2"},
        "2": {"items": [a_review(id=3)], "next_cursor": None},
    }

    def fake_reviews(limit: int, cursor: str | None) -> dict[str, Any]:
        return pages[cursor]

    monkeypatch.setattr(api_client, "reviews", fake_reviews)
    found, truncated = client_reviews(100002, own=False)
    assert [review["id"] for review in found] == [1, 3]
    assert not truncated


def test_an_advisors_search_stops_after_a_few_pages_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []

    def endless(limit: int, cursor: str | None) -> dict[str, Any]:
        calls.append(cursor)
        return {"items": [], "next_cursor": "1"}

    monkeypatch.setattr(api_client, "reviews", endless)
    assert client_reviews(100002, own=False) == ([], True)
    assert len(calls) == request.SCAN_PAGES
    shown = " ".join(texts(reviews_list([a_review()], True, False, "en")))
    assert "Only the first 1000 reviews of the queue were searched." in shown


def test_a_client_reads_the_outcome_and_reason_of_their_reviews_newest_first() -> None:
    closed = a_review(id=8, status="overturned", final_decision="granted", reason="Payslips seen.")
    shown = [
        " ".join(texts(item))
        for item in reviews_list([a_review(), closed], False, True, "en")[0].children
    ]
    assert shown[0].startswith("Review no. 8, opened on December 1, 2026:")
    assert "Decision overturned" in shown[0]
    assert "Final decision: Granted. Reason: Payslips seen." in shown[0]
    assert "until then the decision stays as scored" in shown[1]


def test_no_review_yet_is_said_in_both_languages() -> None:
    assert texts(reviews_list([], False, True, "fr")) == ["Aucun réexamen pour l'instant."]
    assert texts(reviews_list([], False, False, "en")) == ["No review yet."]
