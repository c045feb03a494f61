"""Loan terms: what the Kaggle amounts measure, and the amortisation linking amount, term and
monthly instalment (pure functions, on numbers or numpy arrays).

Periods, measured on real Kaggle rows (a held-back sample; the figures carry over, the rows
do not):

- previous_application: AMT_ANNUITY × CNT_PAYMENT / AMT_CREDIT has median 1.25 (q10 1.10,
  q90 1.67) with CNT_PAYMENT in months (12, 6, 10, 24, 18, 36, 60, 48 most often): the
  instalment is paid each month, interest included.
- application_train: AMT_CREDIT / AMT_ANNUITY has median 20.0 (q10 10.7, q90 34.1) and
  AMT_ANNUITY / AMT_INCOME_TOTAL median 0.163 (q90 0.30).

The one reading that makes the three coherent: AMT_ANNUITY is the MONTHLY instalment, interest
included, and AMT_INCOME_TOTAL a MONTHLY income. The instalment then takes 16 % of the income at
the median and 30 % at q90 (French lenders cap the debt-service ratio near 35 %), and the credit
is about 3.3 months of income (20 instalments × 16.3 %) repaid over about two years.

Interest: the application files hold no term, so turning a term into an instalment needs an
assumed rate. ``DEFAULT_ANNUAL_RATE`` (16 %) is the median annual rate carried by the
instalments of the generated application files the demo model learns from (the generator draws
9 % to 21 % plus a risk premium: q10 10.9 %, median 16.2 %, q90 21.0 %), so the form's term
and the stored instalments agree. Real Kaggle rows imply more: a median of 1.25 repaid per unit
of credit is 43 % a year at 12 months, 22 % at 24 and 15 % at 36; a bundle trained on the real
files should set the ``LOAN_ANNUAL_RATE`` setting (docs/training.md, loan terms).
"""

from __future__ import annotations

from typing import Any

import numpy as np

INSTALMENT_PERIOD = "month"  # AMT_ANNUITY: paid each month, interest included
INCOME_PERIOD = "month"  # AMT_INCOME_TOTAL: earned each month
MONTHS_PER_YEAR = 12
DEFAULT_ANNUAL_RATE = 0.16

FIELD_DESCRIPTIONS = {  # the API's words for the two fields whose period the files do not say
    "AMT_ANNUITY": "Monthly instalment of the credit applied for, interest included.",
    "AMT_INCOME_TOTAL": "Monthly income of the applicant.",
    "AMT_CREDIT": "Amount of the credit applied for (repaid by AMT_ANNUITY each month).",
}


def _number_or_array(value: Any) -> Any:
    """Return a 0-d result as a Python float, an array as it is."""
    return value if np.ndim(value) else float(value)


def instalment(amount: Any, term_months: Any, annual_rate: Any = DEFAULT_ANNUAL_RATE) -> Any:
    """Return the monthly instalment repaying ``amount`` in ``term_months`` (amortisation).

    ``amount × r / (1 − (1 + r)^−n)`` with r the monthly rate (annual ÷ 12); at rate 0 the
    amount ÷ n. Numbers give a float, arrays an array (the generator's use).
    """
    monthly_rate = np.divide(annual_rate, MONTHS_PER_YEAR)
    with np.errstate(divide="ignore", invalid="ignore"):
        amortised = amount * monthly_rate / (1 - (1 + monthly_rate) ** (-term_months))
        interest_free = np.divide(amount, term_months)
    return _number_or_array(np.where(monthly_rate == 0, interest_free, amortised))


def term_months(amount: Any, instalment_amount: Any, annual_rate: Any = DEFAULT_ANNUAL_RATE) -> Any:
    """Return the months an instalment takes to repay ``amount`` (None when it never does).

    ``−ln(1 − r·amount / instalment) / ln(1 + r)``; at rate 0 the amount ÷ the instalment.
    An instalment at or below a month's interest never repays the amount: None for numbers,
    NaN in arrays.
    """
    monthly_rate = np.divide(annual_rate, MONTHS_PER_YEAR)
    with np.errstate(divide="ignore", invalid="ignore"):
        owed_share = monthly_rate * np.divide(amount, instalment_amount)
        amortised = -np.log1p(-owed_share) / np.log1p(monthly_rate)
        interest_free = np.divide(amount, instalment_amount)
    months = np.where(monthly_rate == 0, interest_free, amortised)
    is_repaid = (np.asarray(amount) > 0) & (np.asarray(instalment_amount) > 0) & (owed_share < 1)
    months = np.where(is_repaid, months, np.nan)
    if np.ndim(months):
        return months
    return float(months) if is_repaid else None
