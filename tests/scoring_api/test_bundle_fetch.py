"""fetch-bundle: a published bundle goes live from a local HTTP server, or nothing changes."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from model_training.bundle import promote
from model_training.errors import BundleError
from scoring_api.bundle_fetch import fetch_bundle, main, public_url
from scoring_api.bundle_store import BundleStore
from scoring_api.config import Settings
from scoring_api.errors import BundleFetchError
from tests.model_training.bundle.breakages import BREAKAGE_IDS, BREAKAGES
from tests.scoring_api.bundle_servers import (
    NEW_VERSION,
    add_member,
    hostile,
    http_server,
    live_version,
    pack,
)


def test_a_published_bundle_becomes_live(
    served: tuple[str, Path], artifacts: tuple[Path, str], new_bundle: Path
) -> None:
    """A good archive (checksum given) is unpacked under its version and CURRENT names it."""
    base, www = served
    artifacts_dir, _ = artifacts
    digest = pack(new_bundle, www / "bundle.tar.gz")
    assert fetch_bundle(f"{base}/bundle.tar.gz", artifacts_dir, digest.upper()) == NEW_VERSION
    assert live_version(artifacts_dir) == NEW_VERSION
    store = BundleStore(artifacts_dir)
    assert store.get().version == NEW_VERSION
    assert [p.name for p in artifacts_dir.iterdir() if p.name.startswith(".")] == []


def test_the_cli_prints_the_live_version_without_the_query_string(
    served: tuple[str, Path],
    artifacts: tuple[Path, str],
    new_bundle: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command reports the version made live; a signed URL's query string is not shown."""
    base, www = served
    artifacts_dir, _ = artifacts
    pack(new_bundle, www / "bundle.tar.gz")
    url = f"{base}/bundle.tar.gz?signature=s3cr3t"
    assert main(["--url", url, "--artifacts-dir", str(artifacts_dir)]) == 0
    out = capsys.readouterr().out
    assert out == f"Bundle {NEW_VERSION} from {base}/bundle.tar.gz is live in {artifacts_dir}.\n"
    assert public_url("https://user:pw@host:8443/b.tar.gz?x=1") == "https://host:8443/b.tar.gz"


def corrupt_archive(www: Path, new_bundle: Path) -> str:
    """Serve bytes that are not a gzip tar."""
    (www / "bundle.tar.gz").write_bytes(b"this is not a tarball\n" * 10)
    return "bundle.tar.gz"


def traversal_archive(www: Path, new_bundle: Path) -> str:
    """Serve an archive with a member that climbs out of the bundle folder."""
    add_member(www / "evil.tar.gz", f"{NEW_VERSION}/../../escaped.txt")
    return "evil.tar.gz"


def absolute_archive(www: Path, new_bundle: Path) -> str:
    """Serve an archive with an absolute member path."""
    add_member(www / "abs.tar.gz", "/tmp/escaped.txt")
    return "abs.tar.gz"


def loose_files_archive(www: Path, new_bundle: Path) -> str:
    """Serve an archive of the bundle's files without their folder."""
    with tarfile.open(www / "flat.tar.gz", "w:gz") as tar:
        for path in new_bundle.iterdir():
            tar.add(path, arcname=path.name)
    return "flat.tar.gz"


@pytest.mark.parametrize(
    ("make_archive", "message"),
    [
        (lambda www, bundle: "missing.tar.gz", "answered HTTP 404 File not found"),
        (corrupt_archive, "is not a readable .tar.gz archive"),
        (traversal_archive, "leaves the bundle: refused"),
        (absolute_archive, "'/tmp/escaped.txt' leaves the bundle: refused"),
        (loose_files_archive, "is outside a bundle folder"),
    ],
    ids=["http-404", "corrupt", "traversal", "absolute-path", "no-folder"],
)
def test_a_bad_download_is_refused_and_the_live_bundle_stays(
    served: tuple[str, Path],
    artifacts: tuple[Path, str],
    new_bundle: Path,
    make_archive: object,
    message: str,
) -> None:
    """Each refusal says why; CURRENT, the live folder and the folder list are unchanged."""
    base, www = served
    artifacts_dir, version = artifacts
    before = sorted(p.name for p in artifacts_dir.iterdir())
    name = make_archive(www, new_bundle)  # type: ignore[operator]
    with pytest.raises(BundleFetchError, match=message.replace(".", r"\.")):
        fetch_bundle(f"{base}/{name}", artifacts_dir)
    assert live_version(artifacts_dir) == version
    assert sorted(p.name for p in artifacts_dir.iterdir()) == before
    assert not (artifacts_dir.parent / "escaped.txt").exists()


def without_folder(message: str) -> str:
    """Return a BundleError message without the folder it names (staging or ARTIFACTS_DIR)."""
    return re.sub(r"^(bundle \S+) in \S+?(:| lacks| has)", r"\1\2", message)


@pytest.mark.parametrize(("breaking", "message"), BREAKAGES, ids=BREAKAGE_IDS)
def test_fetch_promote_and_the_server_refuse_a_broken_bundle_with_one_message(
    served: tuple[str, Path],
    artifacts: tuple[Path, str],
    new_bundle: Path,
    breaking: Callable[[Path], None],
    message: str,
) -> None:
    """One validate: the same BundleError (but the folder it names) from all three."""
    base, www = served
    artifacts_dir, version = artifacts
    breaking(new_bundle)
    pack(new_bundle, www / "broken.tar.gz")
    with pytest.raises(BundleError) as fetched:
        fetch_bundle(f"{base}/broken.tar.gz", artifacts_dir)
    assert live_version(artifacts_dir) == version
    assert not (artifacts_dir / NEW_VERSION).exists()
    shutil.copytree(new_bundle, artifacts_dir / NEW_VERSION)
    with pytest.raises(BundleError) as promoted:
        promote(artifacts_dir, NEW_VERSION)
    assert live_version(artifacts_dir) == version
    (artifacts_dir / "CURRENT").write_text(NEW_VERSION + "\n", encoding="utf-8")
    problem = BundleStore(artifacts_dir).status()["problem"]
    assert message in str(promoted.value)
    assert without_folder(str(fetched.value)) == without_folder(str(promoted.value))
    assert problem.startswith(f"bundle {NEW_VERSION} could not be loaded: {promoted.value}; ")


