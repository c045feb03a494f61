"""The security database's schema history (Alembic): ``python -m scoring_api db upgrade``."""
