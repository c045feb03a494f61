"""A client's application fields in words: ages, years in a job, euros, yes/no, levels."""

from __future__ import annotations

import pytest

from model_training.presentation.application_fields import describe_application, field_text


@pytest.mark.parametrize(
    ("field", "kind", "value", "lang", "expected"),
    [
        ("DAYS_BIRTH", "age", -18312, "fr", "50\u00a0ans"),
        ("DAYS_EMPLOYED", "employed", 365243, "en", "Not in employment"),
        ("DAYS_EMPLOYED", "employed", -1195, "en", "3.3\u00a0years"),
        ("DAYS_REGISTRATION", "ago", -4288.0, "en", "11.7\u00a0years ago"),
        ("AMT_INCOME_TOTAL", "money", 72531.5, "en", "€72,532"),
        ("FLAG_OWN_CAR", "yes_no", "N", "fr", "Non"),
        ("REG_CITY_NOT_WORK_CITY", "yes_no", 1, "en", "Yes"),
        ("NAME_FAMILY_STATUS", "level", "Single / not married", "en", "Single"),
        ("ORGANIZATION_TYPE", "level", "Business Entity Type 3", "fr", "Entreprise (type 3)"),
        ("ORGANIZATION_TYPE", "level", "Industry: type 9", "en", "Industry (type 9)"),
        ("ORGANIZATION_TYPE", "level", "A new sector", "en", "A new sector"),
        ("OCCUPATION_TYPE", "level", None, "fr", "Non renseigné"),
    ],
)
def test_application_fields_read_as_words(
    field: str, kind: str, value: object, lang: str, expected: str
) -> None:
    assert field_text(field, kind, value, lang) == expected


def test_describe_application_groups_fields_by_card_with_catalogue_labels() -> None:
    cards = describe_application({"AMT_CREDIT": 250000.0}, {"AMT_CREDIT": "Montant"}, "fr")
    titles = [title for title, _ in cards]
    assert titles[0] == "Identité et famille"
    credit = dict(dict(cards)["Le crédit demandé"])
    assert credit["Montant"] == "250\u202f000\u00a0€"
    assert credit["AMT_ANNUITY"] == "Non renseigné"
