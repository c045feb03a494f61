"""Access control and audit (RGPD): accounts, API keys, roles, rate limits, headers."""
