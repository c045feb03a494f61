"""The readable export's content: the JSON export's every value, labelled and in words (pure).

``build_readable_export`` turns the export body (``services.clients.export_client``) into
sections of labelled tables: the decision, the application by card (then its other fields), the
model's inputs, the reasons, each history table with all its rows (a table wider than
``WIDE_TABLE`` columns lists each record as its own label/value table, to stay readable), and
the client's human reviews.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from model_training.data.schema import PROTECTED_ATTRIBUTE
from model_training.features.catalogue import feature_label, field_catalogue
from model_training.presentation.application_fields import CARDS, describe_application, field_text
from model_training.presentation.feature_values import format_feature_value
from model_training.presentation.formats import (
    format_date,
    format_number,
    format_percent,
    format_points,
    format_timestamp_day,
    is_missing,
    plural_category,
)
from model_training.presentation.history_fields import (
    column_label,
    days_ago_text,
    history_value,
    table_title,
)
from model_training.presentation.review_words import REVIEW_ORIGIN, REVIEW_STATUS
from model_training.presentation.value_text import value_text
from scoring_api.export.text import TEXT, export_text
from scoring_api.letter.content import Table

FILE_STEM = "client-export"
WIDE_TABLE = 8  # more columns than this: one label/value table per record
PAIR_WIDTHS = (0.5, 0.5)
REASON_WIDTHS = (0.4, 0.2, 0.4)
FLAG_PREFIXES = ("FLAG_", "REG_", "LIVE_")  # application fields holding 1 (yes) or 0 (no)


@dataclass(frozen=True)
class Block:
    """A table with an optional caption."""

    table: Table
    caption: str = ""


@dataclass(frozen=True)
class Part:
    """A part of the document: a heading, paragraphs, then tables."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class ReadableExport:
    """The whole readable export, every value already in words, ready to render."""

    lang: str
    title: str
    details: tuple[str, ...]  # reference, date, model version
    intro: str
    parts: tuple[Part, ...]
    file_name: str  # without the extension


def _pairs(rows: Sequence[tuple[str, str]], lang: str) -> Table:
    """Return a two-column table of labels and values."""
    columns = (export_text("column.item", lang), export_text("column.value", lang))
    return Table(columns, tuple(rows), PAIR_WIDTHS)


def build_readable_export(
    export: Mapping[str, Any], *, lang: str, day: datetime.date
) -> ReadableExport:
    """Return the readable form of a client's export body."""
    client_id = export["client_id"]
    parts = [
        _decision_part(export, lang),
        *_application_parts(export.get("application") or {}, lang),
        _features_part(export.get("features") or {}, lang),
        *_explanation_parts(export.get("explanation") or {}, lang),
        *(_history_part(name, rows, lang) for name, rows in (export.get("history") or {}).items()),
        _reviews_part(export.get("reviews") or [], lang),
    ]
    return ReadableExport(
        lang=lang,
        title=export_text("title", lang),
        details=(
            export_text("reference", lang, client_id=str(client_id)),
            export_text("date", lang, date=format_date(day, lang)),
            export_text("model", lang, version=str(export.get("model_version", ""))),
        ),
        intro=export_text("intro", lang),
        parts=tuple(parts),
        file_name=f"{FILE_STEM}-{client_id}-{lang}",
    )


def _decision_part(export: Mapping[str, Any], lang: str) -> Part:
    """Return the decision and the score in words."""
    score = export_text(
        "decision.score",
        lang,
        score=format_points(export.get("score"), lang),
        probability=format_percent(export.get("probability"), lang),
        threshold=format_percent(export.get("threshold"), lang),
    )
    decision = export_text(f"decision.{export.get('decision')}", lang)
    return Part(export_text("decision.heading", lang), (decision, score))


def _application_parts(application: Mapping[str, Any], lang: str) -> list[Part]:
    """Return the application by card, then every other field it holds."""
    catalogue = field_catalogue()
    labels = {name: entry.label(lang) for name, entry in catalogue.items()}
    parts = [
        Part(
            export_text("application.heading", lang, card=card),
            blocks=(Block(_pairs(rows, lang)),),
        )
        for card, rows in describe_application(application, labels, lang)
    ]
    shown = {field for _, fields in CARDS for field, _ in fields}
    others = [
        (_other_label(name, labels, lang), _other_value(name, value, lang))
        for name, value in application.items()
        if name not in shown
    ]
    if others:
        parts.append(
            Part(export_text("application.other", lang), blocks=(Block(_pairs(others, lang)),))
        )
    return parts


def _other_label(name: str, labels: Mapping[str, str], lang: str) -> str:
    """Return the label of an application field on no card (the protected attribute's own)."""
    if name == PROTECTED_ATTRIBUTE:
        return export_text("gender.label", lang)
    return labels.get(name) or feature_label(name, lang)


def _other_value(name: str, value: Any, lang: str) -> str:
    """Return the value of an application field on no card in words."""
    if is_missing(value):
        return value_text("value.missing", lang)
    if name == "SK_ID_CURR":
        return str(value)
    if name == PROTECTED_ATTRIBUTE:
        key = f"gender.{value}"
        return export_text(key, lang) if key in TEXT else str(value)
    if name.startswith(FLAG_PREFIXES):
        return field_text(name, "yes_no", value, lang)
    if name.startswith("DAYS_") and not isinstance(value, str):
        return days_ago_text(float(value), lang)
    return format_feature_value(name, value, lang)


