"""Monitoring sections from a contract payload: traffic lights, worst drift, challenger."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app.pages.monitoring import ids
from dash_app.pages.monitoring.sections import (
    CHALLENGER_WINDOWS,
    DRIFT_ROWS,
    challenger_section,
    drift_rows,
    drift_section,
    format_indicator,
    indicator_card,
    indicator_name,
    lights_section,
    status_light,
)
from model_training.features.catalogue import feature_label
from tests.dash_app.component_text import texts
from tests.dash_app.monitoring_payloads import INDICATORS, monitoring_payload


def find(component: Any, component_id: str) -> Any:
    """Return the component of this id inside a tree (a failure when absent)."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


@pytest.mark.parametrize(
    ("name", "value", "lang", "shown"),
    [
        ("score_psi", 0.0996, "fr", "0,100"),
        ("approval_rate_shift", 0.062, "fr", "6,2 pt de %"),
        ("calibration_gap", 0.02, "en", "2.0 pp"),
        ("expected_cost_ratio", 1.104, "en", "1.10"),
        ("gini_drop", 0.05, "en", "0.050"),
        ("approval_ratio_drop", None, "en", "—"),
        ("calibration_gap", None, "fr", "—"),
    ],
)
def test_an_indicator_reads_as_its_kind(
    name: str, value: float | None, lang: str, shown: str
) -> None:
    assert format_indicator(name, value, lang) == shown


def test_every_indicator_of_the_contract_has_words_in_both_languages() -> None:
    for name, *_ in INDICATORS:
        assert indicator_name(name, "fr") != name != indicator_name(name, "en")
    assert indicator_name("new_indicator", "fr") == "new_indicator"


@pytest.mark.parametrize(
    ("status", "word", "colour"),
    [
        ("ok", "normal", "success"),
        ("warn", "à surveiller", "warning"),
        ("alert", "alerte", "danger"),
        ("unknown", "données insuffisantes", "secondary"),
        ("odd", "données insuffisantes", "secondary"),
    ],
)
def test_a_status_light_carries_a_word_never_colour_alone(
    status: str, word: str, colour: str
) -> None:
    light = status_light(status, "fr")
    assert texts(light) == [word]
    assert getattr(light, "color", None) == colour


def test_the_lights_are_one_card_an_indicator_with_value_status_and_thresholds() -> None:
    section = lights_section(monitoring_payload(), "en")
    cards = find(section, ids.MONITORING_LIGHTS_DIV).children
    assert len(cards) == len(INDICATORS)
    first = texts(cards[0])
    assert first == ["Score drift (PSI)", "0.031", "ok", "Watch from 0.100, alert from 0.250."]
    fairness = texts(cards[-1])
    assert fairness[2:] == ["ok", "Watch from 5.0 pp, alert from 10.0 pp."]
    # An indicator where smaller is worse (the contract allows it) reads its levels as floors.
    below = {"expected_cost_ratio": {"warn": 0.9, "alert": 0.8, "direction": "below"}}
    card = indicator_card({"name": "expected_cost_ratio", "warn": 0.9, "alert": 0.8}, below, "en")
    assert texts(card)[-1] == "Watch below 0.90, alert below 0.80."
    assert "Window from November 16, 2026 to November 22, 2026: 140 scores." in texts(section)


def test_the_worst_drifting_inputs_are_the_top_ten_by_psi_in_words() -> None:
    statistics = monitoring_payload()["latest"]["statistics"]
    rows = drift_rows(statistics, "fr")
    assert len(rows) == DRIFT_ROWS
    assert rows[0] == (feature_label("DAYS_ID_PUBLISH", "fr"), "0,300", "significative")
    assert rows[1][2] == "significative"  # 0.27
    assert rows[2] == (feature_label("AGE_YEARS", "fr"), "0,120", "modérée")
    assert rows[3] == (feature_label("CREDIT_TERM", "fr"), "0,100", "modérée")  # as shown
    assert rows[-1][2] == "stable"
    assert "AMT_INCOME_TOTAL" not in [row[0] for row in rows]  # its PSI is null
    table = find(drift_section(monitoring_payload(), "en"), ids.MONITORING_DRIFT_TABLE)
    assert "The 10 inputs with the largest drift in the latest window" in texts(table)


def test_the_challenger_is_compared_window_by_window_beside_the_champion() -> None:
    payload = monitoring_payload(challenger=True)
    section = challenger_section(payload, "en")
    shown = texts(section)
    assert "Champion and challenger" in shown
    tables = find(section, ids.MONITORING_CHALLENGER_DIV).children[1:]
    assert len(tables) == len(payload["windows"])  # 3 windows: all shown
    words = texts(tables[0])  # the newest first
    assert words[words.index("Version") + 1 : words.index("Version") + 3] == [
        "20261101T000000Z",
        "20261120T000000Z",
    ]
    assert words[words.index("Approval rate") + 1 : words.index("Approval rate") + 3] == [
        "68.0%",
        "68.0%",
    ]
    assert "93.0%" in words  # agreement
    assert "−0.004" in words  # mean probability gap
    assert words[-3:] == ["AUC (known outcomes)", "—", "—"]


def test_without_a_challenger_the_section_says_how_to_set_one() -> None:
    shown = " ".join(texts(challenger_section(monitoring_payload(), "en")))
    assert "No challenger is in shadow." in shown
    assert "promote --version <version> --challenger" in shown


def test_only_the_challengers_latest_windows_are_shown_newest_first() -> None:
    payload = monitoring_payload(windows=5, challenger=True)
    tables = find(challenger_section(payload, "en"), ids.MONITORING_CHALLENGER_DIV).children[1:]
    assert len(tables) == CHALLENGER_WINDOWS
    starts = [window["start"] for window in payload["challenger"]["windows"]]
    assert [table.id.rsplit("-", 3)[-3:] for table in tables] == [
        start.split("-") for start in reversed(starts[-CHALLENGER_WINDOWS:])
    ]
