"""Monitoring indicators as Prometheus gauges, for ``ops/prometheus/alerts.yml``.

At a scrape of ``/metrics`` the server exposes, for the latest window of
MONITORING_ALERT_WINDOW (the last day or week, ending now) of the live bundle's served
scores, each indicator's value (``scoring_monitoring_indicator``, NaN when unknown) and
status (``scoring_monitoring_status``: 0 ok, 1 warn, 2 alert, -1 unknown). The statuses come
from ``services.monitoring`` (the thresholds are settings), so the alert rules compare
nothing themselves. Computed at most once per ``GAUGE_SECONDS`` per process: scrapes never
read the events table more often. While the database fails they are left out (logged): the
other metrics still answer, and ``ScoringMonitoringSilent`` fires if it lasts.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Iterator

from flask import Flask
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError

from model_training.monitoring.indicators import ALERT, OK, UNKNOWN, WARN
from scoring_api.bundle_store import BundleStore
from scoring_api.config import Settings
from scoring_api.security.state import get_state
from scoring_api.services.monitoring import latest_indicators

logger = logging.getLogger(__name__)
GAUGE_SECONDS = 60.0
STATUS_CODES = {OK: 0, WARN: 1, ALERT: 2, UNKNOWN: -1}  # the alert rules read these numbers


class _Families(Collector):
    """A collector returning fixed metric families (no value files in multiprocess mode)."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterator[Metric]:
        """Yield the families."""
        yield from self.families


def indicator_families(version: str, indicators: list[dict]) -> list[Metric]:
    """Return the gauges of one window's indicators: value and status."""
    value = GaugeMetricFamily(
        "scoring_monitoring_indicator",
        "The latest monitoring window's value of each indicator (NaN: unknown).",
        labels=["indicator", "version"],
    )
    status = GaugeMetricFamily(
        "scoring_monitoring_status",
        "The latest monitoring window's status of each indicator: 0 ok, 1 warn, 2 alert, "
        "-1 unknown (MONITORING_<NAME>_WARN and _ALERT).",
        labels=["indicator", "version"],
    )
    for row in indicators:
        number = row["value"]
        value.add_metric([row["name"], version], math.nan if number is None else float(number))
        status.add_metric([row["name"], version], STATUS_CODES[row["status"]])
    return [value, status]


class MonitoringGauges:
    """The monitoring gauges of one app, computed at a scrape, kept ``GAUGE_SECONDS``."""

    def __init__(self, app: Flask, settings: Settings, store: BundleStore) -> None:
        self.app, self.settings, self.store = app, settings, store
        self._lock = threading.Lock()
        self._kept: tuple[float, bytes] | None = None

    def exposition(self) -> bytes:
        """Return the gauges in Prometheus' text format (empty without a live bundle)."""
        with self._lock:
            now = time.monotonic()
            if self._kept is None or now - self._kept[0] >= GAUGE_SECONDS:
                try:
                    self._kept = (now, self._compute())
                except SQLAlchemyError:  # the other metrics still answer; the rules see silence
                    logger.exception("monitoring gauges not computed: the database failed")
                    return b""
            return self._kept[1]

    def _compute(self) -> bytes:
        bundle = self.store.live()
        if bundle is None:
            return b""
        with get_state(self.app).database.session() as session:
            indicators = latest_indicators(
                session, bundle, self.settings, self.settings.monitoring_alert_window
            )
        registry = CollectorRegistry(auto_describe=False)
        registry.register(_Families(indicator_families(bundle.version, indicators)))
        return generate_latest(registry)
