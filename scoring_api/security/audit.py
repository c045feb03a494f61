"""Audit trail and pseudonymised client references: no name, no raw SK_ID_CURR, anywhere."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Callable
from typing import Any

from flask import current_app, has_app_context

from scoring_api.observability.request_id import route_pattern
from scoring_api.security.identity import current_identity
from scoring_api.security.models import utc_now
from scoring_api.security.state import EXTENSION_NAME, get_state

REFERENCE_LENGTH = 16
# The segment after /clients/ when it holds a digit: "100002", but also "100002²" or "x100002".
CLIENT_PATH = re.compile(r"(/clients/)[^/\s?#&'\"<>]*\d[^/\s?#&'\"<>]*")
# A run of 6-9 digits (any script's) not inside a longer number or an ASCII word (a hex digest):
# "100002²" or "é100002" still holds an id, where the word character \w would have hidden it.
BARE_ID = re.compile(r"(?<![A-Za-z_.\d])\d{6,9}(?![A-Za-z_.\d])")
# What any match of CLIENT_PATH or BARE_ID contains: a text without it has nothing to redact.
MAY_HOLD_ID = re.compile(r"/clients/[^/\s?#&'\"<>]*\d|\d{6}")
REDACTED = "<redacted>"
NO_ROUTE = "-"  # the audit row's route outside a request


def pseudonymise(client_id: int, key: str | None = None) -> str:
    """Return the keyed reference of a client: HMAC-SHA256 of the id, hex, 16 characters."""
    secret = (key if key is not None else get_state().settings.pseudonym_key).encode()
    digest = hmac.new(secret, str(int(client_id)).encode(), hashlib.sha256).hexdigest()
    return digest[:REFERENCE_LENGTH]


def pseudonymise_account(username: str, key: str | None = None) -> str:
    """Return the keyed reference of a username (known or not), 16 hex characters.

    Domain-separated from client references: the same key never gives the same text for both.
    """
    secret = (key if key is not None else get_state().settings.pseudonym_key).encode()
    digest = hmac.new(
        secret, b"account:" + username.encode("utf-8", "surrogatepass"), hashlib.sha256
    ).hexdigest()
    return digest[:REFERENCE_LENGTH]


def audit_event(
    action: str,
    route: str | None = None,
    client_id: int | None = None,
    outcome: str = "ok",
    account_ref: str | None = None,
) -> None:
    """Record who did what on which client (pseudonymised), when and with which outcome.

    ``account_ref`` names the account a sign-in was for (``pseudonymise_account``). The row is
    queued and written within AUDIT_FLUSH_SECONDS (see ``audit_writer``).
    """
    if route is None:
        route = route_pattern(NO_ROUTE)
    identity = current_identity()
    row = {
        "at": utc_now(),
        "account_id": identity.account_id if identity else None,
        "api_key_id": identity.api_key_id if identity else None,
        "action": action,
        "route": route,
        "client_ref": pseudonymise(client_id) if client_id is not None else None,
        "outcome": outcome,
        "account_ref": account_ref,
    }
    get_state().audit.add(row)


def redact(text: str, key: str | None = None) -> str:
    """Replace client ids in a text: path ids by ``<id>``, bare ids by their reference."""
    text = CLIENT_PATH.sub(r"\1<id>", text)
    if key is None:
        return BARE_ID.sub(REDACTED, text)
    return BARE_ID.sub(lambda match: "ref:" + pseudonymise(int(match.group()), key), text)


class RedactClientIds(logging.Filter):
    """A logging filter that rewrites each record so no raw client id (6-9 digits) remains.

    Bare ids become ``ref:<pseudonym>`` with the given key, else with the current app's
    PSEUDONYM_KEY, else ``<redacted>`` outside an app.
    """

    def __init__(self, pseudonym_key: str | None = None) -> None:
        super().__init__()
        self.pseudonym_key = pseudonym_key

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with ids redacted; keep the record."""
        message = record.getMessage()
        if MAY_HOLD_ID.search(message) is None:  # most records: one scan, no key lookup
            return True
        key = self.pseudonym_key
        if key is None and has_app_context() and EXTENSION_NAME in current_app.extensions:
            key = get_state().settings.pseudonym_key
        redacted = redact(message, key)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def _redacting_factory(
    previous: Callable[..., logging.LogRecord],
) -> Callable[..., logging.LogRecord]:
    """Wrap a log-record factory so every record is redacted when created (any handler)."""
    redacting = RedactClientIds()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            redacting.filter(record)
        except (TypeError, ValueError):  # a malformed call: the handler reports it as usual
            return record
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    factory.is_redacting = True  # type: ignore[attr-defined]
    return factory


def install_log_redaction() -> RedactClientIds:
    """Redact client ids in every log record (record factory, root handlers, access loggers).

    The record factory covers handlers added later (pytest's caplog, gunicorn's); the
    handler and logger filters stay for records built by another factory. Idempotent.
    """
    current = logging.getLogRecordFactory()
    if not getattr(current, "is_redacting", False):
        logging.setLogRecordFactory(_redacting_factory(current))
    redacting = RedactClientIds()
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactClientIds) for f in handler.filters):
            handler.addFilter(redacting)
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactClientIds) for f in logger.filters):
            logger.addFilter(redacting)
    return redacting
