"""Local HTTP servers and archives for the fetch-bundle tests: honest ones and hostile ones."""

from __future__ import annotations

import hashlib
import io
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from model_training.bundle import current_version

NEW_VERSION = "20990101T000000Z-fetched"
HOSTILE_SECONDS = 10.0  # a hostile server gives up after this long (a failing test never hangs)


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files from a folder without writing a line per request to standard error."""

    def log_message(self, *args: object) -> None:
        """Log nothing."""


class HostileHandler(BaseHTTPRequestHandler):
    """Answer every GET as ``mode`` says: endless bytes, or one byte at a time, slowly."""

    mode = "endless"  # endless | trickle-body | trickle-headers
    body_byte = b"x"
    pause_seconds = 0.2
    sent = 0  # bytes of body sent, all requests together

    def log_message(self, *args: object) -> None:
        """Log nothing."""

    def do_GET(self) -> None:
        """Send the hostile answer until the client leaves or HOSTILE_SECONDS pass."""
        until = time.monotonic() + HOSTILE_SECONDS
        try:
            if self.mode == "trickle-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                while time.monotonic() < until:
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(self.pause_seconds)
                return
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/gzip\r\n\r\n")
            block = b"\x1f\x8b" if self.mode == "trickle-body" else self.body_byte * 65536
            while time.monotonic() < until:
                self.wfile.write(block)
                self.wfile.flush()
                type(self).sent += len(block)
                if self.mode == "trickle-body":
                    block = b"\0"
                    time.sleep(self.pause_seconds)
        except OSError:  # the client hung up: what is expected of it
            return


@contextmanager
def http_server(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run a threaded HTTP server on 127.0.0.1 for the block; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def hostile(mode: str, body_byte: bytes = b"x") -> type[HostileHandler]:
    """Return a fresh handler class (its own byte counter) answering as ``mode`` says."""
    return type("Hostile", (HostileHandler,), {"mode": mode, "body_byte": body_byte, "sent": 0})


def pack(folder: Path, archive: Path) -> str:
    """Write a .tar.gz of one bundle folder; return its SHA-256."""
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    return hashlib.sha256(archive.read_bytes()).hexdigest()


def add_member(archive: Path, name: str, data: bytes = b"x") -> None:
    """Write a .tar.gz holding one file member with the given (possibly hostile) name."""
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def live_version(artifacts_dir: Path) -> str:
    """Return the version CURRENT names."""
    return current_version(artifacts_dir)
