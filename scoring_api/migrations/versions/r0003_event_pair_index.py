"""Index scoring_events.pair_ref: the challenger report joins served and shadow scores on it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index."""
    op.create_index("ix_scoring_events_pair_ref", "scoring_events", ["pair_ref"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_scoring_events_pair_ref", table_name="scoring_events")
