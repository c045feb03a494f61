"""The challenger: the bundle ``ARTIFACTS_DIR/CHALLENGER`` names, scored in shadow, never served.

Each process checks CHALLENGER at most once per ``check_seconds``, as ``BundleStore`` checks
CURRENT, and loads a newly named bundle in a thread of its own, so no request waits for it.
No file means no challenger. A file that cannot be read, that names the champion, an unknown
folder or a bundle that fails to load is logged once and ignored: nothing is scored in shadow,
and serving never depends on the challenger. Removing the file stops shadow scoring at the
next check.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from model_training.bundle import CHALLENGER_FILE, challenger_version, current_version
from scoring_api.bundle_store import ServingBundle, load_serving_bundle
from scoring_api.config import Settings

logger = logging.getLogger(__name__)


class ChallengerStore:
    """Hold the challenger bundle of one process, reloaded when CHALLENGER changes."""

    def __init__(
        self,
        artifacts_dir: Path,
        check_seconds: float = 1.0,
        is_background: bool = True,
        map_dir: Path | None = None,
    ) -> None:
        self.artifacts_dir = Path(artifacts_dir)
        self.map_dir = map_dir  # where large tables are mapped from (None: read privately)
        self.check_seconds = check_seconds
        self.is_background = is_background  # load in a thread, never in a request
        self.problem: str | None = None  # why no challenger is scored, when one is named
        self._bundle: ServingBundle | None = None
        self._named: str | None = None
        self._checked_at = -float("inf")
        self._lock = threading.Lock()  # held by whoever checks CHALLENGER or loads a bundle

    def challenger(self, champion_version: str) -> ServingBundle | None:
        """Return the challenger to score beside ``champion_version``, or None."""
        self.refresh()
        bundle = self._bundle
        if bundle is None or bundle.version == champion_version:
            return None
        return bundle

    def refresh(self, *, force: bool = False) -> None:
        """Check CHALLENGER (at most once per interval) and load the bundle it names if new.

        ``force`` checks now and loads in this thread (tests, and a caller that must know).
        """
        now = time.monotonic()
        if not force and now - self._checked_at < self.check_seconds:
            return
        if not self._lock.acquire(blocking=force):
            return  # another thread checks or loads
        is_handed_over = False
        try:
            self._checked_at = now
            name = self._named_version()
            if name == self._named:
                return
            self._named, self._bundle = name, None  # the previous challenger stops at once
            if name is None:
                logger.info("no challenger: shadow scoring off")
                return
            if self.is_background and not force:
                loader = threading.Thread(
                    target=self._load_and_release, args=(name,), name="challenger-loader"
                )
                loader.daemon = True
                loader.start()  # the loader releases the lock when done
                is_handed_over = True
                return
            self._load(name)
        finally:
            if not is_handed_over:
                self._lock.release()

    def _named_version(self) -> str | None:
        """Return the version to shadow-score: CHALLENGER's, unless unreadable or the champion."""
        try:
            name = challenger_version(self.artifacts_dir)
            champion = current_version(self.artifacts_dir) if name is not None else None
        except (OSError, ValueError) as exc:  # unreadable, or not text
            self._note(f"{CHALLENGER_FILE} could not be read: {exc}")
            return None
        if name is not None and name == champion:
            self._note(f"{CHALLENGER_FILE} names the champion {name}: nothing to compare")
            return None
        if name is None:
            self.problem = None
        return name

    def _note(self, problem: str) -> None:
        """Keep why no challenger is scored, logged once per new reason."""
        if problem != self.problem:
            logger.warning("challenger ignored: %s", problem)
        self.problem = problem

    def _load_and_release(self, name: str) -> None:
        """Load a challenger in the loader thread, then release the lock."""
        try:
            self._load(name)
        finally:
            self._lock.release()

    def _load(self, name: str) -> None:
        """Load the named bundle as the challenger, or log why not and score none in shadow."""
        try:
            bundle = load_serving_bundle(self.artifacts_dir, name, self.map_dir)
        except Exception as exc:  # a broken challenger never touches serving
            self._note(f"bundle {name} could not be loaded: {exc}")
            return
        self._bundle, self.problem = bundle, None
        logger.info("challenger %s loaded: scored in shadow", name)


def shadow_challenger_now(settings: Settings, champion_version: str) -> ServingBundle | None:
    """Return the challenger to score in shadow, loaded now (None: none set, SHADOW_SCORING
    off, or it cannot be loaded: logged), for a command outside the server."""
    if not settings.shadow_scoring:
        return None
    store = ChallengerStore(settings.artifacts_dir, is_background=False, map_dir=settings.map_dir)
    store.refresh(force=True)
    return store.challenger(champion_version)
