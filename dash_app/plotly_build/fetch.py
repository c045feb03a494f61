"""``python -m dash_app.plotly_build.fetch``: put the pinned plotly.js build into its folder.

Downloads the npm tarball (``NPM_CONFIG_REGISTRY`` or registry.npmjs.org), checks its sha512
against the pinned integrity, and writes the build and its licence atomically. A no-op when
the build is already there; ``--force`` fetches again.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import sys
import tarfile

import requests

from dash_app import plotly_build
from model_training.atomic import write_bytes_atomically

DEFAULT_REGISTRY = "https://registry.npmjs.org"
TIMEOUT_SECONDS = 60


class FetchError(RuntimeError):
    """The build could not be fetched or did not match its pinned checksum."""


def tarball_url(registry: str | None = None) -> str:
    """Return the registry address of the pinned tarball."""
    base = (registry or os.environ.get("NPM_CONFIG_REGISTRY") or DEFAULT_REGISTRY).rstrip("/")
    name, version = plotly_build.PACKAGE, plotly_build.VERSION
    return f"{base}/{name}/-/{name}-{version}.tgz"


def check_integrity(data: bytes, integrity: str = plotly_build.INTEGRITY) -> None:
    """Raise FetchError unless ``data`` has the npm ``sha512-<base64>`` integrity given."""
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise FetchError(
            f"{plotly_build.PACKAGE}@{plotly_build.VERSION}: the tarball's {algorithm} is "
            f"{actual}, expected {expected}. Check the registry or the pinned integrity."
        )


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    """Return one regular file of the tarball."""
    try:
        info = archive.getmember(name)
    except KeyError:
        raise FetchError(f"{plotly_build.PACKAGE}: no {name} in the tarball.") from None
    extracted = archive.extractfile(info) if info.isfile() else None
    if extracted is None:
        raise FetchError(f"{plotly_build.PACKAGE}: {name} is not a regular file.")
    return extracted.read()


def install(data: bytes, integrity: str = plotly_build.INTEGRITY) -> None:
    """Check a downloaded tarball and write its build and licence into the folder."""
    check_integrity(data, integrity)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        build, licence = (
            _member(archive, plotly_build.MEMBER),
            _member(archive, plotly_build.LICENSE_MEMBER),
        )
    write_bytes_atomically(plotly_build.LICENSE_FILE, licence)
    write_bytes_atomically(plotly_build.BUILD_FILE, build)  # last: its presence means done


def fetch(registry: str | None = None, integrity: str = plotly_build.INTEGRITY) -> None:
    """Download the pinned tarball and install it."""
    url = tarball_url(registry)
    try:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
    except requests.RequestException as error:
        raise FetchError(f"Could not download {url}: {error}") from error
    install(response.content, integrity)


def main(argv: list[str] | None = None) -> int:
    """Fetch the build unless it is there; say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="fetch even if present")
    parser.add_argument("--registry", help="npm registry (default: NPM_CONFIG_REGISTRY or npm's)")
    args = parser.parse_args(argv)
    if plotly_build.is_installed() and not args.force:
        print(f"plotly.js build present: {plotly_build.BUILD_FILE}")
        return 0
    try:
        fetch(args.registry)
    except FetchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    size = plotly_build.BUILD_FILE.stat().st_size
    print(
        f"Wrote {plotly_build.BUILD_FILE} ({size:,} bytes, {plotly_build.PACKAGE}@"
        f"{plotly_build.VERSION} from {tarball_url(args.registry)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
