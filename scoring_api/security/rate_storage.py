"""Fixed-window rate-limit counters in this process's memory, expired lazily (no timer thread).

``limits``' own ``memory://`` storage starts a ``threading.Timer`` every 10 ms while counters
change, to expire them: under load that is a new thread about every 10 ms in each worker,
competing for the GIL with the requests. These counters expire when read or incremented, and the
whole table is swept at most once per ``SWEEP_SECONDS``. Same behaviour for the fixed-window
strategy (the only one the API uses); ``RATELIMIT_STORAGE_URI=memory://`` maps here.
"""

from __future__ import annotations

import threading
import time

from limits.storage import Storage

LOCAL_MEMORY_SCHEME = "local-memory"
LOCAL_MEMORY_URI = f"{LOCAL_MEMORY_SCHEME}://"
SWEEP_SECONDS = 1.0


class LocalMemoryStorage(Storage):
    """Counters per key with their window's end (epoch seconds), guarded by one lock."""

    # limits declares it an instance attribute (``list[str] | None``), read from the class
    STORAGE_SCHEME: list[str] | None = [LOCAL_MEMORY_SCHEME]  # noqa: RUF012

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, **options: float | str | bool
    ) -> None:
        self._counters: dict[str, list[float]] = {}  # key -> [count, window end]
        self._lock = threading.Lock()
        self._next_sweep = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        """Return the errors this storage may raise (none in practice)."""
        return ValueError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the key's counter, opening a window of ``expiry`` s if none is open."""
        now = time.time()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            entry = self._counters.get(key)
            if entry is None or entry[1] <= now:
                entry = self._counters[key] = [0, now + expiry]
            entry[0] += amount
            return int(entry[0])

    def get(self, key: str) -> int:
        """Return the key's count in its open window (0 when none is open)."""
        entry = self._counters.get(key)
        return int(entry[0]) if entry is not None and entry[1] > time.time() else 0

    def get_expiry(self, key: str) -> float:
        """Return when the key's window ends (now when none is open)."""
        now = time.time()
        entry = self._counters.get(key)
        return entry[1] if entry is not None and entry[1] > now else now

    def check(self) -> bool:
        """Tell the storage is reachable (always: it is this process's memory)."""
        return True

    def reset(self) -> int:
        """Drop every counter; return how many there were."""
        with self._lock:
            count = len(self._counters)
            self._counters.clear()
        return count

    def clear(self, key: str) -> None:
        """Drop one key's counter."""
        with self._lock:
            self._counters.pop(key, None)

    def _sweep(self, now: float) -> None:
        """Drop the counters whose window has ended (the lock is held)."""
        for key in [k for k, entry in self._counters.items() if entry[1] <= now]:
            del self._counters[key]
        self._next_sweep = now + SWEEP_SECONDS
