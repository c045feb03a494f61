"""Shadow scoring: each served score scored again by the challenger, off the request path.

``record_scores`` gives every champion event a ``pair_ref`` and queues the same scores here
(``ShadowJob``); one daemon thread a process takes them from a bounded queue and writes the
challenger's events (``shadow=True``, same ``pair_ref`` and ``at``) through the app's event
writer. A stored client gets the challenger's stored score (none when the challenger does not
know the client); an application (what-if, new applicant, invocation) is scored by the
challenger's model (``events.shadow_rows``). The challenger's answer never reaches the
client: a full queue drops the job (``scoring_shadow_dropped_total``), a failure is logged and
counted (``scoring_shadow_failures_total``), and neither touches the request. At a stop the
queued jobs get ``STOP_SECONDS`` to finish; what is left is dropped and counted.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import threading
import time
import weakref

from flask import Flask, current_app
from prometheus_client import Counter

from scoring_api.bundle_store import ServingBundle
from scoring_api.config import Settings
from scoring_api.context import SHADOW_KEY
from scoring_api.events.challenger import ChallengerStore
from scoring_api.events.recorder import ShadowJob
from scoring_api.events.shadow_rows import shadow_rows
from scoring_api.observability.metrics import METRICS_KEY, Metrics
from scoring_api.security.state import get_state

logger = logging.getLogger(__name__)

GATHER_SECONDS = 0.05  # after a job, how long the worker waits for more to score in one call
BATCH_JOBS = 256  # jobs scored together at most
STOP_SECONDS = 2.0  # at a stop, the longest wait for queued shadow jobs (the rest are dropped)

_scorers: weakref.WeakSet[ShadowScorer] = weakref.WeakSet()


class ShadowCounters:
    """The shadow scorer's Prometheus counters: scores dropped (by reason), scores failed.

    Both are labelled, so no value exists (nor, under gunicorn, a multiprocess file) before the
    first count: the master builds the app before it creates the metrics folder.
    """

    def __init__(self, metrics: Metrics | None) -> None:
        registry = metrics.registry if metrics is not None else None
        self.dropped = Counter(
            "scoring_shadow_dropped_total",
            "Served scores not scored in shadow, by reason: queue_full (SHADOW_QUEUE_SIZE "
            "jobs waiting), stopped (still waiting when the worker stopped).",
            ["reason"],
            registry=registry,
        )
        self.failed = Counter(
            "scoring_shadow_failures_total",
            "Served scores the challenger failed to score in shadow, or whose shadow event "
            "could not be queued for writing, by challenger version (each logged).",
            ["version"],
            registry=registry,
        )

    def drop(self, scores: int, reason: str) -> None:
        """Count scores dropped (reason: queue_full or stopped)."""
        self.dropped.labels(reason).inc(scores)

    def fail(self, scores: int, version: str) -> None:
        """Count scores the challenger ``version`` failed to score or write."""
        self.failed.labels(version).inc(scores)


class ShadowScorer:
    """Queue served scores and write the challenger's shadow events in a background thread."""

    def __init__(
        self, app: Flask, challengers: ChallengerStore, queue_size: int, counters: ShadowCounters
    ) -> None:
        self.app = app
        self.challengers = challengers
        self.queue_size = queue_size
        self.counters = counters
        self._reset()
        _scorers.add(self)

    def _reset(self) -> None:
        """Start with an empty queue and no thread (at creation and in a forked child)."""
        self._queue: queue.Queue[ShadowJob | None] = queue.Queue(self.queue_size)
        self._thread: threading.Thread | None = None
        self._thread_lock = threading.Lock()
        self._is_stopping = False
        self._busy = 0  # scores of the batch under way

    @property
    def pending(self) -> int:
        """Return how many jobs wait in the queue."""
        return self._queue.qsize()

    def challenger_for(self, champion: ServingBundle) -> ServingBundle | None:
        """Return the challenger to score beside ``champion``, or None (none set, or stopping)."""
        if self._is_stopping:
            return None
        return self.challengers.challenger(champion.version)

    def submit(self, job: ShadowJob) -> bool:
        """Queue a job without waiting; drop and count it when the queue is full."""
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            self.counters.drop(len(job.pairs), "queue_full")
            logger.debug("shadow queue full: %d scores dropped", len(job.pairs))
            return False
        self._start_thread()
        return True

    def _start_thread(self) -> None:
        """Start the worker thread unless it runs (one a process, a daemon)."""
        with self._thread_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="shadow-scorer")
                self._thread.daemon = True
                self._thread.start()

    def _run(self) -> None:
        """Score queued jobs in batches until the stop's sentinel (None)."""
        while True:
            jobs, is_last = self._gather()
            self._busy = sum(len(job.pairs) for job in jobs)
            try:
                if jobs:
                    self._score(jobs)
            finally:
                self._busy = 0
                for _ in range(len(jobs) + is_last):
                    self._queue.task_done()
            if is_last:
                return

    def _gather(self) -> tuple[list[ShadowJob], bool]:
        """Wait for a job, then take those arriving within GATHER_SECONDS (one model call)."""
        first = self._queue.get()
        if first is None:
            return [], True
        jobs = [first]
        deadline = time.monotonic() + GATHER_SECONDS
        while len(jobs) < BATCH_JOBS:
            try:
                job = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if job is None:
                return jobs, True
            jobs.append(job)
        return jobs, False

    def _score(self, jobs: list[ShadowJob]) -> None:
        """Write the shadow events of jobs: all in one batch, else job by job (one fails alone)."""
        with self.app.app_context():
            writer = get_state(self.app).events
            try:
                rows = shadow_rows(jobs)
            except Exception:  # scored again one by one: a failure is the job's alone
                rows = []
                for job in jobs:
                    try:
                        rows += shadow_rows([job])
                    except Exception:  # the challenger's failure never reaches a request
                        logger.exception("shadow scoring by %s failed", job.challenger.version)
                        self.counters.fail(len(job.pairs), job.challenger.version)
            if writer is None:
                return
            for row in rows:
                try:
                    writer.add(row)
                except Exception:  # the database fails: served requests answer 503 meanwhile
                    logger.exception("shadow event not written")
                    self.counters.fail(1, str(row["model_version"]))

    def wait_idle(self, seconds: float) -> bool:
        """Wait until every queued job is done (at most ``seconds``); tell whether it is."""
        deadline = time.monotonic() + seconds
        while self._queue.unfinished_tasks:
            thread = self._thread
            if thread is None or not thread.is_alive() or time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def stop(self, seconds: float = STOP_SECONDS) -> int:
        """Let queued jobs finish within ``seconds``, drop the rest; return the scores dropped."""
        self._is_stopping = True  # no new job from now on
        deadline = time.monotonic() + seconds
        self.wait_idle(seconds)
        dropped = 0
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            self._queue.task_done()
            dropped += len(job.pairs) if job is not None else 0
        if dropped:
            self.counters.drop(dropped, "stopped")
        thread = self._thread
        if thread is not None and thread.is_alive():
            # the worker ends after its current job (if a late job fills the queue: a daemon)
            with contextlib.suppress(queue.Full):
                self._queue.put_nowait(None)
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive() and self._busy:  # still scoring: its events come too late
                late = self._busy
                self.counters.drop(late, "stopped")
                dropped += late
        if dropped:
            logger.warning("%d shadow scores dropped at stop", dropped)
        return dropped


