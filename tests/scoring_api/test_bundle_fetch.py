"""fetch-bundle: a published bundle goes live from a local HTTP server, or nothing changes."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scoring_api.bundle_fetch import fetch_bundle, main, public_url
from scoring_api.bundle_store import BundleStore
from scoring_api.errors import BundleFetchError

NEW_VERSION = "20990101T000000Z-fetched"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files from a folder without writing a line per request to standard error."""

    def log_message(self, *args: object) -> None:
        """Log nothing."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Serve a folder over HTTP on 127.0.0.1; return its base URL and the folder."""
    folder = tmp_path / "www"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def artifacts(data_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    """Return an artifacts folder whose CURRENT names a copy of the test bundle."""
    source = data_dir / "artifacts"
    version = (source / "CURRENT").read_text(encoding="utf-8").strip()
    target = tmp_path / "artifacts"
    shutil.copytree(source / version, target / version)
    (target / "CURRENT").write_text(version + "\n", encoding="utf-8")
    return target, version


@pytest.fixture
def new_bundle(data_dir: Path, tmp_path: Path) -> Path:
    """Return a bundle folder named NEW_VERSION (the test bundle, its metadata renamed)."""
    source = data_dir / "artifacts"
    version = (source / "CURRENT").read_text(encoding="utf-8").strip()
    folder = tmp_path / "new" / NEW_VERSION
    shutil.copytree(source / version, folder)
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    metadata["version"] = NEW_VERSION
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return folder


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
    return (artifacts_dir / "CURRENT").read_text(encoding="utf-8").strip()


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


def no_metadata_archive(www: Path, new_bundle: Path) -> str:
    """Serve a bundle folder without its metadata.json."""
    (new_bundle / "metadata.json").unlink()
    pack(new_bundle, www / "partial.tar.gz")
    return "partial.tar.gz"


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
        (no_metadata_archive, f"bundle {NEW_VERSION} lacks metadata.json: refused"),
        (loose_files_archive, "is outside a bundle folder"),
    ],
    ids=["http-404", "corrupt", "traversal", "absolute-path", "no-metadata", "no-folder"],
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
