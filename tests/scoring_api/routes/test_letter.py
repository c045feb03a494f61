"""GET clients/<id>/letter: the stored client's decision letter, PDF or HTML, audited."""

from __future__ import annotations

import datetime
import html
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from model_training.presentation.formats import format_date, format_points
from model_training.presentation.rights import RIGHTS
from scoring_api.letter.text import letter_text
from scoring_api.security.audit import pseudonymise
from scoring_api.security.models import AuditEvent
from scoring_api.security.state import get_state


def pdf_text(pdf: bytes) -> str:
    """Return a PDF's text with every run of spaces (line ends included) as one space."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def words(text: str) -> str:
    """Return a text as the PDF writes it: spaces collapsed, the minus as a hyphen."""
    return " ".join(text.replace("\u2212", "-").split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_says_the_decision_the_score_each_reason_and_the_rights(
    as_role, client_ids, lang
) -> None:
    client_id = client_ids[0]
    response = as_role("client", "GET", f"/api/v1/clients/{client_id}/letter?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=decision-letter-{client_id}-{lang}.pdf"
    )
    text = pdf_text(response.data)
    score = as_role("client", "GET", f"/api/v1/clients/{client_id}/score?lang={lang}").json
    explanation = as_role(
        "client", "GET", f"/api/v1/clients/{client_id}/explanation?lang={lang}"
    ).json
    assert words(letter_text(f"decision.{score['decision']}", lang)) in text
    assert words(format_points(score["score"], lang)) in text
    assert words(format_points(explanation["threshold_points"], lang)) in text
    assert explanation["reasons"], "the session's first client has reasons to show"
    for reason in explanation["reasons"]:
        assert words(reason["label"]) in text
        assert words(format_points(reason["points"], lang, signed=True)) in text
    assert words(RIGHTS["review"][lang]) in text
    assert explanation["model_version"] in text


def test_the_html_letter_is_a_page_under_the_apps_policy(as_role, client_ids) -> None:
    client_id = client_ids[0]
    response = as_role("advisor", "GET", f"/api/v1/clients/{client_id}/letter?format=html&lang=en")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Disposition"] == (
        f"inline; filename=decision-letter-{client_id}-en.html"
    )
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "<script" not in page


def test_a_client_cannot_get_another_clients_letter_and_the_refusal_is_audited(
    app, as_role, client_ids
) -> None:
    other = client_ids[1]
    response = as_role("client", "GET", f"/api/v1/clients/{other}/letter")
    assert response.status_code == 403
    state = get_state(app)
    state.audit.flush()
    reference = pseudonymise(other, state.settings.pseudonym_key)
    with state.database.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.client_ref == reference))
        assert ("clients.letter", "denied") in [(row.action, row.outcome) for row in rows]


def test_a_letter_served_is_audited(app, as_role, client_ids) -> None:
    client_id = client_ids[2]
    assert as_role("advisor", "GET", f"/api/v1/clients/{client_id}/letter").status_code == 200
    state = get_state(app)
    state.audit.flush()
    reference = pseudonymise(client_id, state.settings.pseudonym_key)
    with state.database.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.client_ref == reference))
        assert ("clients.letter", "ok") in [(row.action, row.outcome) for row in rows]


@pytest.mark.parametrize("query", ["format=docx", "lang=de", "colour=red"])
def test_unknown_options_are_422(as_role, client_ids, query) -> None:
    response = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/letter?{query}")
    assert response.status_code == 422


def test_an_unknown_client_has_no_letter(as_role) -> None:
    response = as_role("advisor", "GET", "/api/v1/clients/1/letter")
    assert (response.status_code, response.json["error"]["code"]) == (404, "not_found")


@pytest.mark.usefixtures("reviews_cleared")
def test_after_an_overturn_the_letter_states_the_final_decision(as_role, client_ids) -> None:
    client_id = client_ids[0]
    url = f"/api/v1/clients/{client_id}/reviews"
    review = as_role("advisor", "POST", url, json={"comment": "Nouveaux justificatifs."}).json
    reason = "Les justificatifs changent la situation."
    outcome = {"status": "overturned", "reason": reason}
    closed = as_role("advisor", "POST", f"/api/v1/reviews/{review['id']}/outcome", json=outcome)
    final = closed.json["final_decision"]
    letter = as_role("client", "GET", f"/api/v1/clients/{client_id}/letter?format=html&lang=fr")
    page = html.unescape(letter.get_data(as_text=True))
    day = format_date(datetime.datetime.now(datetime.UTC).date(), "fr")
    assert letter_text(f"review.final.{final}", "fr", day=day) in page
    assert letter_text("review.reason", "fr", reason=reason) in page
    assert letter_text(f"review.model.{review['decision']}", "fr") in page


def test_an_unknown_id_beyond_the_databases_integers_is_a_404(as_role) -> None:
    response = as_role("advisor", "GET", f"/api/v1/clients/{2**70}/letter")
    assert (response.status_code, response.json["error"]["code"]) == (404, "not_found")
