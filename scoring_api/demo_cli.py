"""``python -m scoring_api demo-accounts``: create the demo accounts, print passwords once."""

from __future__ import annotations

import sys

from scoring_api.bundle_store import BundleStore
from scoring_api.config import Settings
from scoring_api.errors import ApiError, ConfigurationError
from scoring_api.security import ensure_demo_accounts


def main() -> int:
    """Create or reset demo-advisor, demo-admin and demo-client (the live bundle's first id)."""
    try:
        settings = Settings.from_env()
        if settings.is_production:
            print("Production mode: no demo account is created.")
            return 0
        client_id = int(BundleStore(settings.artifacts_dir).get().client_ids[0])
    except (ConfigurationError, ApiError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    passwords = ensure_demo_accounts(settings, client_id)
    print(f"Demo accounts in {settings.database_url} (passwords shown once, new at each start):")
    for username, password in passwords.items():
        print(f"  {username:<14} {password}")
    print(f"demo-client may see client {client_id} only.")
    return 0
