"""The decision letter's content: one structure that the HTML and PDF renderings both read.

``build_letter`` is pure: it turns a score and an explanation (the API's own bodies, so the
letter says exactly what the file shows) into sections of formatted sentences and tables.
``stored_client_letter`` reads them for a stored client.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from model_training.presentation.formats import (
    format_currency,
    format_date,
    format_months,
    format_percent,
    format_points,
    format_timestamp_day,
)
from model_training.presentation.rights import RIGHTS
from scoring_api.bundle_store import ServingBundle
from scoring_api.config import Settings
from scoring_api.letter.text import letter_text
from scoring_api.services.explanation import explain_stored_client
from scoring_api.services.offers import application_offers
from scoring_api.services.scoring import score_stored_client

FILE_STEM = "decision-letter"
MAX_EXTRA_DECIMALS = 2  # a value and its threshold equal to 1/100 of a point read as equal
REASON_WIDTHS = (0.36, 0.2, 0.44)  # reason, effect in points, what would improve it


@dataclass(frozen=True)
class Table:
    """A table of text: column headings, rows of cells, each column's share of the width."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares summing to 1


@dataclass(frozen=True)
class Section:
    """A part of the letter: a heading, paragraphs, then an optional table."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Letter:
    """A whole letter, every value already in words, ready to render."""

    lang: str
    title: str
    details: tuple[str, ...]  # reference, date, model version
    sections: tuple[Section, ...]
    file_name: str  # without the extension


def build_letter(
    client_id: int,
    score: Mapping[str, Any],
    explanation: Mapping[str, Any],
    *,
    lang: str,
    day: datetime.date,
    contact: str,
    offers: Sequence[Mapping[str, Any]] | None = None,
    review: Mapping[str, Any] | None = None,
) -> Letter:
    """Return the letter of a decision from its score and explanation bodies.

    ``offers`` are counter-offers (``amount``, ``term_months``, ``instalment``, ``score``), given
    only when some exist; the letter then gains an "offers" section. ``review`` is the latest
    closed human review (the API's body): its final decision leads the decision section.
    """
    sections = [
        _decision_section(score, lang, review),
        _score_section(score, explanation, lang),
        _reasons_section(explanation, lang),
    ]
    if offers:
        sections.append(_offers_section(offers, lang))
    sections += [
        Section(
            letter_text("rights.heading", lang),
            (
                RIGHTS["review"][lang],
                letter_text("rights.how", lang),
                RIGHTS["access"][lang],
                RIGHTS["explanation"][lang],
            ),
        ),
        Section(letter_text("contact.heading", lang), (contact,)),
    ]
    return Letter(
        lang=lang,
        title=letter_text("title", lang),
        details=(
            letter_text("reference", lang, client_id=str(client_id)),
            letter_text("date", lang, date=format_date(day, lang)),
            letter_text("model", lang, version=str(score["model_version"])),
        ),
        sections=tuple(sections),
        file_name=f"{FILE_STEM}-{client_id}-{lang}",
    )


def _review_paragraphs(review: Mapping[str, Any], score: Mapping[str, Any], lang: str) -> list[str]:
    """Return a closed review's final decision, its reason, and what the model alone said."""
    day = format_timestamp_day(review["decided_at"], lang)
    return [
        letter_text(f"review.final.{review['final_decision']}", lang, day=day),
        letter_text("review.reason", lang, reason=review.get("reason") or ""),
        letter_text(f"review.model.{score['decision']}", lang),
    ]


def _decision_section(
    score: Mapping[str, Any], lang: str, review: Mapping[str, Any] | None = None
) -> Section:
    """Return the decision (or referral) in words, with the information a referral waits for;
    after a closed human review, its final decision first, then what the model alone said."""
    if review and review.get("final_decision"):
        paragraphs = _review_paragraphs(review, score, lang)
    else:
        paragraphs = [letter_text(f"decision.{score['decision']}", lang)]
    fields = [
        field["label"] for item in score.get("missing_inputs") or [] for field in item["fields"]
    ]
    if score["decision"] == "referred" and fields:
        paragraphs.append(letter_text("decision.missing", lang, fields=", ".join(fields)))
    return Section(letter_text("decision.heading", lang), tuple(paragraphs))


def _apart(
    value: float, threshold: float, formatter: Callable[[float, int], str], decimals: int
) -> tuple[str, str]:
    """Return a value and its threshold written with the fewest decimals that tell them apart.

    A refusal at 553.4 points against 553.6 must not read "553 pts, threshold 553 pts".
    """
    for places in range(decimals, decimals + MAX_EXTRA_DECIMALS + 1):
        shown = formatter(value, places), formatter(threshold, places)
        if shown[0] != shown[1]:
            break
    return shown


def _score_section(score: Mapping[str, Any], explanation: Mapping[str, Any], lang: str) -> Section:
    """Return the score, the threshold and the average file in points, and the risk behind."""
    points, threshold_points = _apart(
        score["score"],
        explanation["threshold_points"],
        lambda value, places: format_points(value, lang, decimals=places),
        0,
    )
    value = letter_text(
        "score.value",
        lang,
        score=points,
        threshold=threshold_points,
        base=format_points(explanation["base_points"], lang),
    )
    probability, threshold = _apart(
        score["probability"],
        score["threshold"],
        lambda value, places: format_percent(value, lang, places),
        1,
    )
    risk = letter_text("score.probability", lang, probability=probability, threshold=threshold)
    return Section(letter_text("score.heading", lang), (value, risk))


def _reasons_section(explanation: Mapping[str, Any], lang: str) -> Section:
    """Return the principal reasons (the explanation's, same order and points) as a table."""
    reasons = explanation.get("reasons") or []
    heading = letter_text("reasons.heading", lang)
    if not reasons:
        return Section(heading, (letter_text("reasons.none", lang),))
    columns = tuple(letter_text(f"reasons.{key}", lang) for key in ("reason", "points", "improve"))
    rows = tuple(
        (
            reason["label"],
            format_points(reason["points"], lang, signed=True),
            reason["improve"] or letter_text("reasons.no_lever", lang),
        )
        for reason in reasons
    )
    table = Table(columns, rows, REASON_WIDTHS)
    return Section(heading, (letter_text("reasons.intro", lang),), table)


def _offers_section(offers: Sequence[Mapping[str, Any]], lang: str) -> Section:
    """Return the counter-offers as a table: amount, term, monthly instalment, score."""
    keys = ("amount", "term", "instalment", "score")
    columns = tuple(letter_text(f"offers.{key}", lang) for key in keys)
    rows = tuple(
        (
            format_currency(offer["amount"], lang),
            format_months(offer["term_months"], lang),
            format_currency(offer["instalment"], lang),
            format_points(offer["score"], lang),
        )
        for offer in offers
    )
    return Section(
        letter_text("offers.heading", lang),
        (letter_text("offers.intro", lang),),
        Table(columns, rows, (0.25,) * len(keys)),
    )


def stored_client_letter(
    bundle: ServingBundle,
    settings: Settings,
    client_id: int,
    lang: str,
    day: datetime.date,
    review: Mapping[str, Any] | None = None,
) -> Letter:
    """Return the letter of a stored client's decision: stored score, explanation, offers, and
    the final decision of the latest closed human review when there is one."""
    score = score_stored_client(bundle, client_id, lang)
    explanation = explain_stored_client(bundle, client_id, 1, lang)
    offers = application_offers(bundle, settings, {"SK_ID_CURR": client_id}, score)["offers"]
    return build_letter(
        client_id,
        score,
        explanation,
        lang=lang,
        day=day,
        contact=settings.letter_contact,
        offers=offers or None,
        review=review,
    )
