"""A new applicant as the API takes it: exactly the fields a new application requires."""

from __future__ import annotations

NEW_APPLICANT = {
    "NAME_CONTRACT_TYPE": "Cash loans",
    "AMT_CREDIT": 300000.0,
    "AMT_ANNUITY": 15000.0,
    "AMT_INCOME_TOTAL": 150000.0,
    "DAYS_BIRTH": -12000,
}
