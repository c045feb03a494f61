"""Who may use a route: role checks and the client-binding check, refusals audited."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from scoring_api.errors import ApiError, forbidden, unauthorized
from scoring_api.security.audit import audit_event
from scoring_api.security.identity import Identity, current_identity
from scoring_api.security.roles import Role

ROLE_REFUSED_ACTION = "access.role"  # audit action of a route refused to the caller's role
P = ParamSpec("P")
R = TypeVar("R")


def require_roles(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Refuse anonymous callers (401) and other roles (403, audited); admin passes everywhere."""

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            identity = current_identity()
            if identity is None:
                raise unauthorized()
            if roles and identity.role != Role.ADMIN and identity.role not in roles:
                audit_event(ROLE_REFUSED_ACTION, outcome="denied")  # the route pattern is kept
                raise forbidden(f"The {identity.role} role may not use this route.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def check_client_access(client_id: int) -> Identity:
    """Refuse a client-role caller another SK_ID_CURR than their own (403); return the caller."""
    identity = current_identity()
    if identity is None:
        raise unauthorized()
    if identity.role == Role.CLIENT and identity.client_id != client_id:
        raise ApiError(403, "forbidden", "You may only access your own file.")
    return identity


def client_access(client_id: int, action: str) -> None:
    """Check a caller may see this client (403 otherwise), recording refusals in the audit."""
    try:
        check_client_access(client_id)
    except ApiError:
        audit_event(action, None, client_id, "denied")
        raise
