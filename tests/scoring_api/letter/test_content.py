"""The letter's content: decision, date, score and threshold in points, reasons, rights."""

from __future__ import annotations

import pytest

from model_training.presentation.rights import RIGHTS
from scoring_api.letter.content import Section
from tests.scoring_api.letter.letters import EXPLANATION, OFFER, OVERTURNED, SCORE, make_letter


def section(letter_sections: tuple[Section, ...], heading: str) -> Section:
    """Return the section with this heading."""
    return next(s for s in letter_sections if s.heading == heading)


@pytest.mark.parametrize(
    ("lang", "details"),
    [
        (
            "fr",
            ("Demande n° 100001", "Date : 5 décembre 2026", "Modèle de scoring : version v-test"),
        ),
        (
            "en",
            ("Application no. 100001", "Date: December 5, 2026", "Scoring model: version v-test"),
        ),
    ],
)
def test_the_letter_names_the_application_the_date_in_words_and_the_model(lang, details) -> None:
    assert make_letter(lang).details == details


@pytest.mark.parametrize(
    ("decision", "lang", "sentence"),
    [
        ("granted", "fr", "Votre demande de crédit est accordée."),
        ("refused", "en", "Your credit application is not granted as it stands."),
        (
            "referred",
            "en",
            "Your application goes to an advisor: some information is missing; "
            "a person will decide with it.",
        ),
    ],
)
def test_the_decision_is_stated_in_words(decision, lang, sentence) -> None:
    letter = make_letter(lang, score={**SCORE, "decision": decision})
    assert letter.sections[0].paragraphs[0] == sentence


@pytest.mark.parametrize(
    ("lang", "final", "model"),
    [
        (
            "fr",
            "Après réexamen par un conseiller le 4 décembre 2026, votre demande de crédit est "
            "accordée.",
            "Notre modèle de scoring, seul, ne l'accordait pas ; le score et les raisons "
            "ci-dessous sont les siens.",
        ),
        (
            "en",
            "After review by an advisor on December 4, 2026, your credit application is granted.",
            "Our scoring model, alone, did not grant it; the score and the reasons below are "
            "its own.",
        ),
    ],
)
def test_a_closed_review_leads_with_the_final_decision_then_the_models(lang, final, model) -> None:
    paragraphs = make_letter(lang, review=OVERTURNED).sections[0].paragraphs
    assert paragraphs[0] == final
    assert paragraphs[1].endswith("Bulletins de salaire vus.")
    assert paragraphs[2] == model


def test_an_open_review_changes_nothing_in_the_letter() -> None:
    pending = {**OVERTURNED, "status": "in_review", "final_decision": None, "decided_at": None}
    assert make_letter("fr", review=pending) == make_letter("fr")


def test_a_referral_names_the_information_to_provide() -> None:
    missing = [{"fields": [{"feature": "EXT_SOURCE_3", "label": "Score externe 3"}]}]
    letter = make_letter("fr", score={**SCORE, "decision": "referred", "missing_inputs": missing})
    assert letter.sections[0].paragraphs[1] == "Informations à fournir : Score externe 3."


def test_the_score_is_read_against_the_threshold_and_the_average_in_points() -> None:
    text = make_letter("en").sections[1].paragraphs[0]
    assert text == (
        "Your score is 512\u00a0pts. We grant applications whose score is above 540\u00a0pts; "
        "an average application scores 561\u00a0pts."
    )


def test_the_reasons_are_the_explanations_in_order_with_their_points() -> None:
    table = section(make_letter("fr").sections, "Les principales raisons").table
    assert table is not None
    assert table.rows == (
        ("Retards de paiement", "\u221235\u00a0pts", "Payer à temps"),
        ("Endettement élevé", "\u221213\u00a0pts", "Emprunter moins"),
    )


def test_no_reason_reads_as_a_sentence_not_an_empty_table() -> None:
    letter = make_letter("en", explanation={**EXPLANATION, "reasons": []})
    reasons = section(letter.sections, "The principal reasons")
    assert reasons.table is None
    assert reasons.paragraphs == ("None of your characteristics weighed against granting it.",)


def test_the_offers_section_appears_only_with_offers() -> None:
    assert all(s.heading != "What we can offer you" for s in make_letter("en").sections)
    offers = section(make_letter("en", offers=[OFFER]).sections, "What we can offer you")
    assert offers.table is not None
    assert offers.table.rows == (("€12,345", "36\u00a0months", "€420", "541\u00a0pts"),)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_rights_are_the_dashboards_words_and_the_contact_ends_the_letter(lang) -> None:
    letter = make_letter(lang)
    rights = letter.sections[-2].paragraphs
    assert RIGHTS["review"][lang] in rights
    assert RIGHTS["access"][lang] in rights
    assert letter.sections[-1].paragraphs == ("Prêt à dépenser, service clients, 01 23 45 67 89",)


def test_the_file_name_holds_the_client_and_the_language() -> None:
    assert make_letter("en").file_name == "decision-letter-100001-en"


def test_a_score_next_to_its_threshold_gets_the_decimals_that_tell_them_apart() -> None:
    score = {**SCORE, "score": 553.21, "probability": 0.09312, "threshold": 0.09296}
    explanation = {**EXPLANATION, "threshold_points": 553.44}
    paragraphs = make_letter("en", score=score, explanation=explanation).sections[1].paragraphs
    assert "Your score is 553.2\u00a0pts" in paragraphs[0]
    assert "above 553.4\u00a0pts" in paragraphs[0]
    assert "9.31% for you, for an accepted maximum of 9.30%" in paragraphs[1]


def test_a_reason_with_no_lever_says_so_instead_of_an_empty_cell() -> None:
    reasons = [{"label": "Âge", "points": -8.0, "improve": ""}]
    letter = make_letter("fr", explanation={**EXPLANATION, "reasons": reasons})
    table = section(letter.sections, "Les principales raisons").table
    assert table is not None
    assert table.rows == (("Âge", "\u22128\u00a0pts", "Rien que vous puissiez changer."),)
