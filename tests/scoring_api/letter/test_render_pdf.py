"""The letter as a PDF: its text, read back with pypdf, says what the letter's content says."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from model_training.presentation.rights import RIGHTS
from scoring_api.letter.render_pdf import render_letter_pdf
from tests.scoring_api.letter.letters import EXPLANATION, OFFER, make_letter


def pdf_text(pdf: bytes) -> str:
    """Return a PDF's text, lines joined by spaces (a table cell or a paragraph may wrap)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def words(text: str) -> str:
    """Return a text as the PDF writes it: spaces collapsed, WinAnsi stand-ins applied."""
    return " ".join(text.replace("\u2212", "-").split())


@pytest.mark.parametrize(
    ("lang", "decision", "score"),
    [
        ("fr", "n'est pas accordée en l'état", "Votre score est de 512 pts"),
        ("en", "is not granted as it stands", "Your score is 512 pts"),
    ],
)
def test_the_pdf_states_decision_score_reasons_offer_and_rights(lang, decision, score) -> None:
    text = pdf_text(render_letter_pdf(make_letter(lang, offers=[OFFER])))
    for expected in (decision, score, "540 pts", RIGHTS["review"][lang], RIGHTS["access"][lang]):
        assert words(expected) in text
    for reason in EXPLANATION["reasons"]:
        assert reason["label"] in text
    assert "-35 pts" in text
    assert "-13 pts" in text
    assert ("12 345 €" if lang == "fr" else "€12,345") in text


def test_the_standard_font_writes_accents_and_the_euro_sign() -> None:
    text = pdf_text(render_letter_pdf(make_letter("fr", offers=[OFFER])))
    for accented in ("Décision", "réexamine", "accordée", "€", "n°"):
        assert accented in text
