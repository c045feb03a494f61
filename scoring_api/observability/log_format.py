"""Log lines as JSON objects (``LOG_FORMAT=json``) or text, each with its request id.

A JSON line holds ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``request_id``,
``pid`` and, on access lines, ``method``, ``route`` (the pattern), ``status``, ``duration_ms``
and ``client_ref`` (the pseudonymised reference). ``RequestIdFilter`` attaches the request id
on the request's thread, so a line written later by a background thread keeps it.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from flask import g, has_request_context

from scoring_api.observability.log_batching import BatchingStreamHandler
from scoring_api.security.audit import MAY_HOLD_ID, redact

LOG_FORMATS = ("json", "text")
NO_REQUEST = "-"
ACCESS_FIELDS = ("method", "route", "status", "duration_ms", "client_ref")
TEXT_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def current_request_id() -> str:
    """Return the id of the request being served, or ``-`` outside a request."""
    if has_request_context():
        return g.get("request_id", NO_REQUEST)
    return NO_REQUEST


class RequestIdFilter(logging.Filter):
    """Attach the current request id to each record (``record.request_id``); keep the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Set ``request_id`` unless the record already holds one."""
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


def _safe_message(record: logging.LogRecord) -> str:
    """Return the record's message with any client id redacted (a second line of defence).

    Access lines are skipped: their message holds only the method, route pattern, status,
    duration and reference, and the redacting record factory has already checked it.
    """
    message = record.getMessage()
    if "route" not in record.__dict__ and MAY_HOLD_ID.search(message) is not None:
        message = redact(message)
    return message


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object on one line."""

    _encoder = json.JSONEncoder(ensure_ascii=False, default=str)  # C encoder, built once

    def __init__(self) -> None:
        super().__init__()
        self._second: tuple[int, str] = (-1, "")  # the last second formatted, reused

    def _time(self, record: logging.LogRecord) -> str:
        """Return the record's UTC time as ISO 8601 with milliseconds."""
        second = int(record.created)
        cached = self._second
        if cached[0] != second:
            cached = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
            self._second = cached
        return f"{cached[1]}.{int(record.msecs):03d}Z"

    def format(self, record: logging.LogRecord) -> str:
        """Return the JSON line of a record (no raw client id, no newline inside)."""
        payload: dict[str, Any] = {
            "time": self._time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": _safe_message(record),
            "request_id": getattr(record, "request_id", NO_REQUEST),
            "pid": record.process,
        }
        fields = record.__dict__
        for name in ACCESS_FIELDS:
            if name in fields:
                payload[name] = fields[name]
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(self.formatException(record.exc_info))
        if record.exc_text:
            payload["exception"] = record.exc_text
        return self._encoder.encode(payload)


class TextFormatter(logging.Formatter):
    """Format a record as one line for people: time, pid, level, logger, request id, message."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT, defaults={"request_id": NO_REQUEST})


def make_formatter(log_format: str) -> logging.Formatter:
    """Return the formatter of ``LOG_FORMAT`` (``json`` or ``text``)."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be json or text, got {log_format!r}.")
    return JsonFormatter() if log_format == "json" else TextFormatter()


def dotted_name(cls: type) -> str:
    """Return the importable name of a class (``logging.config`` takes classes by name)."""
    return f"{cls.__module__}.{cls.__qualname__}"


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """Return the ``logging.config.dictConfig`` of the server (gunicorn's ``logconfig_dict``).

    Every line goes to standard error; access lines (``scoring_api.access``) are written in
    batches by ``log_batching.BatchingStreamHandler``.
    """
    formatter = type(make_formatter(log_format))  # validates the name
    handler = {"formatter": "line", "filters": ["request_id"], "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": level.upper(), "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
            "scoring_api.access": {"handlers": ["access"], "propagate": False},
        },
        "filters": {"request_id": {"()": dotted_name(RequestIdFilter)}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", **handler},
            "access": {"class": dotted_name(BatchingStreamHandler), **handler},
        },
        "formatters": {"line": {"()": dotted_name(formatter)}},
    }


def configure_logging(log_format: str, level: str = "info") -> None:
    """Send every log line to standard error in the given format (development server, CLIs)."""
    handler = logging.StreamHandler()
    handler.setFormatter(make_formatter(log_format))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
