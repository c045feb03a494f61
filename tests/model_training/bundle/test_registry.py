"""The registry: ``promote`` makes a validated bundle live atomically, ``--rollback`` puts the
previous one back, a broken or unknown one never goes live; ``check`` opens the live one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from model_training.bundle import current_version, list_versions, open_bundle, rollback
from model_training.cli import main
from model_training.errors import BundleError
from scoring_api.bundle_store import BundleStore
from tests.model_training.bundle.breakages import BREAKAGE_IDS, BREAKAGES, copy_bundle


def current(artifacts: Path) -> str:
    """Return the version CURRENT names."""
    return (artifacts / "CURRENT").read_text(encoding="utf-8").strip()


def test_promote_switches_current_and_the_server_follows_then_rolls_back(
    artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = current(artifacts)
    new = f"{old}-next"
    store = BundleStore(artifacts, check_seconds=0.0)
    assert store.get().version == old
    assert main(["promote", "--version", new, "--artifacts-dir", str(artifacts)]) == 0
    assert current(artifacts) == new
    assert f"Live bundle: {new} (was {old})" in capsys.readouterr().out
    assert store.get().version == new  # a worker picks it up at its next check
    assert main(["promote", "--version", old, "--artifacts-dir", str(artifacts)]) == 0
    assert current(artifacts) == old
    assert store.get().version == old


def test_promote_list_marks_the_live_bundle(
    artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = current(artifacts)
    assert main(["promote", "--list", "--artifacts-dir", str(artifacts)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{old}  (live)", f"{old}-next"]


def test_rollback_makes_the_newest_older_bundle_live(
    artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = current(artifacts)
    (artifacts / "CURRENT").write_text(f"{old}-next\n", encoding="utf-8")
    assert main(["promote", "--rollback", "--artifacts-dir", str(artifacts)]) == 0
    assert current(artifacts) == old
    assert capsys.readouterr().out == f"Live bundle: {old} (was {old}-next), rolled back.\n"


def test_rollback_from_the_oldest_bundle_is_refused_and_current_stays(artifacts: Path) -> None:
    old = current(artifacts)
    with pytest.raises(BundleError, match=f"no bundle older than the live {old} in "):
        rollback(artifacts)
    assert current(artifacts) == old


def test_rollback_promotes_the_newest_bundle_older_than_the_live_one(artifacts: Path) -> None:
    old = current(artifacts)
    copy_bundle(artifacts / old, artifacts / f"{old}-third")
    (artifacts / "CURRENT").write_text(f"{old}-third\n", encoding="utf-8")
    assert list_versions(artifacts) == [old, f"{old}-next", f"{old}-third"]
    assert rollback(artifacts) == (f"{old}-third", f"{old}-next")


@pytest.mark.parametrize(("breaking", "message"), BREAKAGES, ids=BREAKAGE_IDS)
def test_a_broken_bundle_is_refused_and_current_stays(
    artifacts: Path,
    capsys: pytest.CaptureFixture[str],
    breaking: Callable[[Path], None],
    message: str,
) -> None:
    old = current(artifacts)
    breaking(artifacts / f"{old}-next")
    assert main(["promote", "--version", f"{old}-next", "--artifacts-dir", str(artifacts)]) == 2
    assert message in capsys.readouterr().err
    assert current(artifacts) == old


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("nope", "no bundle nope in"),
        ("../elsewhere", "is not a bundle version"),
        ("CURRENT", "is not a bundle version"),
        ("", "give"),
    ],
)
def test_an_unknown_version_is_refused_and_current_stays(
    artifacts: Path, capsys: pytest.CaptureFixture[str], version: str, message: str
) -> None:
    old = current(artifacts)
    assert main(["promote", "--version", version, "--artifacts-dir", str(artifacts)]) == 2
    assert message in capsys.readouterr().err
    assert current(artifacts) == old


def test_check_says_the_live_bundle_loads(
    artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--artifacts-dir", str(artifacts)]) == 0
    assert f"Live bundle {current(artifacts)}: loads" in capsys.readouterr().out


def test_open_without_current_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match=r"no CURRENT file\)\. Run `python -m model_training"):
        open_bundle(tmp_path)


def test_current_version_is_none_without_a_current_file(tmp_path: Path) -> None:
    assert current_version(tmp_path) is None
    assert list_versions(tmp_path / "absent") == []


def test_a_hidden_or_unfinished_folder_is_not_a_version(artifacts: Path) -> None:
    old = current(artifacts)
    (artifacts / f".tmp-{old}-x").mkdir()
    (artifacts / "half-written").mkdir()  # no metadata.json yet
    assert list_versions(artifacts) == [old, f"{old}-next"]
