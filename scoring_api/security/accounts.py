"""Accounts of people: creation, listing, disabling, sign-in check, demo accounts."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from scoring_api.security.models import Account
from scoring_api.security.passwords import (
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_password,
)
from scoring_api.security.roles import PERSON_ROLES, Role

DEMO_USERNAMES = {
    Role.ADVISOR: "demo-advisor",
    Role.ADMIN: "demo-admin",
    Role.CLIENT: "demo-client",
}


def create_account(
    session: Session, username: str, password: str, role: str, client_id: int | None = None
) -> Account:
    """Create an active account; raise ValueError on a bad role, binding or password."""
    if role not in PERSON_ROLES:
        raise ValueError(f"Unknown role {role!r}: expected one of {', '.join(PERSON_ROLES)}.")
    if role == Role.CLIENT and client_id is None:
        raise ValueError("A client account needs --client-id (the SK_ID_CURR it may see).")
    if role != Role.CLIENT and client_id is not None:
        raise ValueError(f"Only a client account is bound to an id, not a {role} account.")
    if not username or len(username) > 150:
        raise ValueError("The username must have between 1 and 150 characters.")
    if find_account(session, username) is not None:
        raise ValueError(f"An account named {username!r} exists already.")
    check_password_strength(password)
    account = Account(
        username=username, password_hash=hash_password(password), role=role, client_id=client_id
    )
    session.add(account)
    session.commit()
    return account


def find_account(session: Session, username: str) -> Account | None:
    """Return the account with this username, else None."""
    return session.scalar(select(Account).where(Account.username == username))


def list_accounts(session: Session) -> list[Account]:
    """Return every account, oldest first."""
    return list(session.scalars(select(Account).order_by(Account.id)))


def disable_account(session: Session, username: str) -> bool:
    """Disable an account (its sessions end at their next request); False when unknown."""
    account = find_account(session, username)
    if account is None:
        return False
    account.is_active = False
    session.commit()
    return True


def authenticate(session: Session, username: str, password: str) -> Account | None:
    """Return the active account these credentials open, else None (same work either way)."""
    account = find_account(session, username)
    is_valid = verify_password(account.password_hash if account else None, password)
    if account is None or not is_valid or not account.is_active:
        return None
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
        session.commit()
    return account


def ensure_demo_accounts(session: Session, client_id: int) -> dict[str, str]:
    """Create or reset the demo advisor, admin and client with fresh random passwords."""
    passwords: dict[str, str] = {}
    for role, username in DEMO_USERNAMES.items():
        password = secrets.token_urlsafe(12)
        account = find_account(session, username)
        if account is None:
            account = Account(username=username, role=role.value, password_hash="")
            session.add(account)
        account.password_hash = hash_password(password)
        account.client_id = client_id if role == Role.CLIENT else None
        account.is_active = True
        passwords[username] = password
    session.commit()
    return passwords
