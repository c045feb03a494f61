"""gunicorn settings: ``gunicorn app:server -c gunicorn.conf.py`` (Procfile, ``make run``).

gunicorn's own access log can only print the raw path, which holds the SK_ID_CURR: it is off,
and the app's access log (logger ``scoring_api.access``: method, route pattern, status,
duration, pseudonymised client) goes to standard error with the other logs, written in
batches (at most every 0.5 s) by a background thread of each worker. Every line is a JSON
object with the request id (``LOG_FORMAT=text`` for people):
``scoring_api/observability/log_format.py``.

Metrics: the workers share ``PROMETHEUS_MULTIPROC_DIR`` (a fresh folder when unset), so
``/metrics`` adds up every worker: ``scoring_api/observability/metrics_multiprocess.py``.

Slow clients: a worker's threads only take requests already read in full (head and body),
read in its main loop: ``scoring_api/buffering_worker.py`` (REQUEST_READ_SECONDS,
REQUEST_BUFFER_BYTES).

Each worker loads the live model bundle before it takes requests (``post_worker_init``), so no
client waits for that load. Each worker buffers its audit rows for at most AUDIT_FLUSH_SECONDS;
``worker_exit`` writes what is left when a worker stops (SIGTERM, SIGHUP reload, max-requests
restart).
"""

import os
import subprocess
import sys

from gunicorn.glogging import Logger

from scoring_api.context import SHADOW_KEY, STORE_KEY
from scoring_api.observability.log_batching import flush_log_batches
from scoring_api.observability.log_format import logging_config
from scoring_api.observability.metrics_multiprocess import (
    mark_worker_dead,
    multiprocess_env,
    prepare_multiprocess_dir,
    remove_named_dir,
)
from scoring_api.security.audit_writer import flush_audit_writers


class NoAccessLogLogger(Logger):
    """gunicorn's logger without its access log.

    That log can only print the raw path (it holds the SK_ID_CURR), and with a logging config
    gunicorn built its fields on every request even though its logger discarded them.
    """

    @property
    def access_log_enabled(self) -> bool:
        """Tell gunicorn there is no access log to feed."""
        return False

    def access(self, resp: object, req: object, environ: object, request_time: object) -> None:
        """Log nothing: the app's own access log covers each request."""


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gthread, except that a thread only gets a request already read in full (head and body, within
# REQUEST_READ_SECONDS): slow clients wait in the worker's poller, not in its threads.
worker_class = "scoring_api.buffering_worker.BufferingThreadWorker"
preload_app = True
# Heroku's router gives up on a request after 30 s (H12), and a dyno has 30 s between SIGTERM and
# SIGKILL: a silent worker is replaced before the first, and a stopping worker finishes its
# requests and writes its audit rows before the second.
timeout = 25
graceful_timeout = 20
# Heroku's Router 2.0 keeps idle connections to the dyno up to 90 s: gunicorn must not close
# one first (a request sent on a connection being closed would fail).
keepalive = 100
# gunicorn's control socket (runtime commands through gunicornc) defaults to one path per user,
# shared by every gunicorn of that user on the host: off unless GUNICORN_CONTROL_SOCKET names one.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
accesslog = None
logger_class = NoAccessLogLogger
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
_log_format = os.environ.get("LOG_FORMAT") or "json"
logconfig_dict = logging_config(_log_format, loglevel)  # JSON lines (LOG_FORMAT=text for people)
# prometheus_client's multiprocess folder, set before --preload imports the app (see hooks)
raw_env = multiprocess_env()


def on_starting(server: object) -> None:
    """Create the metrics folder (or empty the operator's) before the first worker starts."""
    prepare_multiprocess_dir()


def when_ready(server: object) -> None:
    """Write the live bundle's mapped tables once, before the workers map them.

    In a child process (the master stays small) and after binding (a platform's boot timeout
    sees the port): a first worker writing them itself could outlast gunicorn's ``timeout``.
    A failure is logged; the workers then write or read the tables themselves.
    """
    done = subprocess.run(
        [sys.executable, "-m", "scoring_api", "map-tables"],
        check=False,
        capture_output=True,
        text=True,
    )
    log = server.log  # type: ignore[attr-defined]  # gunicorn's Arbiter, untyped here
    if done.returncode:
        log.warning("map-tables failed: %s", done.stderr.strip()[-500:])
    else:
        log.info("%s", " ".join(done.stdout.split()))


def child_exit(server: object, worker: object) -> None:
    """Drop a dead worker's live gauges from the metrics folder (prometheus_client)."""
    mark_worker_dead(worker.pid)  # type: ignore[attr-defined]


def on_exit(server: object) -> None:
    """Remove the metrics folder gunicorn.conf.py named, at the master's exit."""
    remove_named_dir()


def post_worker_init(worker: object) -> None:
    """Load the live bundle in a new worker before it takes requests (not during the first)."""
    store = getattr(getattr(worker, "wsgi", None), "extensions", {}).get(STORE_KEY)
    if store is not None:
        store.refresh()


def worker_exit(server: object, worker: object) -> None:
    """Write the worker's buffered audit rows and log lines before it exits (``atexit`` too).

    Queued shadow scores go first (done, or dropped and counted), so their events are written.
    """
    shadow = getattr(getattr(worker, "wsgi", None), "extensions", {}).get(SHADOW_KEY)
    if shadow is not None:
        shadow.stop()
    flush_audit_writers()
    flush_log_batches()