def _features_part(features: Mapping[str, Any], lang: str) -> Part:
    """Return the model's inputs with their labels and units."""
    rows = [
        (feature_label(name, lang), format_feature_value(name, value, lang))
        for name, value in features.items()
    ]
    return Part(
        export_text("features.heading", lang),
        (export_text("features.intro", lang),),
        (Block(_pairs(rows, lang)),),
    )


def _explanation_parts(explanation: Mapping[str, Any], lang: str) -> list[Part]:
    """Return the principal reasons (the explanation's texts) and each group's effect."""
    reasons = explanation.get("reasons") or []
    heading = export_text("reasons.heading", lang)
    if reasons:
        columns = tuple(
            export_text(f"column.{key}", lang) for key in ("reason", "points", "improve")
        )
        rows = tuple(
            (
                str(reason["label"]),
                format_points(reason["points"], lang, signed=True),
                str(reason.get("improve") or export_text("no_improve", lang)),
            )
            for reason in reasons
        )
        reasons_part = Part(heading, blocks=(Block(Table(columns, rows, REASON_WIDTHS)),))
    else:
        reasons_part = Part(heading, (export_text("reasons.none", lang),))
    groups = explanation.get("groups") or []
    if not groups:
        return [reasons_part]
    group_columns = (export_text("column.group", lang), export_text("column.points", lang))
    group_rows = tuple(
        (str(group["label"]), format_points(group["points"], lang, signed=True)) for group in groups
    )
    groups_part = Part(
        export_text("groups.heading", lang),
        blocks=(Block(Table(group_columns, group_rows, PAIR_WIDTHS)),),
    )
    return [reasons_part, groups_part]


def _count_text(n: int, lang: str) -> str:
    """Return how many records a history table holds."""
    if n == 0:
        return export_text("history.count.zero", lang)
    key = f"history.count.{plural_category(n, lang)}"  # CLDR, as the dashboard's t_plural
    key = key if key in TEXT else "history.count.other"
    return export_text(key, lang, n=format_number(n, lang))


def _history_part(name: str, records: Sequence[Mapping[str, Any]], lang: str) -> Part:
    """Return one history table: its title, its number of records, then all its records."""
    heading = export_text("history.heading", lang, title=table_title(name, lang))
    paragraphs = (_count_text(len(records), lang),)
    if not records:
        return Part(heading, paragraphs)
    names = list(dict.fromkeys(column for record in records for column in record))
    labels = tuple(column_label(name, column, lang) for column in names)
    values = [
        tuple(history_value(name, column, record.get(column), lang) for column in names)
        for record in records
    ]
    if len(names) <= WIDE_TABLE:
        table = Table(labels, tuple(values), (1 / len(names),) * len(names))
        return Part(heading, paragraphs, (Block(table),))
    blocks = tuple(
        Block(
            _pairs(list(zip(labels, row, strict=True)), lang),
            export_text("history.record", lang, i=i, n=len(values)),
        )
        for i, row in enumerate(values, start=1)
    )
    return Part(heading, paragraphs, blocks)


def _words(words: Mapping[str, Mapping[str, str]], key: str, lang: str) -> str:
    """Return a stored value's words in ``lang`` (the value itself when it has none)."""
    entry = words.get(key)
    return entry.get(lang, entry["fr"]) if entry else key


def _moment(iso: str | None, lang: str) -> str:
    """Return a stored timestamp's day as a date (missing: "not given")."""
    if not iso:
        return value_text("value.missing", lang)
    return format_timestamp_day(iso, lang)


def _review_rows(review: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """Return one review's facts as label/value pairs, in words."""
    final = review.get("final_decision")
    rows = [
        ("review.opened", _moment(review.get("created_at"), lang)),
        ("review.origin", _words(REVIEW_ORIGIN, str(review.get("origin")), lang)),
        ("review.status", _words(REVIEW_STATUS, str(review.get("status")), lang)),
        ("review.decision", export_text(f"decision.{review.get('decision')}", lang)),
        ("review.comment", review.get("comment") or export_text("no_improve", lang)),
        ("review.final", export_text(f"decision.{final}", lang) if final else "—"),
        ("review.reason", review.get("reason") or "—"),
        ("review.decided", _moment(review.get("decided_at"), lang) if final else "—"),
    ]
    return [(export_text(key, lang), value) for key, value in rows]


def _reviews_part(reviews: Sequence[Mapping[str, Any]], lang: str) -> Part:
    """Return the client's human reviews, oldest first, each as its own table."""
    heading = export_text("reviews.heading", lang)
    if not reviews:
        return Part(heading, (export_text("reviews.none", lang),))
    blocks = tuple(
        Block(
            _pairs(_review_rows(review, lang), lang),
            export_text("review.caption", lang, id=review["id"]),
        )
        for review in reviews
    )
    return Part(heading, blocks=blocks)
