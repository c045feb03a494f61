"""Demo accounts for ``make run``: random passwords printed once; none in production."""

from __future__ import annotations

from scoring_api.config import Settings
from scoring_api.security import accounts
from scoring_api.security.database import Database


def ensure_demo_accounts(settings: Settings, client_id: int) -> dict[str, str]:
    """Create or reset demo-advisor, demo-admin, demo-client (bound to client_id).

    Return ``{username: password}`` with fresh random passwords, to print once at start.
    In production mode nothing is created and the mapping is empty.
    """
    if settings.is_production:
        return {}
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            return accounts.ensure_demo_accounts(session, client_id)
    finally:
        database.dispose()
