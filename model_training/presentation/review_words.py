"""A human review's status and origin in words, French and English: one owner for the
dashboard's review pages and the API's readable export (keys are the stored values)."""

from __future__ import annotations

REVIEW_STATUS = {
    "open": {"fr": "Ouvert", "en": "Open"},
    "in_review": {"fr": "En cours d'examen", "en": "In review"},
    "confirmed": {"fr": "Décision confirmée", "en": "Decision confirmed"},
    "overturned": {"fr": "Décision infirmée", "en": "Decision overturned"},
}
REVIEW_ORIGIN = {
    "request": {"fr": "Demande", "en": "Request"},
    "referral": {"fr": "Décision transmise", "en": "Referred decision"},
}
