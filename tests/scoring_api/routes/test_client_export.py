"""GET clients/<id>/export?format=html: the readable export, in the request's language."""

from __future__ import annotations

from html import escape

import pytest

from model_training.features.catalogue import field_catalogue
from model_training.presentation.formats import format_currency
from model_training.presentation.history_fields import column_label, table_title
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
