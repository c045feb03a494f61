"""Alembic revisions of the security database, oldest first (``r<NNNN>_<what>.py``)."""
