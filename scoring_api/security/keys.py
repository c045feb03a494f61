"""API keys: long random tokens, stored as keyed HMAC-SHA256 digests, shown once, revocable."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from scoring_api.config import Settings
from scoring_api.security.models import ApiKey, InstallationSecret, utc_now
from scoring_api.security.roles import ROLES, Role

KEY_SCHEME = "pad"
DIGEST_SECRET_NAME = "api_key_digest"


@dataclass(frozen=True)
class NewApiKey:
    """A key just created: the raw token is only here, never stored."""

    name: str
    role: str
    token: str


def digest_secret(settings: Settings, session: Session) -> bytes:
    """Return the HMAC key of API-key digests.

    In production it is derived from PSEUDONYM_KEY (stable, from the environment). In demo and
    test mode that key may be random per process, so a random secret stored once in the
    database is used instead: keys made by the CLI keep working after a restart.
    """
    if settings.is_production:
        return hmac.new(settings.pseudonym_key.encode(), b"api-key-digest-v1", "sha256").digest()
    row = session.get(InstallationSecret, DIGEST_SECRET_NAME)
    if row is None:
        row = InstallationSecret(name=DIGEST_SECRET_NAME, value=secrets.token_hex(32))
        session.add(row)
        session.commit()
    return bytes.fromhex(row.value)


def digest_token(secret: bytes, token: str) -> str:
    """Return the hex HMAC-SHA256 digest of a raw token."""
    return hmac.new(secret, token.encode(), hashlib.sha256).hexdigest()


def split_token(token: str) -> str | None:
    """Return the public prefix of a well-formed token, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_SCHEME or not parts[1] or len(parts[2]) < 32:
        return None
    return f"{parts[0]}_{parts[1]}"


def create_api_key(
    session: Session,
    secret: bytes,
    name: str,
    role: str = Role.SERVICE.value,
    client_id: int | None = None,
) -> NewApiKey:
    """Create and store a key; return the raw token (shown once)."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}: expected one of {', '.join(ROLES)}.")
    if (role == Role.CLIENT) != (client_id is not None):
        raise ValueError("A client key needs --client-id, and only a client key takes one.")
    if session.scalar(select(ApiKey.id).where(ApiKey.name == name)) is not None:
        raise ValueError(f"An API key named {name!r} exists already. Choose another name.")
    prefix = f"{KEY_SCHEME}_{secrets.token_hex(4)}"
    token = f"{prefix}_{secrets.token_urlsafe(32)}"
    session.add(
        ApiKey(
            name=name,
            prefix=prefix,
            digest=digest_token(secret, token),
            role=role,
            client_id=client_id,
        )
    )
    session.commit()
    return NewApiKey(name=name, role=role, token=token)


def find_api_key(session: Session, secret: bytes, token: str) -> ApiKey | None:
    """Return the live key matching a raw token, else None (constant-time digest check)."""
    prefix = split_token(token)
    if prefix is None:
        return None
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if key is None or key.revoked_at is not None:
        return None
    if not hmac.compare_digest(key.digest, digest_token(secret, token)):
        return None
    return key


def revoke_api_key(session: Session, name: str) -> bool:
    """Revoke a key by name; return False when no live key has this name."""
    key = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = utc_now()
    session.commit()
    return True


def list_api_keys(session: Session) -> list[ApiKey]:
    """Return every key (revoked ones included), oldest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))
