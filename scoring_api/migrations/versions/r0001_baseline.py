"""Baseline: the security database as the app created it before migrations (issue 20).

A fresh database gets every table; one the app made earlier (no version yet) gets its
missing tables and columns, and keeps its rows. The tables are written out here, frozen:
later changes are later revisions, never edits of this one.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scoring_api.migrations.adopt import create_or_complete

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def baseline() -> sa.MetaData:
    """Return the baseline's tables."""
    metadata = sa.MetaData()
    sa.Table(
        "accounts",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(150), nullable=False, unique=True, index=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    sa.Table(
        "api_keys",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(150), nullable=False, unique=True, index=True),
        sa.Column("prefix", sa.String(32), nullable=False, unique=True, index=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP, nullable=True),
    )
    sa.Table(
        "audit_events",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", STAMP, nullable=False, index=True),
        sa.Column("account_id", sa.Integer(), nullable=True, index=True),
        sa.Column("api_key_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("client_ref", sa.String(16), nullable=True, index=True),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("account_ref", sa.String(16), nullable=True),
    )
    sa.Table(
        "installation_secrets",
        metadata,
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    sa.Table(
        "outcomes",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_ref", sa.String(16), nullable=False, index=True),
        sa.Column("outcome_date", sa.Date(), nullable=False, index=True),
        sa.Column("defaulted", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
        sa.UniqueConstraint("client_ref", "outcome_date", name="uq_outcome_client_date"),
    )
    sa.Table(
        "reviews",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), nullable=False, index=True),
        sa.Column("client_ref", sa.String(16), nullable=False, index=True),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("model_decision", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("requested_by_account_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_role", sa.String(16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("reviewer_account_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("final_decision", sa.String(16), nullable=True),
        sa.Column("created_at", STAMP, nullable=False, index=True),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("decided_at", STAMP, nullable=True),
        sa.Column("referral_key", sa.String(96), nullable=True, unique=True),
    )
    sa.Table(
        "revoked_sessions",
        metadata,
        sa.Column("sid", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Integer(), nullable=False, index=True),
        sa.Column("expires_at", STAMP, nullable=False, index=True),
    )
    sa.Table(
        "scoring_events",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", STAMP, nullable=False, index=True),
        sa.Column("model_version", sa.String(64), nullable=False, index=True),
        sa.Column("client_ref", sa.String(16), nullable=True, index=True),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("feature_bins", sa.JSON(), nullable=False),
        sa.Column("groups", sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
        sa.Column("shadow", sa.Boolean(), server_default=sa.false(), nullable=False, index=True),
        sa.Column("pair_ref", sa.String(32), nullable=True),
    )
    sa.Table(
        "sign_in_failures",
        metadata,
        sa.Column("account_ref", sa.String(16), primary_key=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.Float(), nullable=False, index=True),
        sa.Column("locked_until", sa.Float(), nullable=False),
    )
    return metadata


def upgrade() -> None:
    """Create the absent tables and complete the present ones."""
    create_or_complete(op.get_bind(), baseline())


def downgrade() -> None:
    """Refuse: below the baseline there is no schema to go back to."""
    raise RuntimeError("0001 is the baseline: nothing to downgrade to.")
