"""The letter as a PDF: its text, read back with pypdf, says what the letter's content says;
its first page, drawn by PDFium, is a page of text inside its margins."""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
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


def render_first_page(pdf: bytes, scale: float = 1.0) -> Image.Image:
    """Return the PDF's first page drawn by PDFium (the engine Chromium uses) as an image."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()


def test_the_first_page_renders_as_an_a4_page_with_text_on_it() -> None:
    page = render_first_page(render_letter_pdf(make_letter("fr", offers=[OFFER])))
    width, height = page.size  # 72 dpi at scale 1: A4 is 595.3 x 841.9 points
    assert abs(width - 595.3) < 1
    assert abs(height - 841.9) < 1
    ink = np.asarray(page) < 128
    assert 0.01 < ink.mean() < 0.30  # text drawn, not a blank or a black page
    rows_with_ink = np.flatnonzero(ink.any(axis=1))
    assert rows_with_ink[0] < height * 0.2  # the letter starts at the top of the page
    columns_with_ink = np.flatnonzero(ink.any(axis=0))
    assert columns_with_ink[0] > 20
    assert columns_with_ink[-1] < width - 20
