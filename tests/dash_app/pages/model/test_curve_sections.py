"""The model page's drift section: a table of the inputs that drifted, or why there is none."""

from __future__ import annotations

from dash_app.pages.model.curve_sections import drift_section
from dash_app.text import t
from tests.dash_app.component_text import texts

THRESHOLDS = {"moderate": 0.1, "significant": 0.25}


def test_without_test_clients_the_section_says_drift_is_not_measured() -> None:
    curves = {"drift": {"rows": [], "thresholds": THRESHOLDS}}
    text = " ".join(texts(drift_section(curves, {}, "en")))
    assert t("model.drift.no_test", "en") in text


def test_with_test_clients_the_section_names_the_largest_drift() -> None:
    rows = [
        {"feature": "AMT_CREDIT", "psi": 0.3, "reading": "significant"},
        {"feature": "AGE_YEARS", "psi": 0.02, "reading": "stable"},
    ]
    curves = {"drift": {"rows": rows, "thresholds": THRESHOLDS}}
    text = " ".join(texts(drift_section(curves, {"AMT_CREDIT": "Credit amount"}, "en")))
    assert "Credit amount" in text
    assert t("model.drift.no_test", "en") not in text
