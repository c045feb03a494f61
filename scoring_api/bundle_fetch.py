"""``python -m scoring_api fetch-bundle``: put a published model bundle live in ARTIFACTS_DIR.

The archive is a ``.tar.gz`` of one bundle folder (``<version>/metadata.json``, ``model.cbm``,
...). It is downloaded into a staging folder inside ARTIFACTS_DIR, its SHA-256 checked when
one is given, its members checked (no absolute path, no ``..``, no link, no device), unpacked,
loaded exactly as the server loads it, renamed to ``ARTIFACTS_DIR/<version>``, and only then
named in ``CURRENT``. Any failure leaves ARTIFACTS_DIR and ``CURRENT`` as they were.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import requests

from model_training.bundle import set_current
from scoring_api.bundle_store import REQUIRED_FILES, load_serving_bundle
from scoring_api.config import Settings
from scoring_api.errors import BundleFetchError

DOWNLOAD_TIMEOUT_SECONDS = 60
CHUNK_BYTES = 1 << 20
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def public_url(url: str) -> str:
    """Return the URL without credentials or query string (signed URLs carry secrets there)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def download(url: str, target: Path, timeout: float = DOWNLOAD_TIMEOUT_SECONDS) -> str:
    """Stream ``url`` into ``target``; return the SHA-256 (hex) of what was written."""
    shown = public_url(url)
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise BundleFetchError(f"MODEL_BUNDLE_URL must be an http(s) URL, got {shown!r}.")
    digest = hashlib.sha256()
    try:
        with requests.get(url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise BundleFetchError(
                    f"{shown} answered HTTP {response.status_code} {response.reason}: "
                    "check the URL (and that it is still valid, for a signed URL)."
                )
            with target.open("wb") as handle:
                for chunk in response.iter_content(CHUNK_BYTES):
                    handle.write(chunk)
                    digest.update(chunk)
    except requests.RequestException as exc:
        raise BundleFetchError(f"{shown} could not be fetched: {type(exc).__name__}.") from exc
    return digest.hexdigest()


def bundle_version(members: Sequence[tarfile.TarInfo]) -> str:
    """Return the one top folder of the archive, after refusing any unsafe member."""
    tops: set[str] = set()
    for member in members:
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts:
            raise BundleFetchError(f"archive member {member.name!r} leaves the bundle: refused.")
        if not (member.isfile() or member.isdir()):
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
        if parts:
            tops.add(parts[0])
    if len(tops) != 1:
        raise BundleFetchError(
            f"the archive must hold exactly one bundle folder, found {sorted(tops) or 'none'}."
        )
    version = tops.pop()
    if not VERSION_PATTERN.match(version):
        raise BundleFetchError(f"bundle folder name {version!r} is not a valid version.")
    return version


def unpack(archive: Path, into: Path) -> str:
    """Check and extract a bundle archive into ``into``; return the bundle's version."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            version = bundle_version(tar.getmembers())
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BundleFetchError(f"the download is not a readable .tar.gz archive: {exc}.") from exc
    missing = [name for name in REQUIRED_FILES if not (into / version / name).is_file()]
    if missing:
        raise BundleFetchError(f"bundle {version} lacks {', '.join(missing)}: refused.")
    try:
        served = load_serving_bundle(into, version).version
    except Exception as exc:  # any reason the server could not serve it
        raise BundleFetchError(f"bundle {version} cannot be served: {exc}") from exc
    if served != version:
        raise BundleFetchError(
            f"the bundle folder is {version!r} but its metadata.json names {served!r}: refused."
        )
    return version


def fetch_bundle(url: str, artifacts_dir: Path, sha256: str = "") -> str:
    """Download, check and unpack a bundle into ``artifacts_dir``, then switch CURRENT to it."""
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=artifacts_dir))
    try:
        archive = staging / "bundle.tar.gz"
        digest = download(url, archive)
        expected = sha256.strip().lower()
        if expected and digest != expected:
            raise BundleFetchError(
                f"SHA-256 mismatch for {public_url(url)}: expected {expected}, got {digest}."
            )
        version = unpack(archive, staging / "unpacked")
        final = artifacts_dir / version
        if final.exists():
            raise BundleFetchError(f"bundle {version} already exists in {artifacts_dir}.")
        os.replace(staging / "unpacked" / version, final)
        set_current(artifacts_dir, version)
        return version
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fetch-bundle``; print what was made live, or the error (exit code 2)."""
    args = build_parser().parse_args(argv)
    artifacts_dir = args.artifacts_dir or Settings.from_env({"app_env": "test"}).artifacts_dir
    if not args.url:
        print("error: give --url or set MODEL_BUNDLE_URL.", file=sys.stderr)
        return 2
    try:
        version = fetch_bundle(args.url, artifacts_dir, args.sha256)
    except BundleFetchError as exc:
        print(f"error: {exc} CURRENT unchanged.", file=sys.stderr)
        return 2
    print(f"Bundle {version} from {public_url(args.url)} is live in {artifacts_dir}.")
    return 0
