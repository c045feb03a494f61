"""The readable export's content: every part labelled, values in words, no record dropped."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from scoring_api.export.content import WIDE_TABLE, _count_text, build_readable_export
from tests.scoring_api.export.bodies import export_body

DAY = datetime.date(2026, 12, 5)


def texts(body: dict[str, Any], lang: str) -> list[str]:
    """Return every text of the readable export, in order."""
    doc = build_readable_export(body, lang=lang, day=DAY)
    out = [doc.title, *doc.details, doc.intro]
    for part in doc.parts:
        out += [part.heading, *part.paragraphs]
        for block in part.blocks:
            out += [block.caption, *block.table.columns]
            out += [cell for row in block.table.rows for cell in row]
    return out


def test_the_head_says_reference_date_model_and_decision_in_words() -> None:
    shown = texts(export_body(), "en")
    assert "Application no. 100001" in shown
    assert "Exported on December 5, 2026" in shown
    assert "Scoring model: version v-test" in shown
    assert "Application granted." in shown


def test_application_fields_read_with_labels_and_words() -> None:
    shown = texts(export_body(), "fr")
    assert "250\u202f000\u00a0€" in shown
    assert "Marié(e)" in shown
    assert "Votre demande : autres informations" in shown  # FLAG_MOBIL is on no card


def test_every_history_record_is_kept_and_counted() -> None:
    doc = build_readable_export(export_body(), lang="en", day=DAY)
    parts = {part.heading: part for part in doc.parts}
    payments = parts["Credit history: Instalments and payments of previous credits"]
    assert payments.paragraphs == ("3 records.",)
    assert len(payments.blocks[0].table.rows) == 3
    assert "Amount paid" in payments.blocks[0].table.columns
    assert payments.blocks[0].table.rows[0][1] == "€100.50"
    assert parts["Credit history: Credits reported to the credit bureau"].paragraphs == (
        "No record.",
    )


def test_a_wide_history_table_lists_each_record_as_its_own_table() -> None:
    record = {f"AMT_{i}": float(i) for i in range(WIDE_TABLE + 1)}
    body = export_body(history={"bureau": [record, record]})
    doc = build_readable_export(body, lang="fr", day=DAY)
    bureau = next(part for part in doc.parts if "bureau" in part.heading)
    assert [block.caption for block in bureau.blocks] == [
        "Enregistrement 1 sur 2",
        "Enregistrement 2 sur 2",
    ]


def test_a_client_without_history_reads_no_record_for_each_table() -> None:
    body = export_body(history={"bureau": [], "previous_application": []})
    shown = texts(body, "fr")
    assert shown.count("Aucun enregistrement.") == 2


def test_fields_on_no_card_read_as_words_not_codes() -> None:
    application = {"SK_ID_CURR": 100001, "FLAG_MOBIL": 1, "CODE_GENDER": "F", "DAYS_BIRTH": -9000}
    shown = texts(export_body(application=application), "en")
    assert "100001" in shown
    assert "Yes" in shown
    assert "Female" in shown
    assert "CODE_GENDER" not in shown


@pytest.mark.parametrize(
    ("n", "lang", "expected"),
    [
        (0, "fr", "Aucun enregistrement."),
        (1, "en", "1 record."),
        (1234, "fr", "1\u202f234 enregistrements."),
        (1234, "en", "1,234 records."),
    ],
)
def test_a_history_tables_count_reads_in_words_with_the_languages_numbers(n, lang, expected):
    assert _count_text(n, lang) == expected