def test_a_checksum_mismatch_is_refused(
    served: tuple[str, Path], artifacts: tuple[Path, str], new_bundle: Path
) -> None:
    """A good archive with the wrong SHA-256 is refused before anything is unpacked."""
    base, www = served
    artifacts_dir, version = artifacts
    digest = pack(new_bundle, www / "bundle.tar.gz")
    wrong = "0" * 64
    with pytest.raises(BundleFetchError, match=f"expected {wrong}, got {digest}"):
        fetch_bundle(f"{base}/bundle.tar.gz", artifacts_dir, wrong)
    assert live_version(artifacts_dir) == version
    assert not (artifacts_dir / NEW_VERSION).exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/bundle.tar.gz", "must be an http(s) URL"),
        ("bundle.tar.gz", "must be an http(s) URL"),
        ("http://127.0.0.1:1/bundle.tar.gz", "could not be fetched: ConnectionError"),
    ],
)
def test_a_bad_url_is_refused(artifacts: tuple[Path, str], url: str, message: str) -> None:
    """A URL that is not http(s), or that nothing answers, leaves CURRENT as it was."""
    artifacts_dir, version = artifacts
    with pytest.raises(BundleFetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch_bundle(url, artifacts_dir)
    assert live_version(artifacts_dir) == version


def test_the_cli_reports_a_failure_with_exit_code_2(
    served: tuple[str, Path], artifacts: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A failed fetch prints one error line saying CURRENT is unchanged, and exits 2."""
    base, _ = served
    artifacts_dir, _ = artifacts
    assert main(["--url", f"{base}/missing.tar.gz", "--artifacts-dir", str(artifacts_dir)]) == 2
    assert capsys.readouterr().err.endswith("CURRENT unchanged.\n")


def zeros_archive(www: Path, members: int = 1, size: int = 3 << 20, pax: int = 0) -> str:
    """Serve a small .tar.gz that grows large once decompressed (zeros, or a long pax header)."""
    headers = {"comment": "x" * pax} if pax else {}
    with tarfile.open(www / "bomb.tar.gz", "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for k in range(members):
            info = tarfile.TarInfo(f"{NEW_VERSION}/padding-{k}.bin")
            info.size, info.pax_headers = size, headers
            tar.addfile(info, io.BytesIO(b"\0" * size))
    return "bomb.tar.gz"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "BUNDLE_MAX_UNPACKED_BYTES"),
        ({"size": 0, "pax": 3 << 20}, "more than BUNDLE_MAX_UNPACKED_BYTES"),
        ({"members": 1001, "size": 0}, "more than 1000 members"),
    ],
    ids=["padding-file", "pax-header", "many-members"],
)
def test_an_archive_too_large_once_decompressed_is_refused(
    served: tuple[str, Path], artifacts: tuple[Path, str], kwargs: dict, message: str
) -> None:
    """Declared and decompressed sizes and the member count are checked as members are read."""
    base, www = served
    artifacts_dir, version = artifacts
    name = zeros_archive(www, **kwargs)
    limits = Settings(bundle_max_unpacked_bytes=1 << 20)
    with pytest.raises(BundleFetchError, match=message):
        fetch_bundle(f"{base}/{name}", artifacts_dir, settings=limits)
    assert live_version(artifacts_dir) == version
    assert sorted(p.name for p in artifacts_dir.iterdir()) == sorted([version, "CURRENT"])


def test_a_killed_fetch_leaves_nothing_behind(
    served: tuple[str, Path], artifacts: tuple[Path, str], new_bundle: Path
) -> None:
    """A staging folder older than any fetch may last is removed by the next fetch."""
    base, www = served
    artifacts_dir, _ = artifacts
    stale, recent = artifacts_dir / ".fetch-stale", artifacts_dir / ".fetch-running"
    stale.mkdir()
    recent.mkdir()
    past = time.time() - Settings().bundle_fetch_seconds - 3600
    os.utime(stale, (past, past))
    pack(new_bundle, www / "bundle.tar.gz")
    assert fetch_bundle(f"{base}/bundle.tar.gz", artifacts_dir) == NEW_VERSION
    assert sorted(p.name for p in artifacts_dir.glob(".fetch-*")) == [recent.name]


def test_sigterm_stops_the_cli_and_removes_its_staging_folder(artifacts: tuple[Path, str]) -> None:
    """A fetch stopped by SIGTERM exits 2, says so, and leaves no .fetch-* folder."""
    artifacts_dir, version = artifacts
    with http_server(hostile("trickle-body")) as base:
        command = [sys.executable, "-m", "scoring_api", "fetch-bundle", "--url", f"{base}/b.tar.gz"]
        process = subprocess.Popen(
            [*command, "--artifacts-dir", str(artifacts_dir)],
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "APP_ENV": "demo"},
        )
        deadline = time.monotonic() + 30
        while (
            not list(artifacts_dir.glob(".fetch-*/bundle.tar.gz")) and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 2, err
    assert "interrupted by SIGTERM" in err
    assert list(artifacts_dir.glob(".fetch-*")) == []
    assert live_version(artifacts_dir) == version
