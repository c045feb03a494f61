"""Settings: read from the environment through pydantic-settings, each bad value named."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.monitoring.indicators import DEFAULT_THRESHOLDS, INDICATOR_NAMES, Threshold
from scoring_api.config import DEMO_LETTER_CONTACT, Settings
from scoring_api.errors import ConfigurationError


def test_the_loan_rate_is_read_from_the_environment() -> None:
    assert Settings.from_env(environ={"LOAN_ANNUAL_RATE": "0.3"}).loan_annual_rate == 0.3


@pytest.mark.parametrize("raw", ["-0.01", "1", "16"])
def test_a_loan_rate_outside_0_to_1_is_refused_with_its_name(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="LOAN_ANNUAL_RATE must be a yearly rate"):
        Settings.from_env(environ={"LOAN_ANNUAL_RATE": raw})


def test_the_offer_bounds_are_read_from_the_environment() -> None:
    environ = {"OFFER_MIN_AMOUNT": "10000", "OFFER_MAX_TERM_MONTHS": "84"}
    settings = Settings.from_env(environ=environ)
    assert (settings.offer_min_amount, settings.offer_max_term_months) == (10_000, 84)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"OFFER_MIN_AMOUNT": "100", "OFFER_MAX_AMOUNT": "50"}, "OFFER_MAX_AMOUNT must be at"),
        ({"OFFER_MAX_TERM_MONTHS": "3"}, "OFFER_MAX_TERM_MONTHS must be at least"),
        ({"OFFER_AMOUNT_STEP": "0"}, "OFFER_AMOUNT_STEP='0'"),
        ({"OFFER_MAX_INSTALMENT_TO_INCOME": "1.5"}, "OFFER_MAX_INSTALMENT_TO_INCOME must be"),
    ],
)
def test_offer_bounds_out_of_range_are_refused_with_their_names(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env(environ=environ)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"PORT": "9000"}, {"port": 9000}),
        ({"port": "9000"}, {"port": 9000}),  # any case, as before
        ({"DASHBOARD": "0"}, {"dashboard": False}),
        ({"DASHBOARD": "yes"}, {"dashboard": True}),
        ({"DATA_DIR": "elsewhere"}, {"data_dir": Path("elsewhere")}),
        ({"AUDIT_FLUSH_SECONDS": "0"}, {"audit_flush_seconds": 0.0}),
        ({"PORT": ""}, {"port": 8050}),  # empty: the default
        ({"DATABASE_URL": "postgres://u@h/db"}, {"database_url": "postgresql+psycopg://u@h/db"}),
    ],
)
def test_variables_are_read_by_name_and_typed(
    environ: dict[str, str], expected: dict[str, object]
) -> None:
    settings = Settings.from_env(environ=environ)
    assert {name: getattr(settings, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"PORT": "eighty"},
            "PORT='eighty' (environment) is not valid: Input should be a valid integer, unable "
            "to parse string as an integer. Fix PORT, or unset it for the default 8050.",
        ),
        (
            {"DASHBOARD": "maybe"},
            "DASHBOARD='maybe' (environment) is not valid: Input should be a valid boolean, "
            "unable to interpret input. Fix DASHBOARD, or unset it for the default True.",
        ),
        (
            {"SCORE_EXPLAIN_COST": "0"},
            "SCORE_EXPLAIN_COST='0' (environment) is not valid: must be at least 1, got 0. "
            "Fix SCORE_EXPLAIN_COST, or unset it for the default 5.",
        ),
        ({"APP_ENV": "prod"}, "APP_ENV must be demo, production or test, got 'prod'."),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be json or text, got 'xml'."),
    ],
)
def test_a_bad_value_is_refused_with_its_variable_and_the_fix(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError) as error:
        Settings.from_env(environ=environ)
    assert str(error.value) == message


def test_overrides_win_over_the_environment_and_are_checked_alike() -> None:
    assert Settings.from_env({"port": 1}, environ={"PORT": "2"}).port == 1
    with pytest.raises(ConfigurationError, match="configuration"):
        Settings.from_env({"port": "x"}, environ={})


def test_settings_built_in_code_read_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9000")
    assert (Settings().port, Settings.from_env().port) == (8050, 9000)


def test_the_letter_contact_is_read_and_trimmed() -> None:
    settings = Settings.from_env(environ={"LETTER_CONTACT": " Agence de Lyon, 04 00 00 00 00 "})
    assert settings.letter_contact == "Agence de Lyon, 04 00 00 00 00"


def test_an_empty_letter_contact_keeps_the_demo_line() -> None:
    assert Settings.from_env(environ={"LETTER_CONTACT": ""}).letter_contact == DEMO_LETTER_CONTACT


@pytest.mark.parametrize("raw", ["   ", "x" * 301])
def test_a_blank_or_overlong_letter_contact_is_refused(raw) -> None:
    with pytest.raises(ConfigurationError, match="LETTER_CONTACT must name whom to contact"):
        Settings.from_env(environ={"LETTER_CONTACT": raw})


def test_the_monitoring_settings_default_to_the_indicators_levels() -> None:
    settings = Settings.from_env(environ={})
    assert (settings.monitoring_min_events, settings.monitoring_alert_window) == (100, "day")
    assert settings.monitoring_thresholds() == DEFAULT_THRESHOLDS
    assert list(settings.monitoring_thresholds()) == list(INDICATOR_NAMES)


def test_monitoring_thresholds_are_read_with_their_direction() -> None:
    environ = {
        "MONITORING_SCORE_PSI_WARN": "0.2",
        "MONITORING_SCORE_PSI_ALERT": "0.3",
        "MONITORING_APPROVAL_RATIO_DROP_ALERT": "0.2",
        "MONITORING_ALERT_WINDOW": "week",
    }
    settings = Settings.from_env(environ=environ)
    thresholds = settings.monitoring_thresholds()
    assert (thresholds["score_psi"].warn, thresholds["score_psi"].alert) == (0.2, 0.3)
    assert thresholds["approval_ratio_drop"] == Threshold(0.05, 0.2)
    assert settings.monitoring_alert_window == "week"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"MONITORING_SCORE_PSI_WARN": "0.25"}, "MONITORING_SCORE_PSI_WARN and .*below alert"),
        ({"MONITORING_GINI_DROP_ALERT": "0.01"}, "MONITORING_GINI_DROP_WARN and .*below alert"),
        ({"MONITORING_APPROVAL_RATIO_DROP_WARN": "0.1"}, "APPROVAL_RATIO_DROP.*below alert"),
        ({"MONITORING_ALERT_WINDOW": "month"}, "MONITORING_ALERT_WINDOW must be day or week"),
        ({"MONITORING_MIN_EVENTS": "-1"}, "MONITORING_MIN_EVENTS must be 0 or more"),
    ],
)
def test_bad_monitoring_settings_are_refused_with_their_names(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env(environ=environ)
