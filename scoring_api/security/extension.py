"""``init_security``: database, sign-in, API keys, rate limits, headers, 503 when the DB is down."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask, Response, jsonify
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from scoring_api.config import Settings
from scoring_api.errors import RETRY_AFTER_SECONDS, database_unavailable_error
from scoring_api.migrations.runner import UPGRADE_COMMAND, SchemaOutdatedError
from scoring_api.security.audit import install_log_redaction
from scoring_api.security.audit_writer import AuditWriter
from scoring_api.security.database import Database
from scoring_api.security.headers import init_headers
from scoring_api.security.identity import init_login
from scoring_api.security.limits import init_limits
from scoring_api.security.models import ScoringEvent
from scoring_api.security.routes import login
from scoring_api.security.state import (
    EXTENSION_NAME,
    SecurityState,
    close_request_session,
    get_state,
)

logger = logging.getLogger(__name__)


def init_security(app: Flask, settings: Settings) -> None:
    """Attach accounts, API keys, rate limits, security headers and the audit trail to an app."""
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_minutes),
    )
    database = Database(settings.database_url)
    audit = AuditWriter(database, settings.audit_flush_seconds)
    events = AuditWriter(database, settings.audit_flush_seconds, table=ScoringEvent)
    app.extensions[EXTENSION_NAME] = SecurityState(
        settings=settings, database=database, audit=audit, events=events
    )
    try:  # create the tables now, then drop the connections: workers open their own
        database.create_tables()
    except (OperationalError, InterfaceError) as exc:
        logger.warning("Security database unreachable at start (retried per request): %s", exc)
    database.dispose()
    app.teardown_appcontext(close_request_session)
    init_login(app)
    init_headers(app, settings.is_production)
    init_limits(app, settings, login)
    for error in (OperationalError, InterfaceError, PoolTimeoutError):
        app.register_error_handler(error, database_unavailable)
    app.register_error_handler(SchemaOutdatedError, schema_outdated)
    install_log_redaction()


def database_unavailable(error: Exception) -> Response:
    """Answer 503 with Retry-After when the accounts database cannot be reached."""
    logger.error("Security database unavailable: %s", type(error).__name__)
    response = jsonify(database_unavailable_error().to_dict())
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def schema_outdated(error: SchemaOutdatedError) -> Response:
    """Answer 503 while the database's schema is older than the code's; log how to upgrade."""
    logger.error("%s", error)
    return database_unavailable(error)


def database_problem() -> str | None:
    """Return why the database cannot serve requests now (for health/ready), else None."""
    state = get_state()
    problem = _connection_problem(state.database)
    if problem is not None:
        return problem
    if state.audit.is_failing:
        return f"audit rows not written yet ({state.audit.pending} waiting)"
    if state.events is not None and state.events.is_failing:
        return f"scoring events not written yet ({state.events.pending} waiting)"
    return None


def _connection_problem(database: Database) -> str | None:
    """Return why the database does not answer, or holds an outdated schema, else None."""
    try:
        database.ping()
        database.create_tables()
    except SchemaOutdatedError:
        return f"schema older than the code's: run {UPGRADE_COMMAND}"
    except (OperationalError, InterfaceError, PoolTimeoutError) as exc:
        logger.warning("Database check failed: %s", exc)
        if "locked" in str(exc) or "busy" in str(exc):
            return "locked: another connection holds the write lock"
        return f"unreachable ({type(getattr(exc, 'orig', None) or exc).__name__})"
    return None
