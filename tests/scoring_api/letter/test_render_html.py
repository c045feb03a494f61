"""The letter as HTML: standalone, in the letter's language, every text escaped."""

from __future__ import annotations

from scoring_api.letter.render_html import render_letter_html
from tests.scoring_api.letter.letters import EXPLANATION, OFFER, make_letter

HOSTILE = '<script>alert("x")</script>'


def test_the_page_is_standalone_in_the_letters_language() -> None:
    page = render_letter_html(make_letter("en"))
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<title>Decision on your credit application</title>" in page
    for external in ("<script", "<link", "src=", "http://", "https://", "@import"):
        assert external not in page


def test_hostile_labels_are_escaped() -> None:
    reasons = [{"label": HOSTILE, "points": -5.0, "improve": "a & b"}]
    page = render_letter_html(make_letter("en", explanation={**EXPLANATION, "reasons": reasons}))
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "a &amp; b" in page


def test_the_offers_render_as_a_table_when_given() -> None:
    page = render_letter_html(make_letter("fr", offers=[OFFER]))
    assert "<h2>Ce que nous pouvons vous proposer</h2>" in page
    assert "<td>36\u00a0mois</td>" in page
