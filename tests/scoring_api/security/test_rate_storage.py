"""Rate-limit counters in process memory: fixed windows, lazy expiry, the memory:// alias."""

from __future__ import annotations

from pathlib import Path

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from scoring_api.security.limits import LIMITS_KEY
from scoring_api.security.rate_storage import LOCAL_MEMORY_URI, SWEEP_SECONDS, LocalMemoryStorage
from tests.scoring_api.security.helpers import CLOCK_START, FakeClock, make_app
from tests.scoring_api.settings import make_settings


def test_counts_add_up_within_a_window(clock: FakeClock) -> None:
    storage = LocalMemoryStorage()
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert (storage.get("k"), storage.get_expiry("k")) == (3, CLOCK_START + 60)
    assert storage.incr("k", 60, amount=2) == 5


def test_a_new_window_starts_from_one_after_the_end(clock: FakeClock) -> None:
    storage = LocalMemoryStorage()
    storage.incr("k", 60)
    clock.now = CLOCK_START + 60
    assert (storage.get("k"), storage.get_expiry("k")) == (0, CLOCK_START + 60)
    assert storage.incr("k", 60) == 1
    assert storage.get_expiry("k") == CLOCK_START + 120


def test_ended_windows_are_swept(clock: FakeClock) -> None:
    storage = LocalMemoryStorage()
    storage.incr("short", 1)
    storage.incr("long", 60)
    clock.now = CLOCK_START + 1 + SWEEP_SECONDS
    storage.incr("other", 60)
    assert storage.reset() == 2  # "short" was dropped by the sweep
    assert storage.get("long") == 0


def test_clear_drops_one_key(clock: FakeClock) -> None:
    storage = LocalMemoryStorage()
    storage.incr("a", 60)
    storage.incr("b", 60)
    storage.clear("a")
    assert (storage.get("a"), storage.get("b"), storage.check()) == (0, 1, True)


def test_fixed_window_limiter_refuses_past_the_limit_then_allows_again(clock: FakeClock) -> None:
    limiter = FixedWindowRateLimiter(storage_from_string(LOCAL_MEMORY_URI))
    limit = parse("3 per minute")
    assert [limiter.hit(limit, "key:1") for _ in range(4)] == [True, True, True, False]
    assert limiter.hit(limit, "key:2")
    stats = limiter.get_window_stats(limit, "key:1")
    assert (stats.remaining, stats.reset_time) == (0, CLOCK_START + 60)
    clock.now = CLOCK_START + 60
    assert limiter.hit(limit, "key:1")


def test_the_default_memory_uri_serves_the_lazy_storage(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path, ratelimit_storage_uri="memory://"))
    assert type(app.extensions[LIMITS_KEY].storage) is LocalMemoryStorage
