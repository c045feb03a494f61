"""The review pages' parts: dates, ages, the queue table, the head, the history (no browser)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dash_app.pages.reviews.sections import (
    age_days,
    empty_alert,
    history_steps,
    queue_table,
    reasons_card,
    review_date,
    review_head,
)
from tests.dash_app.component_text import texts

TODAY = date(2026, 12, 5)


def a_review(**changes: Any) -> dict[str, Any]:
    """Return a review as the API sends it, with ``changes``."""
    review = {
        "id": 7,
        "client_id": 100002,
        "status": "open",
        "origin": "request",
        "model_version": "v3",
        "probability": 0.31,
        "decision": "refused",
        "model_decision": "refused",
        "score": 612.0,
        "final_decision": None,
        "comment": "My income rose.",
        "reason": None,
        "requested_by_account_id": 2,
        "requested_by_role": "client",
        "reviewer_account_id": None,
        "created_at": "2026-12-01T09:30:00+00:00",
        "updated_at": "2026-12-01T09:30:00+00:00",
        "taken_up_at": None,
        "decided_at": None,
    }
    return review | changes


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [
        ("2026-12-01T09:30:00+00:00", "fr", "1 décembre 2026"),
        ("2026-12-01T09:30:00+00:00", "en", "December 1, 2026"),
        ("2026-12-01T09:30:00", "en", "December 1, 2026"),  # no zone: UTC
    ],
)
def test_a_review_date_is_written_in_words(stamp: str, lang: str, expected: str) -> None:
    assert review_date(stamp, lang) == expected


def test_the_age_counts_whole_days_and_never_goes_below_zero() -> None:
    assert age_days("2026-12-01T23:59:00+00:00", TODAY) == 4
    assert age_days("2026-12-09T00:00:00+00:00", TODAY) == 0


def test_the_queue_table_links_each_review_and_client_and_says_everything_in_words() -> None:
    table = queue_table(
        [a_review(), a_review(id=8, origin="referral", requested_by_role=None)], "en", TODAY
    )
    shown = texts(table)
    assert shown[1:8] == ["No.", "Client", "Origin", "Status", "Opened on", "Age", "Requested by"]
    assert shown[8:15] == [
        "7",
        "100002",
        "Request",
        "Open",
        "December 1, 2026",
        "4\u00a0days",
        "client",
    ]
    assert "Referred decision" in shown
    assert "automatic" in shown
    links = [c.href for c in _walk(table) if getattr(c, "href", None)]
    assert links == ["/reviews/7", "/clients/100002", "/reviews/8", "/clients/100002"]


def test_an_empty_queue_says_so_in_both_languages() -> None:
    assert "the queue is empty" in " ".join(texts(empty_alert("en")))
    assert "la file est vide" in " ".join(texts(empty_alert("fr")))


def test_the_head_shows_the_final_decision_only_once_closed() -> None:
    open_head = " ".join(texts(review_head(a_review(), "en")))
    assert "Client no. 100002" in open_head
    assert "Status: Open" in open_head
    assert "Score 612\u00a0pts (model v3)" in open_head
    assert "Final decision" not in open_head
    closed = a_review(status="overturned", final_decision="granted", reason="Payslips seen.")
    closed_head = " ".join(texts(review_head(closed, "fr")))
    assert "Statut : Décision infirmée" in closed_head
    assert "Décision finale :" in closed_head
    assert "Accordé" in closed_head


def test_the_reasons_card_words_the_reasons_as_the_client_file_or_says_there_is_none() -> None:
    reason = {"label": "Short credit history", "points": -12.4, "improve": "Time will help"}
    listed = " ".join(texts(reasons_card({"reasons": [reason]}, "en")))
    assert "Short credit history" in listed
    assert "costs 12\u00a0pts" in listed
    assert "Time will help" in listed
    none = texts(reasons_card({}, "en"))
    assert "No characteristic weighs against granting this credit." in none


def test_the_history_gives_each_step_the_api_records() -> None:
    opened = [" ".join(texts(step)) for step in history_steps(a_review(), "en")]
    assert opened == ["December 1, 2026 — Open, by: client Comment: My income rose."]
    moment = "2026-12-02T10:00:00+00:00"
    taken = a_review(
        status="in_review", reviewer_account_id=4, updated_at=moment, taken_up_at=moment
    )
    assert [" ".join(texts(s)) for s in history_steps(taken, "en")][1] == (
        "December 2, 2026 — In review, by: advisor no. 4"
    )
    closed = a_review(
        status="confirmed",
        reviewer_account_id=4,
        reason="Checked.",
        final_decision="refused",
        origin="referral",
        requested_by_role=None,
        comment="",
        decided_at="2026-12-03T10:00:00+00:00",
    )
    steps = [" ".join(texts(s)) for s in history_steps(closed, "fr")]
    assert steps == [
        "1 décembre 2026 — Ouvert, par : le système (décision transmise)",
        "3 décembre 2026 — Décision confirmée, par : conseiller n° 4 Motif : Checked.",
    ]
    taken_then_closed = [
        " ".join(texts(s))
        for s in history_steps(closed | {"taken_up_at": "2026-12-02T08:00:00+00:00"}, "en")
    ]
    assert taken_then_closed[1:] == [
        "December 2, 2026 — In review, by: advisor no. 4",
        "December 3, 2026 — Decision confirmed, by: advisor no. 4 Reason: Checked.",
    ]


def _walk(component: Any) -> list[Any]:
    """Return every component of a tree."""
    children = getattr(component, "children", None)
    found = [component]
    if isinstance(children, list | tuple):
        for child in children:
            found += _walk(child)
    elif children is not None and not isinstance(children, str):
        found += _walk(children)
    return found
