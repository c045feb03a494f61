"""The per-account sign-in back-off (security/throttle.py's rule) kept in Redis.

Used when the rate limits are on Redis (``RATELIMIT_STORAGE_URI=redis://...``): every server
then counts one account's attempts in one place, without a write to the accounts database at
each sign-in. One Lua script checks, counts and sets the delay atomically, on Redis's clock
(servers' clocks may differ); the key expires once forgotten. The delays come from
``delay_seconds``, the rule's owner, as a table handed to the script.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from scoring_api.config import Settings
from scoring_api.security.throttle import delay_seconds

KEY_PREFIX = "scoring:sign-in:"
# delay_seconds is capped from this many attempts past the free ones on (2^32 s > any cap)
CAPPED_AFTER = 34

# KEYS[1] the account's hash; ARGV[1] the window (s), ARGV[2..] the delay after attempt 1, 2...
ADMIT = """
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1e6
local window = tonumber(ARGV[1])
local entry = redis.call('HMGET', KEYS[1], 'attempts', 'last', 'locked_until')
if (tonumber(entry[3]) or 0) > now then return 0 end
local attempts = tonumber(entry[1]) or 0
if (tonumber(entry[2]) or 0) < now - window then attempts = 0 end
attempts = attempts + 1
local wait = tonumber(ARGV[1 + math.min(attempts, #ARGV - 1)])
redis.call('HSET', KEYS[1], 'attempts', attempts, 'last', tostring(now),
    'locked_until', tostring(now + wait))
redis.call('EXPIRE', KEYS[1], math.ceil(math.max(window, wait)) + 1)
return attempts
"""


class RedisThrottle:
    """Count sign-in attempts per account in Redis (the database session is not used)."""

    def __init__(self, client: Any, settings: Settings) -> None:
        self._client = client
        self._admit = client.register_script(ADMIT)
        last = settings.login_free_failures + CAPPED_AFTER
        self._arguments = [
            settings.login_failure_window_seconds,
            *(delay_seconds(attempts, settings) for attempts in range(1, last + 1)),
        ]

    def admit(self, _db: Session, account_ref: str) -> bool:
        """Count an attempt; False (not counted) while the account must wait."""
        return int(self._admit(keys=[KEY_PREFIX + account_ref], args=self._arguments)) > 0

    def clear(self, _db: Session, account_ref: str) -> None:
        """Forget the account's attempts after a successful sign-in."""
        self._client.delete(KEY_PREFIX + account_ref)
