"""Monitoring gauges at /metrics, read by Prometheus' own rule checker against the alert rules.

A stream like training (the train clients' out-of-fold scores, features and groups) makes no
alert fire; a replay with incomes down 20 % and half the external scores missing makes the drift
alerts fire, exactly as the statuses say (promtool evaluates ops/prometheus/alerts.yml).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import insert

from model_training.monitoring.indicators import INDICATOR_NAMES
from scoring_api.context import STORE_KEY
from scoring_api.events.replay import ReplayOptions, load_clients, replay
from scoring_api.events.replay_plan import Shift
from scoring_api.factory import create_app
from scoring_api.observability.monitoring_gauges import STATUS_CODES
from scoring_api.security.models import ScoringEvent
from scoring_api.security.state import get_state
from tests.promtool import CONFIG, RULES, promtool, run_rule_test, samples
from tests.scoring_api.monitoring_streams import training_stream
from tests.scoring_api.settings import PSEUDONYM_KEY, make_settings

TOKEN = "g" * 40
SEVERITY = {STATUS_CODES["alert"]: "critical", STATUS_CODES["warn"]: "warning"}
ALERT_NAME = {"critical": "ScoringMonitoringAlert", "warning": "ScoringMonitoringWarning"}


@pytest.fixture
def gauge_app(data_dir: Path, tmp_path: Path) -> Flask:
    """Return an API server on its own empty database, gauges over the last week."""
    settings = make_settings(
        tmp_path, data_dir, dashboard=False, metrics_token=TOKEN, monitoring_alert_window="week"
    )
    return create_app(settings)


def scrape(app: Flask) -> str:
    """Return the app's /metrics text."""
    response = app.test_client().get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def statuses(text: str) -> dict[str, float]:
    """Return each indicator's status gauge."""
    return {
        labels["indicator"]: value for labels, value in samples(text, "scoring_monitoring_status")
    }


def expected_alerts(found: dict[str, float]) -> list[dict[str, str]]:
    """Return the alerts the statuses call for (warn: a warning, alert: a critical one)."""
    return [
        {"alertname": ALERT_NAME[SEVERITY[status]], "indicator": name, "severity": SEVERITY[status]}
        for name, status in found.items()
        if status in SEVERITY
    ]


def rule_series(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Return the status samples as promtool input series."""
    return [
        ("scoring_monitoring_status", labels, value)
        for labels, value in samples(text, "scoring_monitoring_status")
    ]


def check(result: subprocess.CompletedProcess[str]) -> None:
    """Fail with promtool's own words unless it passed."""
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rules_and_the_example_configuration_load_as_they_are(tmp_path: Path) -> None:
    check(
        subprocess.run(
            [promtool(), "check", "rules", str(RULES)], capture_output=True, text=True, check=False
        )
    )
    folder = tmp_path / "prometheus"
    folder.mkdir()
    shutil.copy(RULES, folder / RULES.name)
    shutil.copy(CONFIG, folder / CONFIG.name)
    (folder / "metrics_token").write_text(TOKEN, encoding="utf-8")
    check(
        subprocess.run(
            [promtool(), "check", "config", str(folder / CONFIG.name)],
            capture_output=True,
            text=True,
            check=False,
        )
    )


def test_a_stream_like_training_fires_no_alert(gauge_app: Flask, tmp_path: Path) -> None:
    bundle = gauge_app.extensions[STORE_KEY].get()
    now = datetime.datetime.now(datetime.UTC)
    events, _ = training_stream(bundle, now - datetime.timedelta(days=6))
    with get_state(gauge_app).database.engine.begin() as connection:
        connection.execute(insert(ScoringEvent), events)
    text = scrape(gauge_app)
    found = statuses(text)
    assert set(found) == set(INDICATOR_NAMES)
    assert set(found.values()) <= {STATUS_CODES["ok"], STATUS_CODES["unknown"]}, found
    assert found["score_psi"] == found["approval_ratio_drop"] == STATUS_CODES["ok"]
    check(run_rule_test(tmp_path, rule_series(text), []))  # no alert fires


def test_a_shifted_replay_fires_the_drift_alerts(
    gauge_app: Flask, data_dir: Path, tmp_path: Path
) -> None:
    bundle = gauge_app.extensions[STORE_KEY].get()
    today = datetime.datetime.now(datetime.UTC).date()
    first = today - datetime.timedelta(days=6)
    options = ReplayOptions(
        start=first,
        days=6,
        per_day=100,
        as_of=today,
        shift=Shift(first, income_factor=0.8, missing_ext_share=0.5),
    )
    with gauge_app.app_context():
        database = get_state(gauge_app).database
        list(replay(bundle, database, PSEUDONYM_KEY, load_clients(data_dir), options))
    text = scrape(gauge_app)
    found = statuses(text)
    assert found["feature_psi_max"] == STATUS_CODES["alert"], found
    assert found["score_psi"] == STATUS_CODES["alert"], found
    firing = expected_alerts(found)
    check(run_rule_test(tmp_path, rule_series(text), firing))
    assert {
        "alertname": "ScoringMonitoringAlert",
        "indicator": "score_psi",
        "severity": "critical",
    } in firing


def test_a_database_failure_leaves_the_gauges_out_and_the_other_metrics_in(
    gauge_app: Flask,
) -> None:
    with get_state(gauge_app).database.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE scoring_events")  # every read of it fails
    text = scrape(gauge_app)
    assert samples(text, "scoring_monitoring_status") == []  # ScoringMonitoringSilent, if it lasts
    assert samples(text, "scoring_model_info")
