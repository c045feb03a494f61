"""A reason's evidence in words: the client's own values that support it (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash_app.text import t
from model_training.presentation.feature_values import format_feature_value


def evidence_text(reason: Mapping[str, Any], lang: str) -> str:
    """Return the client's values that support a reason ("Late instalments (share): 14 %")."""
    items = [
        t(
            "client_file.reasons.value",
            lang,
            label=item["label"],
            value=format_feature_value(item["feature"], item["value"], lang),
        )
        for item in reason.get("evidence") or []
    ]
    key = (
        "client_file.reasons.missing"
        if reason.get("kind") == "missing_information"
        else "client_file.reasons.evidence"
    )
    return t(key, lang, values="; ".join(items)) if items else ""
