"""Downloading a bundle archive within limits: https and checksum rules, size, total time."""

from __future__ import annotations

import hashlib
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import requests

from scoring_api.config import Settings
from scoring_api.errors import BundleFetchError

IDLE_TIMEOUT_SECONDS = 60  # longest wait for the server to connect or send the next bytes
CHUNK_BYTES = 1 << 20
GZIP_SIGNATURE = b"\x1f\x8b"
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


class FetchTimeoutError(BundleFetchError):
    """The fetch took longer than BUNDLE_FETCH_SECONDS."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the fetch took longer than BUNDLE_FETCH_SECONDS ({seconds:g} s): stopped."
        )


def public_url(url: str) -> str:
    """Return the URL without credentials or query string (signed URLs carry secrets there)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def checked_source(url: str, sha256: str, is_production: bool) -> str:
    """Refuse a URL or checksum the fetch may not use; return the expected SHA-256 (or "")."""
    shown = public_url(url)
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise BundleFetchError(f"MODEL_BUNDLE_URL must be an http(s) URL, got {shown!r}.")
    expected = sha256.strip().lower()
    if expected and not SHA256_PATTERN.match(expected):
        raise BundleFetchError("MODEL_BUNDLE_SHA256 must be 64 hexadecimal digits (sha256sum).")
    if is_production and scheme != "https":
        raise BundleFetchError(f"in production MODEL_BUNDLE_URL must be https, got {shown!r}.")
    if is_production and not expected:
        raise BundleFetchError(
            "in production MODEL_BUNDLE_SHA256 is required: give the archive's SHA-256 "
            "(sha256sum bundle.tar.gz)."
        )
    return expected


def check_deadline(deadline: float, seconds: float) -> None:
    """Raise FetchTimeoutError once the monotonic clock has passed ``deadline``."""
    if time.monotonic() > deadline:
        raise FetchTimeoutError(seconds)


@contextmanager
def time_limit(seconds: float) -> Iterator[float]:
    """Yield the deadline; in the main thread a SIGALRM also breaks a read the server stalls."""
    deadline = time.monotonic() + seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield deadline
        return

    def expire(_signum: int, _frame: object) -> None:
        raise FetchTimeoutError(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer:  # give back an enclosing timer (pytest-timeout's) what is left of it
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def download(url: str, target: Path, settings: Settings, deadline: float) -> str:
    """Stream ``url`` into ``target`` within the limits; return the SHA-256 (hex) written."""
    shown = public_url(url)
    limit = settings.bundle_max_download_bytes
    too_big = BundleFetchError(
        f"{shown} is larger than BUNDLE_MAX_DOWNLOAD_BYTES ({limit} bytes): refused."
    )
    digest = hashlib.sha256()
    written, head = 0, b""
    timeout = min(IDLE_TIMEOUT_SECONDS, settings.bundle_fetch_seconds)
    try:
        with requests.get(url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise BundleFetchError(
                    f"{shown} answered HTTP {response.status_code} {response.reason}: "
                    "check the URL (and that it is still valid, for a signed URL)."
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise too_big
            with target.open("wb") as handle:
                for chunk in response.iter_content(CHUNK_BYTES):
                    check_deadline(deadline, settings.bundle_fetch_seconds)
                    written += len(chunk)
                    if written > limit:
                        raise too_big
                    if len(head) < len(GZIP_SIGNATURE):
                        head = (head + chunk)[: len(GZIP_SIGNATURE)]
                        if not GZIP_SIGNATURE.startswith(head):
                            raise BundleFetchError(
                                f"{shown} is not a readable .tar.gz archive: it does not start "
                                "with gzip's signature."
                            )
                    handle.write(chunk)
                    digest.update(chunk)
    except requests.RequestException as exc:
        raise BundleFetchError(f"{shown} could not be fetched: {type(exc).__name__}.") from exc
    return digest.hexdigest()
