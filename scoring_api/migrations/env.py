"""Alembic's environment: migrate over the connection the runner hands in (its transaction)."""

from __future__ import annotations

from alembic import context

from scoring_api.security.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
