"""Made-up scores, explanations and offers the letter's unit tests render (no bundle)."""

from __future__ import annotations

import datetime
from typing import Any

from scoring_api.letter.content import Letter, build_letter

DAY = datetime.date(2026, 12, 5)
CONTACT = "Prêt à dépenser, service clients, 01 23 45 67 89"
SCORE: dict[str, Any] = {
    "decision": "refused",
    "probability": 0.1234,
    "threshold": 0.091,
    "score": 512.3,
    "model_version": "v-test",
    "missing_inputs": [],
}
EXPLANATION: dict[str, Any] = {
    "base_points": 561.2,
    "threshold_points": 540.4,
    "reasons": [
        {"label": "Retards de paiement", "points": -35.2, "improve": "Payer à temps"},
        {"label": "Endettement élevé", "points": -12.7, "improve": "Emprunter moins"},
    ],
}
# A made-up counter-offer: the offers service is built elsewhere; the letter only renders it.
OFFER = {"amount": 12345.0, "term_months": 36, "instalment": 420.0, "score": 541.0}


def make_letter(lang: str = "fr", **changes: Any) -> Letter:
    """Return a letter of the made-up refusal, ``score``/``explanation``/``offers``/``review``
    swapped."""
    return build_letter(
        100001,
        changes.get("score", SCORE),
        changes.get("explanation", EXPLANATION),
        lang=lang,
        day=DAY,
        contact=CONTACT,
        offers=changes.get("offers"),
        review=changes.get("review"),
    )


# A made-up closed review overturning the refusal (the API's body, the fields the letter reads).
OVERTURNED = {
    "status": "overturned",
    "final_decision": "granted",
    "reason": "Bulletins de salaire vus.",
    "decided_at": "2026-12-04T15:00:00+00:00",
}
