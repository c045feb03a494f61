"""The monitoring page's content: what it asks the API, its sections and each empty state."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app import api_client
from dash_app import ids as shell_ids
from dash_app.api_client import ApiClientError
from dash_app.pages.monitoring import ids
from dash_app.pages.monitoring.callbacks import show_monitoring
from dash_app.pages.monitoring.content import chosen_day, chosen_window, monitoring_content
from tests.dash_app.component_text import texts
from tests.dash_app.monitoring_payloads import monitoring_payload

SECTIONS = [
    ids.MONITORING_LIGHTS_SECTION,
    ids.MONITORING_TRENDS_SECTION,
    ids.MONITORING_DRIFT_SECTION,
    ids.MONITORING_CHALLENGER_SECTION,
]


def answering(monkeypatch: pytest.MonkeyPatch, answer: Any) -> list[tuple[Any, ...]]:
    """Make GET monitoring answer ``answer`` (raised when an error); return the calls made."""
    calls: list[tuple[Any, ...]] = []

    def fake(*args: Any) -> Any:
        calls.append(args)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(api_client, "monitoring", fake)
    return calls


def component_ids(components: list[Any]) -> list[str | None]:
    """Return the ids of the content's top components."""
    return [getattr(component, "id", None) for component in components]


@pytest.mark.parametrize(
    ("window", "expected"), [("day", "day"), ("month", "month"), ("year", "week"), (None, "week")]
)
def test_an_unknown_window_asks_the_apis_default(window: Any, expected: str) -> None:
    assert chosen_window(window) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-11-02", "2026-11-02"), ("", None), (None, None), ("2026-13-01", None), (3, None)],
)
def test_a_day_is_sent_only_when_it_is_one(value: Any, expected: str | None) -> None:
    assert chosen_day(value) == expected


def test_the_controls_ask_the_window_and_days_and_the_page_shows_every_section(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = answering(monkeypatch, monitoring_payload(outcomes=True, challenger=True))
    content = show_monitoring("month", "2026-10-01", "")
    assert calls == [("month", "2026-10-01", None)]
    assert component_ids(content) == [ids.MONITORING_RANGE_P, *SECTIONS]
    assert texts(content[0]) == [
        "Modèle 20261101T000000Z, du 7 septembre 2026 au 5 décembre 2026 (jours inclus)."
    ]
    assert ids.MONITORING_GINI_GRAPH in str(content[2])


def test_without_outcomes_there_is_no_gini_trend(monkeypatch: pytest.MonkeyPatch) -> None:
    answering(monkeypatch, monitoring_payload())
    content = monitoring_content("week", None, None, "en")
    assert ids.MONITORING_PSI_GRAPH in str(content[2])
    assert ids.MONITORING_GINI_GRAPH not in str(content[2])


def test_no_events_in_the_range_says_so_and_how_events_arrive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answering(monkeypatch, monitoring_payload(windows=0))
    content = monitoring_content("week", None, None, "en")
    assert component_ids(content) == [
        ids.MONITORING_RANGE_P,
        ids.MONITORING_EMPTY_ALERT,
        ids.MONITORING_CHALLENGER_SECTION,
    ]
    message = " ".join(texts(content[1]))
    assert message.startswith("No scores of model 20261101T000000Z in this range.")
    assert "every score the API serves" in message


def test_a_model_without_monitoring_reference_says_to_rebuild(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answering(monkeypatch, monitoring_payload(reference=False))
    content = monitoring_content("week", None, None, "fr")
    assert component_ids(content) == [ids.MONITORING_RANGE_P, ids.MONITORING_EMPTY_ALERT]
    message = " ".join(texts(content[1]))
    assert "construit avant la surveillance" in message
    assert "python -m model_training build" in message


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (ApiClientError(403, "forbidden", "No."), "votre compte ne peut pas voir cette page"),
        (ApiClientError(422, "validation_error", "from is after to."), "from is after to."),
        (ApiClientError(503, "api_unreachable", "Down."), "indisponible"),
    ],
)
def test_an_api_error_is_the_dashboards_usual_message(
    monkeypatch: pytest.MonkeyPatch, error: ApiClientError, shown: str
) -> None:
    answering(monkeypatch, error)
    (alert,) = monitoring_content("week", "2026-12-05", "2026-11-01", "fr")
    assert shown in " ".join(texts(alert))
    if error.status == 403:
        assert getattr(alert, "id", None) == shell_ids.ACCESS_REFUSED_ALERT
