"""Reviews record when they were taken up (``taken_up_at``), not only their last change.

A review in progress takes its last change as the moment it was taken up (the only change an
in-progress review has had); a closed one leaves it unknown (NULL), as nothing recorded it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column and fill it for the reviews in progress."""
    op.add_column("reviews", sa.Column("taken_up_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE reviews SET taken_up_at = updated_at WHERE status = 'in_review'")


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("taken_up_at")
