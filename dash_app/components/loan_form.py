"""The loan part of the application form: amount, term in months and monthly instalment kept
coherent at the assumed interest rate (``model_training.loan_terms`` owns the arithmetic).

An advisor types the term and reads the instalment, or ticks "I know the instalment", types it
and reads the term. The API takes AMT_ANNUITY (the monthly instalment): the form converts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, has_app_context

from dash_app.components.application_fields import as_number
from dash_app.components.application_specs import FIELDS
from dash_app.components.formatting import format_currency, format_months, format_percent
from dash_app.text import t
from model_training.loan_terms import DEFAULT_ANNUAL_RATE, instalment, term_months

RATE_CONFIG_KEY = "LOAN_ANNUAL_RATE"
CREDIT, TERM, INSTALMENT, KNOWS_INSTALMENT = "credit", "term_months", "annuity", "knows_instalment"


def configured_rate() -> float:
    """Return the annual interest rate the forms assume (the LOAN_ANNUAL_RATE setting)."""
    if has_app_context():
        return float(current_app.config.get(RATE_CONFIG_KEY, DEFAULT_ANNUAL_RATE))
    return DEFAULT_ANNUAL_RATE


def is_instalment_typed(values: Mapping[str, Any]) -> bool:
    """Tell whether the advisor types the instalment (the term is then computed)."""
    return bool(values.get(KNOWS_INSTALMENT))


def is_file_instalment(values: Mapping[str, Any], original: Mapping[str, Any]) -> bool:
    """Tell whether the instalment is the file's own, scaled to the amount (the file's term)."""
    months, stored_months = as_number(values.get(TERM)), as_number(original.get(TERM))
    stored = as_number(original.get(CREDIT)), as_number(original.get(INSTALMENT))
    return months is not None and months == stored_months and all(stored)


def _instalment_from_term(
    values: Mapping[str, Any], original: Mapping[str, Any], rate: float
) -> float | None:
    """Return the monthly instalment of the typed amount and term (None until both are valid).

    At the file's own term the stored instalment is scaled to the amount (amortisation is
    proportional to the amount at a fixed term and rate): the file's own rate is kept.
    """
    credit, months = as_number(values.get(CREDIT)), as_number(values.get(TERM))
    if credit is None or credit <= 0 or months is None or months < 1:
        return None
    if is_file_instalment(values, original):
        stored_credit, stored_instalment = original[CREDIT], original[INSTALMENT]
        return round(float(stored_instalment) * credit / float(stored_credit), 2)
    return round(instalment(credit, months, rate), 2)


def resolve_loan(
    values: Mapping[str, Any], original: Mapping[str, Any], rate: float
) -> dict[str, Any]:
    """Return the values with the field not typed (instalment or term) computed from the rest."""
    resolved = dict(values)
    if not is_instalment_typed(values):
        resolved[INSTALMENT] = _instalment_from_term(values, original, rate)
        return resolved
    credit, payment = as_number(values.get(CREDIT)), as_number(values.get(INSTALMENT))
    months = term_months(credit, payment, rate) if credit and payment else None
    resolved[TERM] = None if months is None else max(1, round(months))
    return resolved


def loan_errors(values: Mapping[str, Any]) -> dict[str, str]:
    """Return {field: message key} of a typed instalment that cannot repay the amount."""
    credit, payment = as_number(values.get(CREDIT)), as_number(values.get(INSTALMENT))
    if not is_instalment_typed(values) or credit is None or payment is None:
        return {}
    if payment >= credit:
        return {INSTALMENT: "appform.error.annuity_below_credit"}
    months, longest = as_number(values.get(TERM)), FIELDS[TERM].maximum
    if months is None or (longest is not None and months > longest):
        return {INSTALMENT: "appform.error.instalment_too_small"}
    return {}


def loan_text(
    resolved: Mapping[str, Any], original: Mapping[str, Any], rate: float, lang: str
) -> str:
    """Return the live sentence under the loan fields: what was computed, at which rate."""
    rate_text = format_percent(rate, lang, decimals=1 if (100 * rate) % 1 else 0)
    months, payment = as_number(resolved.get(TERM)), as_number(resolved.get(INSTALMENT))
    if is_instalment_typed(resolved):
        if months is None or payment is None:
            return t("appform.loan.unknown_term", lang, rate=rate_text)
        return t("appform.loan.term", lang, months=format_months(months, lang), rate=rate_text)
    if payment is None or months is None:
        return t("appform.loan.unknown_instalment", lang, rate=rate_text)
    is_file = is_file_instalment(resolved, original)
    key = "appform.loan.file" if is_file else "appform.loan.instalment"
    return t(
        key,
        lang,
        instalment=format_currency(payment, lang, decimals=2),
        months=format_months(months, lang),
        rate=rate_text,
    )
