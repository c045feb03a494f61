"""Prometheus metrics at ``/metrics``: requests, latency, errors, model version, served scores,
and the monitoring indicators (``monitoring_gauges``).

Labels hold route patterns (``/api/v1/clients/<int:client_id>/score``), methods, statuses and
model versions only: never a raw path, a client id or anything about a person. Under gunicorn
the workers share ``PROMETHEUS_MULTIPROC_DIR`` (``metrics_multiprocess``) and a scrape adds up
every worker. ``/metrics`` needs ``Authorization: Bearer <METRICS_TOKEN>`` or an admin.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask, Response, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)

from scoring_api.bundle_store import BundleStore, ServingBundle
from scoring_api.config import Settings
from scoring_api.errors import ApiError, ConfigurationError
from scoring_api.observability.metrics_multiprocess import MULTIPROC_ENV
from scoring_api.observability.monitoring_gauges import MonitoringGauges
from scoring_api.observability.request_id import elapsed_seconds, route_pattern
from scoring_api.security.identity import current_identity
from scoring_api.security.roles import Role

METRICS_KEY = "scoring_metrics"
METRICS_PATH = "/metrics"
# Any other method a client invents is counted as "other": labels stay a bounded set.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
PROBABILITY_BUCKETS = (0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0)
POINTS_BUCKETS = tuple(float(points) for points in range(350, 851, 50))


def is_multiprocess() -> bool:
    """Tell whether prometheus_client runs in multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``)."""
    return bool(os.environ.get(MULTIPROC_ENV))


class Metrics:
    """The server's metrics, in their own registry (one set per app; files per worker)."""

    def __init__(self) -> None:
        if is_multiprocess() and values.ValueClass is values.MutexValue:
            raise ConfigurationError(
                f"{MULTIPROC_ENV} was set after prometheus_client was imported: set it before "
                "the app starts (gunicorn.conf.py does, through raw_env)."
            )
        self.registry = CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "scoring_http_requests_total",
            "HTTP requests answered, by method, route pattern and status.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.errors = Counter(
            "scoring_http_errors_total",
            "HTTP error answers, by route pattern and status class (4xx, 5xx).",
            ["route", "status_class"],
            registry=registry,
        )
        self.latency = Histogram(
            "scoring_http_request_duration_seconds",
            "Time from the first to the last hook of a request, by route pattern.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.model = Gauge(
            "scoring_model_info",
            "The model version each worker serves (1 live, 0 replaced).",
            ["version"],
            multiprocess_mode="livemax",
            registry=registry,
        )
        self.probability = Histogram(
            "scoring_served_probability",
            "Probabilities of default served, by route pattern.",
            ["route"],
            buckets=PROBABILITY_BUCKETS,
            registry=registry,
        )
        self.points = Histogram(
            "scoring_served_points",
            "Credit scores (points) served, by route pattern.",
            ["route"],
            buckets=POINTS_BUCKETS,
            registry=registry,
        )
        self.sign_in_refusals = Counter(
            "scoring_sign_in_refusals_total",
            "Sign-ins refused, by reason: refused (unknown account, wrong password, disabled), "
            "throttled (account inside its back-off delay), rate_limited (address over "
            "RATELIMIT_LOGIN).",
            ["reason"],
            registry=registry,
        )
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        self._score_children: dict[str, tuple[Any, Any]] = {}
        self._model_version: str | None = None

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:  # once per (method, route, status): labels() takes a lock
            children = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)
        if status >= 400:
            self.errors.labels(route, "5xx" if status >= 500 else "4xx").inc()

    def observe_scores(self, route: str, results: Iterable[Mapping[str, Any]]) -> None:
        """Add served probabilities and points to their histograms."""
        children = self._score_children.get(route)
        if children is None:
            children = (self.probability.labels(route), self.points.labels(route))
            self._score_children[route] = children
        probability, points = children
        for result in results:
            probability.observe(result["probability"])
            points.observe(result["score"])

    def set_model_version(self, version: str) -> None:
        """Mark ``version`` as the live model of this process (the previous one 0)."""
        if version == self._model_version:
            return
        if self._model_version is not None:
            self.model.labels(self._model_version).set(0)
        self.model.labels(version).set(1)
        self._model_version = version

    def exposition(self) -> bytes:
        """Return the metrics in Prometheus' text format (every worker's in multiprocess mode)."""
        if is_multiprocess():
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)


def observe_served_scores(results: Iterable[Mapping[str, Any]]) -> None:
    """Count the probabilities and points a scoring route serves."""
    metrics: Metrics | None = current_app.extensions.get(METRICS_KEY)
    if metrics is not None:
        metrics.observe_scores(route_pattern(), results)


def count_sign_in_refusal(reason: str) -> None:
    """Count one refused sign-in (reason: refused, throttled or rate_limited)."""
    metrics: Metrics | None = current_app.extensions.get(METRICS_KEY)
    if metrics is not None:
        metrics.sign_in_refusals.labels(reason).inc()


def _bearer_token() -> str | None:
    """Return the bearer token of the Authorization header, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_metrics_access(metrics_token: str) -> None:
    """Let through METRICS_TOKEN as a bearer token (constant-time compare) or an admin."""
    token = _bearer_token()
    if token is not None:
        if metrics_token and hmac.compare_digest(token.encode(), metrics_token.encode()):
            return
        raise ApiError(403, "forbidden", "Wrong metrics token.")
    identity = current_identity()
    if identity is None:
        raise ApiError(
            401, "unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>, or sign in as admin."
        )
    if identity.role != Role.ADMIN:
        raise ApiError(403, "forbidden", "Only an admin or the metrics token may read metrics.")


def init_metrics(app: Flask, settings: Settings, store: BundleStore) -> Metrics:
    """Count every request of the app and serve ``/metrics`` (token or admin only)."""
    metrics = Metrics()
    gauges = MonitoringGauges(app, settings, store)
    app.extensions[METRICS_KEY] = metrics
    store.listeners.append(lambda bundle: metrics.set_model_version(bundle.version))

    def record_request(response: Response) -> Response:
        seconds = elapsed_seconds() or 0.0
        method = request.method if request.method in METHODS else "other"
        metrics.observe_request(method, route_pattern(), response.status_code, seconds)
        return response

    def serve_metrics() -> Response:
        check_metrics_access(settings.metrics_token)
        live: ServingBundle | None = store.live()
        if live is not None:
            metrics.set_model_version(live.version)
        body = metrics.exposition() + gauges.exposition()
        response = Response(body, mimetype=None, content_type=CONTENT_TYPE_LATEST)
        response.headers["Cache-Control"] = "no-store"
        return response

    app.after_request(record_request)
    app.add_url_rule(METRICS_PATH, endpoint="metrics", view_func=serve_metrics)
    return metrics
