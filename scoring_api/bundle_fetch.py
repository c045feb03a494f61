"""``python -m scoring_api fetch-bundle``: put a published model bundle live in ARTIFACTS_DIR.

The archive is a ``.tar.gz`` of one bundle folder (``<version>/metadata.json``, ``model.cbm``,
...). It is downloaded into a staging folder inside ARTIFACTS_DIR (at most
BUNDLE_MAX_DOWNLOAD_BYTES), its SHA-256 checked when one is given (required in production, with
https), its members checked as they are read (no absolute path, no ``..``, no link, no device,
at most BUNDLE_MAX_UNPACKED_BYTES once decompressed) and unpacked, validated by the check the
server and ``promote`` use (a BundleError says what is wrong with the bundle itself), renamed to
``ARTIFACTS_DIR/<version>``, and only then named in ``CURRENT``; all of it within
BUNDLE_FETCH_SECONDS. Any failure leaves ARTIFACTS_DIR and ``CURRENT`` as they were.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import signal
import sys
import tarfile
import tempfile
import threading
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from model_training.bundle import is_version_name, set_current, validate
from model_training.errors import BundleError
from scoring_api.bundle_download import (
    IDLE_TIMEOUT_SECONDS,
    check_deadline,
    checked_source,
    download,
    public_url,
    time_limit,
)
from scoring_api.config import APP_ENVS, Settings
from scoring_api.errors import BundleFetchError, ConfigurationError

MAX_MEMBERS = 1_000  # a bundle holds about a dozen files
STAGING_PREFIX = ".fetch-"


class CappedReader:
    """A readable file that refuses to give more than ``max_bytes`` or to read past a deadline."""

    def __init__(self, source: BinaryIO, settings: Settings, deadline: float) -> None:
        self.source, self.settings, self.deadline = source, settings, deadline
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        """Read from the source, counting what it gives."""
        data = self.source.read(size)
        self.total += len(data)
        limit = self.settings.bundle_max_unpacked_bytes
        if self.total > limit:
            raise BundleFetchError(
                f"the archive holds more than BUNDLE_MAX_UNPACKED_BYTES ({limit} bytes) once "
                "decompressed: refused."
            )
        check_deadline(self.deadline, self.settings.bundle_fetch_seconds)
        return data


def member_top(member: tarfile.TarInfo) -> str | None:
    """Return the top folder of a member (None for ``.``), after refusing an unsafe one."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts:
        raise BundleFetchError(f"archive member {member.name!r} leaves the bundle: refused.")
    if not (member.isfile() or member.isdir()) or member.issparse():
        raise BundleFetchError(
            f"archive member {member.name!r} is a link or a device: refused "
            "(a bundle holds plain files only)."
        )
    parts = [part for part in path.parts if part != "."]
    if len(parts) == 1 and member.isfile():
        raise BundleFetchError(
            f"archive member {member.name!r} is outside a bundle folder: the archive must "
            "hold one folder, <version>/ (tar -czf bundle.tar.gz -C ARTIFACTS_DIR <version>)."
        )
    return parts[0] if parts else None


def check_version(tops: set[str]) -> str:
    """Return the archive's one bundle folder, a valid version, else refuse."""
    if len(tops) != 1:
        raise BundleFetchError(
            f"the archive must hold exactly one bundle folder, found {sorted(tops) or 'none'}."
        )
    version = next(iter(tops))
    if not is_version_name(version):
        raise BundleFetchError(f"bundle folder name {version!r} is not a valid version.")
    return version


def extract_members(archive: Path, into: Path, settings: Settings, deadline: float) -> str:
    """Check and extract each member as it is read (bounded); return the bundle's version."""
    tops: set[str] = set()
    declared = 0
    limit = settings.bundle_max_unpacked_bytes
    with gzip.open(archive, "rb") as compressed:
        reader = CappedReader(compressed, settings, deadline)  # type: ignore[arg-type]
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for count, member in enumerate(tar, start=1):
                top = member_top(member)
                if top is not None:
                    tops.add(top)
                    check_version(tops)
                declared += member.size
                if declared > limit or count > MAX_MEMBERS:
                    raise BundleFetchError(
                        f"the archive holds more than {MAX_MEMBERS} members or "
                        f"BUNDLE_MAX_UNPACKED_BYTES ({limit} bytes): refused."
                    )
                tar.extract(member, into, filter="data")
    return check_version(tops)


