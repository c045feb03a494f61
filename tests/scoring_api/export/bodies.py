"""A small export body, as services.clients.export_client returns it (test helper)."""

from __future__ import annotations

from typing import Any


def export_body(**changes: Any) -> dict[str, Any]:
    """Return a small export body as services.clients.export_client returns it."""
    body: dict[str, Any] = {
        "client_id": 100001,
        "is_test": False,
        "probability": 0.08,
        "threshold": 0.12,
        "decision": "granted",
        "score": 640.0,
        "model_version": "v-test",
        "application": {"AMT_CREDIT": 250000.0, "NAME_FAMILY_STATUS": "Married", "FLAG_MOBIL": 1},
        "features": {"AMT_CREDIT": 250000.0, "AGE_YEARS": 41.0},
        "history": {
            "installments_payments": [
                {"SK_ID_PREV": 1, "AMT_PAYMENT": 100.5, "DAYS_ENTRY_PAYMENT": -40.0}
                for _ in range(3)
            ],
            "bureau": [],
        },
        "explanation": {"groups": [], "reasons": []},
    }
    return body | changes
