"""Password hashing with argon2id; the same work whether or not the account exists."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's argon2id setting (19 MiB, 2 passes, 1 lane): about 55 ms a hash on this 2-core machine,
# where argon2-cffi's default (64 MiB, 3 passes, 4 lanes) takes 400 ms and would stall a worker.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    """Return the argon2id hash of a password (salted, parameters embedded)."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Tell whether the password matches; with no hash, spend the same time and say no."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Tell whether the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def check_password_strength(password: str) -> None:
    """Raise ValueError when a new password is too short to be accepted."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(
            f"The password must have at least {MIN_PASSWORD_LENGTH} characters "
            f"(got {len(password)}). Choose a longer one."
        )


@functools.cache
def _dummy_hash() -> str:
    """Return a hash of a random string, verified when the username is unknown."""
    return _hasher.hash("no-such-account-placeholder")
