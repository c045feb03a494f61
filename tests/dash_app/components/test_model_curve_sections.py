"""The model page's drift section: a table of the inputs that drifted, or why there is none."""

from __future__ import annotations

from typing import Any

from dash_app.components.model_curve_sections import drift_section
from dash_app.text import t

THRESHOLDS = {"moderate": 0.1, "significant": 0.25}


def _text(component: Any) -> str:
    """Return the text inside a component tree."""
    children = getattr(component, "children", component)
    if isinstance(children, str):
        return children
    if isinstance(children, list | tuple):
        return " ".join(_text(child) for child in children)
    return "" if children is None or children is component else _text(children)


def test_without_test_clients_the_section_says_drift_is_not_measured() -> None:
    curves = {"drift": {"rows": [], "thresholds": THRESHOLDS}}
    text = _text(drift_section(curves, {}, "en"))
    assert t("model.drift.no_test", "en") in text


def test_with_test_clients_the_section_names_the_largest_drift() -> None:
    rows = [
        {"feature": "AMT_CREDIT", "psi": 0.3, "reading": "significant"},
        {"feature": "AGE_YEARS", "psi": 0.02, "reading": "stable"},
    ]
    curves = {"drift": {"rows": rows, "thresholds": THRESHOLDS}}
    text = _text(drift_section(curves, {"AMT_CREDIT": "Credit amount"}, "en"))
    assert "Credit amount" in text
    assert t("model.drift.no_test", "en") not in text
