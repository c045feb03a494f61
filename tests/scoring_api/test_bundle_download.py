"""fetch-bundle's download: https and a checksum in production, bounded size and total time."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from scoring_api.bundle_fetch import fetch_bundle, main
from scoring_api.config import Settings
from scoring_api.errors import BundleFetchError
from tests.scoring_api.bundle_servers import hostile, http_server, live_version, pack

SMALL = Settings(bundle_max_download_bytes=1 << 20, bundle_fetch_seconds=1.0)


def staging_left(artifacts_dir: Path) -> list[str]:
    """Return the staging folders a fetch left behind."""
    return [path.name for path in artifacts_dir.glob(".fetch-*")]


@pytest.mark.parametrize(
    ("url", "sha256", "message"),
    [
        (
            "http://127.0.0.1:1/bundle.tar.gz",
            "a" * 64,
            "in production MODEL_BUNDLE_URL must be https",
        ),
        ("https://127.0.0.1:1/bundle.tar.gz", "", "in production MODEL_BUNDLE_SHA256 is required"),
        ("https://127.0.0.1:1/bundle.tar.gz", "abc", "must be 64 hexadecimal digits"),
    ],
    ids=["http", "no-checksum", "bad-checksum"],
)
def test_production_wants_https_and_a_checksum(
    artifacts: tuple[Path, str], url: str, sha256: str, message: str
) -> None:
    """In production an http URL or a missing checksum is refused before any request is sent."""
    artifacts_dir, version = artifacts
    with pytest.raises(BundleFetchError, match=message):
        fetch_bundle(url, artifacts_dir, sha256, Settings(app_env="production"))
    assert live_version(artifacts_dir) == version
    assert staging_left(artifacts_dir) == []


def test_the_cli_reads_app_env(
    served: tuple[str, Path],
    artifacts: tuple[Path, str],
    new_bundle: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With APP_ENV=production the CLI refuses a local http URL that demo mode accepts."""
    base, www = served
    artifacts_dir, version = artifacts
    digest = pack(new_bundle, www / "bundle.tar.gz")
    argv = [
        "--url",
        f"{base}/bundle.tar.gz",
        "--sha256",
        digest,
        "--artifacts-dir",
        str(artifacts_dir),
    ]
    monkeypatch.setenv("APP_ENV", "production")
    assert main(argv) == 2
    assert "in production MODEL_BUNDLE_URL must be https" in capsys.readouterr().err
    assert live_version(artifacts_dir) == version
    monkeypatch.setenv("APP_ENV", "demo")
    assert main(argv) == 0


def test_a_download_over_the_size_limit_is_stopped(artifacts: tuple[Path, str]) -> None:
    """An endless gzip-looking body (no Content-Length) is cut at BUNDLE_MAX_DOWNLOAD_BYTES."""
    artifacts_dir, version = artifacts
    handler = hostile("endless", body_byte=b"\x1f\x8b")
    limits = replace(SMALL, bundle_fetch_seconds=30.0)
    with http_server(handler) as base, pytest.raises(BundleFetchError, match="BUNDLE_MAX_DOWNLOAD"):
        fetch_bundle(f"{base}/bundle.tar.gz", artifacts_dir, settings=limits)
    # stopped, not read to the end; the server's count includes what the loopback socket
    # buffers absorbed after the client stopped reading (several MiB under load)
    assert handler.sent < 64 * limits.bundle_max_download_bytes
    assert live_version(artifacts_dir) == version
    assert staging_left(artifacts_dir) == []


def test_a_declared_size_over_the_limit_is_refused_before_the_body(
    served: tuple[str, Path], artifacts: tuple[Path, str]
) -> None:
    """A Content-Length over the limit is refused without reading the body."""
    base, www = served
    artifacts_dir, _ = artifacts
    (www / "big.tar.gz").write_bytes(b"\x1f\x8b" + b"\0" * (2 << 20))
    with pytest.raises(BundleFetchError, match=r"larger than BUNDLE_MAX_DOWNLOAD_BYTES \(1048576"):
        fetch_bundle(f"{base}/big.tar.gz", artifacts_dir, settings=SMALL)
    assert staging_left(artifacts_dir) == []


def test_a_non_archive_is_refused_at_its_first_bytes(artifacts: tuple[Path, str]) -> None:
    """A body that does not start like gzip is refused at once, not downloaded whole."""
    artifacts_dir, _ = artifacts
    handler = hostile("endless")
    limits = replace(SMALL, bundle_max_download_bytes=1 << 30, bundle_fetch_seconds=30.0)
    with http_server(handler) as base, pytest.raises(BundleFetchError, match="gzip's signature"):
        fetch_bundle(f"{base}/bundle.tar.gz", artifacts_dir, settings=limits)
    assert handler.sent < 16 << 20  # a few socket buffers, not the gigabyte allowed
    assert staging_left(artifacts_dir) == []


@pytest.mark.parametrize("mode", ["trickle-body", "trickle-headers"])
def test_a_server_sending_a_byte_at_a_time_is_cut_at_the_total_time(
    artifacts: tuple[Path, str], mode: str
) -> None:
    """A byte every 0.2 s keeps every read alive; BUNDLE_FETCH_SECONDS still ends the fetch."""
    artifacts_dir, version = artifacts
    started = time.monotonic()
    with (
        http_server(hostile(mode)) as base,
        pytest.raises(BundleFetchError, match=r"longer than BUNDLE_FETCH_SECONDS \(1 s\)"),
    ):
        fetch_bundle(f"{base}/bundle.tar.gz", artifacts_dir, settings=SMALL)
    assert time.monotonic() - started < 4
    assert live_version(artifacts_dir) == version
    assert staging_left(artifacts_dir) == []
