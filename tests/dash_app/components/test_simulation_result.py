"""Score results in words: percentage points, margins, changes."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app.components.application_form_state import display_value
from dash_app.components.application_specs import FIELDS
from dash_app.components.formatting import format_signed
from dash_app.components.simulation_result import (
    comparison_summary,
    margin_change_words,
    margin_words,
    percentage_points,
    referral_panel,
    score_card,
)
from tests.dash_app.component_text import texts


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(0.64, "fr", "+0,6"), (-1.25, "en", "\u22121.2"), (0.04, "fr", "0,0"), (12.0, "en", "+12.0")],
)
def test_a_change_is_written_with_its_sign(value: float, lang: str, expected: str) -> None:
    assert format_signed(value, lang, 1) == expected


@pytest.mark.parametrize(
    ("delta", "lang", "expected"),
    [
        (0.006, "fr", "+0,6 point de pourcentage"),
        (-0.025, "fr", "\u22122,5 points de pourcentage"),
        (0.01, "en", "+1.0 percentage points"),  # CLDR: "1.0" shows a decimal
        (0.006, "en", "+0.6 percentage points"),
    ],
)
def test_percentage_points(delta: float, lang: str, expected: str) -> None:
    assert percentage_points(delta, lang) == expected


@pytest.mark.parametrize(
    ("change", "lang", "expected"),
    [
        (-0.006, "fr", "0,6 point de pourcentage vers le refus"),  # 6.9 -> 7.5 above: worse
        (0.025, "en", "2.5 percentage points towards granting"),
        (0.00004, "en", "unchanged"),
    ],
)
def test_the_margins_change_says_its_direction_in_words(
    change: float, lang: str, expected: str
) -> None:
    assert margin_change_words(change, lang) == expected


def test_margin_words_say_the_side_and_the_gap() -> None:
    assert margin_words(0.066, 0.0874, "fr") == (
        "6,6 points de pourcentage sous le seuil de refus (8,7\u00a0%) : côté accord."
    )
    assert margin_words(-0.031, 0.0874, "en") == (
        "3.1 percentage points above the refusal threshold (8.7%): on the refused side."
    )


def test_the_comparison_summary_says_which_way_the_probability_moved() -> None:
    original = {"probability": 0.022, "decision": "granted", "threshold": 0.087}
    simulated = {"probability": 0.120, "decision": "refused", "threshold": 0.087}
    assert comparison_summary(original, simulated, "en") == (
        "The simulated probability of default (12.0%) is higher than the current one (2.2%), "
        "by 9.8 percentage points; refusal threshold: 8.7%. Simulated decision: Refused."
    )
    assert "est la même" in comparison_summary(original, original, "fr")


@pytest.mark.parametrize(
    ("name", "value", "lang", "expected"),
    [
        ("credit", 418500.0, "fr", "418\u202f500\u00a0€"),
        ("income", 72531.5, "en", "€72,531.50"),
        ("employed_years", 3.3, "fr", "3,3\u00a0ans"),
        ("own_car", True, "en", "yes"),
        ("contract_type", "Revolving loans", "fr", "Crédit renouvelable"),
        ("occupation", None, "fr", "—"),
        ("children", 2, "fr", "2"),
        ("term_months", 24, "fr", "24\u00a0mois"),
        ("annuity", 888.49, "en", "€888.49"),
        ("ext_source_2", 0.615, "en", "0.615"),
    ],
)
def test_display_value(name: str, value: object, lang: str, expected: str) -> None:
    assert display_value(FIELDS[name], value, lang) == expected


REFERRED: dict[str, Any] = {
    "decision": "referred",
    "model_decision": "refused",
    "probability": 0.142,
    "threshold": 0.087,
    "score": 531.0,
    "margin": -0.055,
    "missing_inputs": [
        {
            "family": "stability",
            "label": "Stability",
            "points": -4.2,
            "fields": [{"feature": "DAYS_ID_PUBLISH", "label": "ID document age"}],
        },
        {
            "family": "external_scores",
            "label": "External credit scores",
            "points": -23.6,
            "fields": [
                {"feature": "EXT_SOURCE_2", "label": "External score 2"},
                {"feature": "EXT_SOURCE_3", "label": "External score 3"},
            ],
        },
    ],
}


def test_a_referral_shows_the_word_the_models_own_decision_and_the_numbers() -> None:
    card = " ".join(texts(score_card(REFERRED, "en", "card")))
    assert "Referred to an advisor" in card
    assert "The model alone: Refused" in card
    assert all(number in card for number in ("14.2%", "531\u00a0pts", "(8.7%)"))


def test_a_referral_lists_what_to_provide_heaviest_first_with_its_points() -> None:
    panel = referral_panel(REFERRED, "en", "referral")
    text = " ".join(texts(panel))
    assert text.index("External credit scores") < text.index("Stability")
    assert "(their absence costs 24\u00a0pts)" in text
    assert "External score 2, External score 3" in text
    assert "a person decides" in text


def test_a_referral_from_an_older_api_still_says_a_person_decides() -> None:
    older = {k: v for k, v in REFERRED.items() if k not in ("missing_inputs", "model_decision")}
    text = " ".join(texts(referral_panel(older, "fr", "referral")))
    assert "Transmis à un conseiller" in text
    assert "À fournir" not in text
    assert "Le modèle seul" not in " ".join(texts(score_card(older, "fr", "card")))


def test_a_granted_result_without_missing_inputs_shows_no_referral() -> None:
    granted = REFERRED | {"decision": "granted", "model_decision": "granted", "missing_inputs": []}
    assert referral_panel(granted, "en", "referral").children is None
    assert "The model alone" not in " ".join(texts(score_card(granted, "en", "card")))
