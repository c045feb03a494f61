"""Back-off per account: each sign-in after a run of failures waits longer, capped at minutes.

Rule (settings ``LOGIN_FREE_FAILURES`` = F, ``LOGIN_MAX_DELAY_SECONDS`` = C,
``LOGIN_FAILURE_WINDOW_SECONDS`` = W): every attempt naming an account counts, known account or
not; after F attempts without a success, attempt n (n > F) may come only 2^(n-F-1) s after the
one before (1, 2, 4 ... s, at most C). An attempt inside that delay is refused without being
counted or checked, so it neither extends the wait nor tests a password: an attacker gets one
guess per delay and can keep a person waiting at most C seconds at a time. A success forgets
the account's attempts; so does W seconds without an attempt.

Counts live in the accounts database (``sign_in_failures``), shared by every worker and host,
keyed by the pseudonymised username: no username typed at the form is stored. Each check
and count is one atomic UPDATE, so concurrent guesses cannot slip past the delay together.
With the rate limits on Redis, the same rule runs there instead (security/throttle_redis.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import case, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scoring_api.config import Settings
from scoring_api.security.models import SignInFailures

Row = SignInFailures


class SignInThrottle(Protocol):
    """Where sign-in attempts are counted: the accounts database, or Redis."""

    def admit(self, db: Session, account_ref: str) -> bool:
        """Count an attempt; False (not counted) while the account must wait."""
        ...

    def clear(self, db: Session, account_ref: str) -> None:
        """Forget the account's attempts after a successful sign-in."""
        ...


@dataclass(frozen=True)
class DatabaseThrottle:
    """Count sign-in attempts in the accounts database (``sign_in_failures``)."""

    settings: Settings

    def admit(self, db: Session, account_ref: str) -> bool:
        """Count an attempt; False (not counted) while the account must wait."""
        return admit_attempt(db, account_ref, self.settings)

    def clear(self, db: Session, account_ref: str) -> None:
        """Forget the account's attempts after a successful sign-in."""
        clear_attempts(db, account_ref)


def delay_seconds(attempts: int, settings: Settings) -> float:
    """Return how long the attempt after ``attempts`` uncleared ones must wait."""
    over = attempts - settings.login_free_failures
    if over <= 0:
        return 0.0
    return float(min(2 ** min(over - 1, 32), settings.login_max_delay_seconds))


def admit_attempt(db: Session, account_ref: str, settings: Settings) -> bool:
    """Count a sign-in attempt for this account; False (not counted) while it must wait."""
    now = time.time()
    forgotten = now - settings.login_failure_window_seconds
    counted = (
        update(Row)
        .where(Row.account_ref == account_ref, Row.locked_until <= now)
        .values(
            attempts=case((Row.last_attempt_at < forgotten, 1), else_=Row.attempts + 1),
            last_attempt_at=now,
        )
        .returning(Row.attempts)
        .execution_options(synchronize_session=False)
    )
    attempts = db.scalar(counted)
    if attempts is None:
        if db.scalar(select(Row.locked_until).where(Row.account_ref == account_ref)) is not None:
            db.rollback()
            return False  # the row exists: the account is inside its delay
        attempts = _first_attempt(db, account_ref, now, forgotten)
        if attempts is None:  # another worker made the row meanwhile: its rules apply
            return admit_attempt(db, account_ref, settings)
    wait = delay_seconds(attempts, settings)
    if wait:
        db.execute(
            update(Row)
            .where(Row.account_ref == account_ref)
            .values(locked_until=now + wait)
            .execution_options(synchronize_session=False)
        )
    db.commit()
    return True


def _first_attempt(db: Session, account_ref: str, now: float, forgotten: float) -> int | None:
    """Start an account's count (and drop forgotten ones); None if another worker started it."""
    db.execute(
        delete(Row)
        .where(Row.last_attempt_at < forgotten)
        .execution_options(synchronize_session=False)
    )
    try:
        db.execute(
            insert(Row).values(
                account_ref=account_ref, attempts=1, last_attempt_at=now, locked_until=0.0
            )
        )
        db.flush()
    except IntegrityError:
        db.rollback()
        return None
    return 1


def clear_attempts(db: Session, account_ref: str) -> None:
    """Forget an account's attempts after a successful sign-in."""
    db.execute(
        delete(Row)
        .where(Row.account_ref == account_ref)
        .execution_options(synchronize_session=False)
    )
    db.commit()
