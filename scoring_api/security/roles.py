"""The roles a caller may hold: the one list of their names (no Flask, no SQLAlchemy).

Light on purpose: the dashboard reads the same names, as it reads ``security.forwarded``.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A caller's role; its value is the name stored in the database and sent in JSON."""

    ADVISOR = "advisor"  # any client, the model and the population
    CLIENT = "client"  # one SK_ID_CURR, their own
    SERVICE = "service"  # another system with an API key: scoring routes
    ADMIN = "admin"  # every route


ROLES = tuple(role.value for role in Role)
PERSON_ROLES = (Role.ADVISOR.value, Role.CLIENT.value, Role.ADMIN.value)  # accounts, not keys