def unpack(archive: Path, into: Path, settings: Settings, deadline: float) -> str:
    """Extract a bundle archive into ``into`` and validate the bundle; return its version."""
    try:
        version = extract_members(archive, into, settings, deadline)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BundleFetchError(f"the download is not a readable .tar.gz archive: {exc}.") from exc
    validate(into / version)
    return version


def remove_stale_staging(artifacts_dir: Path, settings: Settings) -> None:
    """Remove staging folders of fetches killed outright (older than any fetch may last)."""
    oldest = time.time() - settings.bundle_fetch_seconds - IDLE_TIMEOUT_SECONDS
    for folder in artifacts_dir.glob(STAGING_PREFIX + "*"):
        if folder.is_dir() and folder.stat().st_mtime < oldest:
            shutil.rmtree(folder, ignore_errors=True)


def fetch_bundle(
    url: str, artifacts_dir: Path, sha256: str = "", settings: Settings | None = None
) -> str:
    """Download, check and unpack a bundle into ``artifacts_dir``, then switch CURRENT to it."""
    settings = settings or Settings()
    expected = checked_source(url, sha256, settings.is_production)
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(artifacts_dir, settings)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=artifacts_dir))
    try:
        with time_limit(settings.bundle_fetch_seconds) as deadline:
            archive = staging / "bundle.tar.gz"
            digest = download(url, archive, settings, deadline)
            if expected and digest != expected:
                raise BundleFetchError(
                    f"SHA-256 mismatch for {public_url(url)}: expected {expected}, got {digest}."
                )
            version = unpack(archive, staging / "unpacked", settings, deadline)
        final = artifacts_dir / version
        if final.exists():
            raise BundleFetchError(f"bundle {version} already exists in {artifacts_dir}.")
        os.replace(staging / "unpacked" / version, final)
        set_current(artifacts_dir, version)
        return version
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def fetch_settings(environ: Mapping[str, str]) -> Settings:
    """Return the settings of a fetch: limits, folders and APP_ENV (secrets not needed here)."""
    app_env = environ.get("APP_ENV") or Settings.app_env
    if app_env not in APP_ENVS:
        raise BundleFetchError(f"APP_ENV must be one of {', '.join(APP_ENVS)}, got {app_env!r}.")
    return replace(Settings.from_env({"app_env": "test"}, environ), app_env=app_env)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of ``fetch-bundle`` (defaults from the environment)."""
    parser = argparse.ArgumentParser(
        prog="python -m scoring_api fetch-bundle",
        description="Download a bundle archive (.tar.gz of one <version>/ folder), check it, "
        "unpack it into ARTIFACTS_DIR and make it live (CURRENT last).",
    )
    parser.add_argument(
        "--url", default=os.environ.get("MODEL_BUNDLE_URL", ""), help="(MODEL_BUNDLE_URL)"
    )
    parser.add_argument(
        "--sha256",
        default=os.environ.get("MODEL_BUNDLE_SHA256", ""),
        help="expected SHA-256 of the archive, hex (MODEL_BUNDLE_SHA256; empty: not checked)",
    )
    parser.add_argument(
        "--artifacts-dir", type=Path, default=None, help="model bundles (ARTIFACTS_DIR)"
    )
    return parser


def stop_on_sigterm(_signum: int, _frame: object) -> None:
    """Turn SIGTERM into an error, so the staging folder is removed on the way out."""
    raise BundleFetchError("interrupted by SIGTERM.")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fetch-bundle``; print what was made live, or the error (exit code 2)."""
    args = build_parser().parse_args(argv)
    if not args.url:
        print("error: give --url or set MODEL_BUNDLE_URL.", file=sys.stderr)
        return 2
    is_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop_on_sigterm) if is_main else None
    try:
        settings = fetch_settings(os.environ)
        artifacts_dir = args.artifacts_dir or settings.artifacts_dir
        version = fetch_bundle(args.url, artifacts_dir, args.sha256, settings)
    except (BundleFetchError, BundleError, ConfigurationError) as exc:
        print(f"error: {exc} CURRENT unchanged.", file=sys.stderr)
        return 2
    finally:
        if is_main:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
    print(f"Bundle {version} from {public_url(args.url)} is live in {artifacts_dir}.")
    return 0