def init_shadow(app: Flask, settings: Settings) -> ShadowScorer | None:
    """Score served scores in shadow when SHADOW_SCORING is on and a challenger is set."""
    if not settings.shadow_scoring:
        return None
    challengers = ChallengerStore(
        settings.artifacts_dir, settings.bundle_check_seconds, map_dir=settings.map_dir
    )
    counters = ShadowCounters(app.extensions.get(METRICS_KEY))
    scorer = ShadowScorer(app, challengers, settings.shadow_queue_size, counters)
    app.extensions[SHADOW_KEY] = scorer
    return scorer


def stop_shadow_scorers(seconds: float = STOP_SECONDS) -> int:
    """Stop every shadow scorer of this process (before the event writers flush)."""
    return sum(scorer.stop(seconds) for scorer in list(_scorers))


def _after_fork_in_child() -> None:
    """Give each scorer an empty queue and no thread in a child (jobs stay with the parent)."""
    for scorer in list(_scorers):
        scorer._reset()


# Registered after the audit writers' (this module imports them first): atexit runs it first.
atexit.register(stop_shadow_scorers)
os.register_at_fork(after_in_child=_after_fork_in_child)


def shadow_challenger(champion_version: str) -> ServingBundle | None:
    """Return the challenger this app scores in shadow beside ``champion_version`` (None: no
    challenger, SHADOW_SCORING off, or still loading)."""
    scorer: ShadowScorer | None = current_app.extensions.get(SHADOW_KEY)
    return None if scorer is None else scorer.challengers.challenger(champion_version)
