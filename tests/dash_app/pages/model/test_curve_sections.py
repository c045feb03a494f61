"""The model page's drift and fairness sections: labels by the legend's bands, the all row."""

from __future__ import annotations

from dash_app.pages.model.curve_sections import drift_section, fairness_section
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


def test_each_label_follows_the_legend_bands_at_their_edges_not_the_stored_reading() -> None:
    """0.10 and 0.25 open their bands; 0.0999 is shown 0.100 and so reads moderate."""
    rows = [
        {"feature": "A", "psi": 0.25, "reading": "moderate"},
        {"feature": "B", "psi": 0.1, "reading": "stable"},
        {"feature": "C", "psi": 0.0999, "reading": "stable"},
        {"feature": "D", "psi": 0.0994, "reading": "stable"},
    ]
    section = drift_section({"drift": {"rows": rows, "thresholds": THRESHOLDS}}, {}, "en")
    found = texts(section)
    for feature, shown, band in (
        ("A", "0.250", "significant"),
        ("B", "0.100", "moderate"),
        ("C", "0.100", "moderate"),
        ("D", "0.099", "stable"),
    ):
        at = found.index(feature)
        assert found[at + 1 : at + 3] == [shown, t(f"model.drift.{band}", "en")]
    legend = " ".join(found)
    assert "from 0.10 to below 0.25, moderate; from 0.25, significant" in legend
    assert "1 drifted significantly and 2 moderately" in legend


def test_the_fairness_tables_open_with_all_clients_at_the_cards_rate() -> None:
    curves = {
        "fairness": {
            "all": {"attribute": "all", "group": "all", "n": 100, "approval_rate": 0.877},
            "rows": [
                {"attribute": "gender", "group": "F", "n": 60, "approval_rate": 0.9},
                {"attribute": "age band", "group": "30-40", "n": 40, "approval_rate": 0.85},
            ],
        }
    }
    found = texts(fairness_section(curves, "en"))
    assert found.count(t("model.fairness.all", "en")) == 2  # one row in each table
    assert found[found.index(t("model.fairness.all", "en")) + 2] == "87.7%"
