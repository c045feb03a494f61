"""Access control and audit (RGPD): accounts, API keys, roles, rate limits, headers."""

from scoring_api.security.audit import (
    RedactClientIds,
    audit_event,
    install_log_redaction,
    pseudonymise,
)
from scoring_api.security.demo import ensure_demo_accounts
from scoring_api.security.extension import init_security
from scoring_api.security.headers import add_csp_script_hashes
from scoring_api.security.identity import (
    API_KEY_HEADER,
    Identity,
    check_client_access,
    current_identity,
    require_roles,
)
from scoring_api.security.routes import register_auth_routes

SECURITY_SCHEMES = {
    "apiKey": {"type": "apiKey", "in": "header", "name": API_KEY_HEADER},
    "session": {"type": "apiKey", "in": "cookie", "name": "session"},
}

__all__ = [
    "API_KEY_HEADER",
    "SECURITY_SCHEMES",
    "Identity",
    "RedactClientIds",
    "add_csp_script_hashes",
    "audit_event",
    "check_client_access",
    "current_identity",
    "ensure_demo_accounts",
    "init_security",
    "install_log_redaction",
    "pseudonymise",
    "register_auth_routes",
    "require_roles",
]
