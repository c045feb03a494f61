"""GET clients/<id>/export?format=html: the readable export, in the request's language."""

from __future__ import annotations

from html import escape

import pytest

from model_training.features.catalogue import field_catalogue
from model_training.presentation.formats import format_currency
from model_training.presentation.history_fields import column_label, table_title
from model_training.presentation.review_words import REVIEW_STATUS
from scoring_api.export.text import export_text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_html_export_is_a_labelled_page_in_the_requests_language(
    as_role, client_ids, lang
) -> None:
    client_id = client_ids[0]
    url = f"/api/v1/clients/{client_id}/export"
    response = as_role("client", "GET", f"{url}?format=html&lang={lang}")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=client-export-{client_id}-{lang}.html"
    )
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert "<script" not in page
    export = as_role("client", "GET", f"{url}?format=json&lang={lang}").json
    assert escape(export_text("title", lang)) in page
    assert export["model_version"] in page
    credit = export["application"]["AMT_CREDIT"]
    assert f"<td>{format_currency(credit, lang)}</td>" in page
    labels = field_catalogue()
    for name in ("AMT_CREDIT", "DAYS_BIRTH", "NAME_FAMILY_STATUS"):
        assert f"<td>{escape(labels[name].label(lang))}</td>" in page
        assert f"<td>{name}</td>" not in page
    for reason in export["explanation"]["reasons"]:
        assert escape(reason["label"]) in page
    for name, rows in export["history"].items():
        assert escape(table_title(name, lang)) in page
        if rows:
            column = next(c for c in rows[0] if c.startswith(("AMT_", "DAYS_", "MONTHS_")))
            assert escape(column_label(name, column, lang)) in page


def test_another_clients_html_export_is_refused_as_json_and_csv_are(as_role, client_ids) -> None:
    other = client_ids[1]
    for fmt in ("json", "csv", "html"):
        response = as_role("client", "GET", f"/api/v1/clients/{other}/export?format={fmt}")
        assert response.status_code == 403


def test_an_advisor_gets_any_clients_html_export_and_a_bad_format_is_refused(
    as_role, client_ids
) -> None:
    base = f"/api/v1/clients/{client_ids[1]}/export"
    assert as_role("advisor", "GET", f"{base}?format=html").status_code == 200
    assert as_role("advisor", "GET", f"{base}?format=pdf").status_code == 422


@pytest.mark.usefixtures("reviews_cleared")
def test_the_export_holds_the_clients_reviews_in_every_format(as_role, client_ids) -> None:
    client_id = client_ids[0]
    comment = "<b>Mon revenu</b> a augmenté"
    review = as_role(
        "client", "POST", f"/api/v1/clients/{client_id}/reviews", json={"comment": comment}
    ).json
    reason = "Bulletins de salaire vus."
    outcome = {"status": "overturned", "reason": reason}
    as_role("advisor", "POST", f"/api/v1/reviews/{review['id']}/outcome", json=outcome)
    url = f"/api/v1/clients/{client_id}/export"
    exported = as_role("client", "GET", f"{url}?format=json").json["reviews"]
    mine = next(item for item in exported if item["id"] == review["id"])
    assert (mine["status"], mine["comment"], mine["reason"]) == ("overturned", comment, reason)
    csv_text = as_role("client", "GET", f"{url}?format=csv").get_data(as_text=True)
    assert f"reviews,{exported.index(mine)},reason,{reason}" in csv_text
    page = as_role("client", "GET", f"{url}?format=html&lang=en").get_data(as_text=True)
    assert export_text("reviews.heading", "en") in page
    assert export_text("review.caption", "en", id=review["id"]) in page
    assert REVIEW_STATUS["overturned"]["en"] in page
    assert escape(comment) in page
    assert comment not in page
    assert reason in page


def test_a_client_without_reviews_reads_that_there_is_none(as_role, client_ids) -> None:
    url = f"/api/v1/clients/{client_ids[1]}/export?format=html&lang=fr"
    page = as_role("advisor", "GET", url).get_data(as_text=True)
    assert export_text("reviews.none", "fr") in page
