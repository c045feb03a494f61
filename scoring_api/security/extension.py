"""``init_security``: database, sign-in, API keys, rate limits, headers, 503 when the DB is down."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask, Response, jsonify
from limits.storage import RedisStorage, Storage
from redis.exceptions import RedisError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from scoring_api.config import Settings
from scoring_api.errors import RETRY_AFTER_SECONDS, ApiError, database_unavailable_error
from scoring_api.migrations.runner import UPGRADE_COMMAND, SchemaOutdatedError
from scoring_api.security.audit import install_log_redaction
from scoring_api.security.audit_writer import AuditWriter
from scoring_api.security.database import Database
from scoring_api.security.headers import init_headers
from scoring_api.security.identity import init_login
from scoring_api.security.limits import RateLimits, init_limits
from scoring_api.security.models import ScoringEvent
from scoring_api.security.routes import login
from scoring_api.security.state import (
    EXTENSION_NAME,
    SecurityState,
    close_request_session,
    get_state,
)
from scoring_api.security.throttle import DatabaseThrottle, SignInThrottle
from scoring_api.security.throttle_redis import RedisThrottle

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
    limits = RateLimits(settings)
    app.extensions[EXTENSION_NAME] = SecurityState(
        settings=settings,
        database=database,
        audit=audit,
        events=events,
        throttle=sign_in_throttle(settings, limits.storage),
    )
    try:  # create the tables now, then drop the connections: workers open their own
        database.create_tables()
    except (OperationalError, InterfaceError) as exc:
        logger.warning("Security database unreachable at start (retried per request): %s", exc)
    database.dispose()
    app.teardown_appcontext(close_request_session)
    init_login(app)
    init_headers(app, settings.is_production)
    init_limits(app, limits, login)
    for error in (OperationalError, InterfaceError, PoolTimeoutError):
        app.register_error_handler(error, database_unavailable)
    app.register_error_handler(SchemaOutdatedError, schema_outdated)
    app.register_error_handler(RedisError, redis_unavailable)
    install_log_redaction()


def sign_in_throttle(settings: Settings, storage: Storage) -> SignInThrottle:
    """Return the sign-in back-off beside the rate limits: Redis's when they are there."""
    if isinstance(storage, RedisStorage):  # redis://, rediss://, redis+unix://, sentinel, cluster
        return RedisThrottle(storage.storage, settings)
    return DatabaseThrottle(settings)


def database_unavailable(error: Exception) -> Response:
    """Answer 503 with Retry-After when the accounts database cannot be reached."""
    logger.error("Security database unavailable: %s", type(error).__name__)
    return _retry_later(database_unavailable_error())


def redis_unavailable(error: RedisError) -> Response:
    """Answer 503 with Retry-After while Redis (rate limits, sign-in back-off) cannot answer."""
    logger.error("Redis unavailable: %s", type(error).__name__)
    message = "The rate-limit store is unavailable. Retry shortly."
    details = {"retry_after": RETRY_AFTER_SECONDS}
    return _retry_later(ApiError(503, "service_unavailable", message, details))


def _retry_later(error: ApiError) -> Response:
    """Return a 503 error's JSON response with its Retry-After header."""
    response = jsonify(error.to_dict())
    response.status_code = error.status
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
