"""Database tables: accounts, API keys, audit, secrets, reviews, scoring events, outcomes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from scoring_api.security.roles import Role


def utc_now() -> datetime:
    """Return the current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of the security tables (kept apart from any other metadata)."""


class Account(Base):
    """A person who signs in with a password: advisor, client (bound to one id) or admin."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    client_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ApiKey(Base):
    """An API key of another system: public prefix plus a keyed digest, never the key itself."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True, index=True)
    prefix: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    digest: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default=Role.SERVICE.value)
    client_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditEvent(Base):
    """Who did what on which (pseudonymised) client, when, with which outcome."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    account_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    api_key_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    route: Mapped[str] = mapped_column(String(200))
    client_ref: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    # The account a sign-in named (pseudonymised username), known or not: refusals have no id.
    account_ref: Mapped[str | None] = mapped_column(String(16), nullable=True)


class SignInFailures(Base):
    """Recent sign-in attempts per named account (pseudonymised), for the back-off delay."""

    __tablename__ = "sign_in_failures"

    account_ref: Mapped[str] = mapped_column(String(16), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[float] = mapped_column(Float, index=True)  # epoch seconds
    locked_until: Mapped[float] = mapped_column(Float, default=0.0)  # epoch seconds


class RevokedSession(Base):
    """A signed-out session: its cookie is refused until it would have expired anyway."""

    __tablename__ = "revoked_sessions"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class InstallationSecret(Base):
    """A random secret generated once per database (API-key digests outside production)."""

    __tablename__ = "installation_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class Review(Base):
    """A human review of one decision: the score it is about, who asked, and its outcome.

    The score fields are copied when the review opens and never change; an overturn records
    ``final_decision`` beside them. ``client_id`` is kept (the reviewer opens the file, the
    client reads their reviews); logs and the audit trail only ever see ``client_ref``.
    """

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, index=True)
    client_ref: Mapped[str] = mapped_column(String(16), index=True)
    model_version: Mapped[str] = mapped_column(String(64))
    probability: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(16))
    model_decision: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    origin: Mapped[str] = mapped_column(String(16))  # request | referral
    requested_by_account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    requested_by_role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    reviewer_account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    final_decision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    taken_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # "<client_id>:<model_version>" on the review a referral opened, else NULL: the unique
    # index makes opening it idempotent across workers (NULLs never collide).
    referral_key: Mapped[str | None] = mapped_column(String(96), unique=True, nullable=True)


class ScoringEvent(Base):
    """One score the API served: when, by which model, on which channel, no personal value.

    ``feature_bins`` holds the bin of each monitored feature (``scoring_api.events.binning``),
    empty while the bundle has no monitoring reference; ``groups`` the client's fairness groups.
    """

    __tablename__ = "scoring_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    model_version: Mapped[str] = mapped_column(String(64), index=True)
    client_ref: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    probability: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    channel: Mapped[str] = mapped_column(String(16))  # stored | what_if | new_application | ...
    feature_bins: Mapped[dict[str, int | None]] = mapped_column(JSON, default=dict)
    # The fairness groups (events.groups: gender, age band), for fairness monitoring only.
    groups: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default=text("'{}'"))
    # A challenger's score in shadow (never served), and the reference a served score and its
    # shadow share (None without a challenger).
    shadow: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)
    pair_ref: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)


class Outcome(Base):
    """An observed outcome of a client (pseudonymised) at a date: defaulted or not.

    One row per client and date: recording the same pair again replaces ``defaulted`` (a
    correction) and ``recorded_at``.
    """

    __tablename__ = "outcomes"
    __table_args__ = (
        UniqueConstraint("client_ref", "outcome_date", name="uq_outcome_client_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_ref: Mapped[str] = mapped_column(String(16), index=True)
    outcome_date: Mapped[date] = mapped_column(Date, index=True)
    defaulted: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
