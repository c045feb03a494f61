"""The credit history's labels cover the schema's columns; its values read in words."""

from __future__ import annotations

import pytest

from model_training.data.schema import HISTORY_TABLES, PLACEHOLDER_DAYS, table
from model_training.presentation.history_fields import (
    TABLE_TITLES,
    column_label,
    history_columns,
    history_value,
    table_title,
)


def test_every_history_column_of_the_schema_has_a_label_and_no_label_names_an_unknown_one() -> None:
    labelled = {(name, column) for name, cols in history_columns().items() for column in cols}
    schema = {(name, c.name) for name in HISTORY_TABLES for c in table(name).columns}
    assert labelled == schema
    assert set(TABLE_TITLES) == set(HISTORY_TABLES)


def test_labels_are_given_in_both_languages() -> None:
    for columns in history_columns().values():
        for entry in columns.values():
            assert entry.label_fr.strip()
            assert entry.label_en.strip()


def test_a_column_and_a_table_read_in_words() -> None:
    assert column_label("bureau", "AMT_CREDIT_SUM_DEBT", "en") == "Debt outstanding"
    assert column_label("bureau", "AMT_CREDIT_SUM_DEBT", "fr") == "Reste dû"
    assert table_title("installments_payments", "en").startswith("Instalments")
    assert column_label("bureau", "NEW_COLUMN", "en") == "NEW_COLUMN"


@pytest.mark.parametrize(
    ("name", "column", "value", "lang", "expected"),
    [
        ("bureau", "AMT_CREDIT_SUM", 135000.0, "en", "€135,000"),
        ("installments_payments", "AMT_PAYMENT", 1234.5, "fr", "1\u202f234,50\u00a0€"),
        ("bureau", "DAYS_CREDIT", -730, "en", "2.0\u00a0years before the application"),
        ("bureau", "DAYS_CREDIT_ENDDATE", 30.0, "fr", "30\u00a0jours après la demande"),
        ("previous_application", "DAYS_FIRST_DRAWING", PLACEHOLDER_DAYS, "en", "Not applicable"),
        ("bureau_balance", "MONTHS_BALANCE", -3, "fr", "3\u00a0mois avant la demande"),
        ("bureau_balance", "MONTHS_BALANCE", 0, "en", "The month of the application"),
        ("bureau_balance", "STATUS", "C", "en", "Closed"),
        ("bureau", "CREDIT_ACTIVE", "Bad debt", "fr", "Créance irrécouvrable"),
        ("bureau", "CREDIT_TYPE", "Consumer credit", "en", "Consumer credit"),
        ("previous_application", "NAME_CONTRACT_STATUS", "Refused", "fr", "Refusée"),
        ("previous_application", "FLAG_LAST_APPL_PER_CONTRACT", "Y", "en", "Yes"),
        ("previous_application", "RATE_DOWN_PAYMENT", 0.1, "en", "10.0%"),
        ("previous_application", "HOUR_APPR_PROCESS_START", 14, "fr", "14 h"),
        ("POS_CASH_balance", "SK_DPD", 3, "en", "3\u00a0days"),
        ("POS_CASH_balance", "SK_ID_PREV", 1234567, "en", "1234567"),
        ("credit_card_balance", "AMT_BALANCE", None, "fr", "Non renseigné"),
    ],
)
def test_history_values_read_in_words(
    name: str, column: str, value: object, lang: str, expected: str
) -> None:
    assert history_value(name, column, value, lang) == expected
