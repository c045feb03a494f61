"""``promote``: a checked bundle goes live atomically; a broken or unknown one never does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model_training.cli import main
from scoring_api.bundle_store import BundleStore, load_serving_bundle


def current(artifacts: Path) -> str:
    """Return the version CURRENT names."""
    return (artifacts / "CURRENT").read_text(encoding="utf-8").strip()


@pytest.fixture
def artifacts(data_dir: Path, tmp_path: Path) -> Path:
    """Return an artifacts folder with the session bundle live and a second version beside it."""
    out = tmp_path / "artifacts"
    old = current(data_dir / "artifacts")
    shutil.copytree(data_dir / "artifacts" / old, out / old)
    new = out / f"{old}-next"
    shutil.copytree(out / old, new)
    metadata = json.loads((new / "metadata.json").read_text(encoding="utf-8"))
    metadata["version"] = new.name
    (new / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (out / "CURRENT").write_text(old + "\n", encoding="utf-8")
    return out


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


def break_model(bundle: Path) -> None:
    """Remove the model file."""
    (bundle / "model.cbm").unlink()


def break_features(bundle: Path) -> None:
    """Make metadata.json list other features than the model."""
    metadata = json.loads((bundle / "metadata.json").read_text(encoding="utf-8"))
    metadata["features"] = metadata["features"][1:]
    (bundle / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")


@pytest.mark.parametrize(
    ("breaking", "message"),
    [(break_model, "lacks model.cbm"), (break_features, "do not match metadata.json")],
)
def test_a_broken_bundle_is_refused_and_current_stays(
    artifacts: Path, capsys: pytest.CaptureFixture[str], breaking: object, message: str
) -> None:
    old = current(artifacts)
    breaking(artifacts / f"{old}-next")  # type: ignore[operator]
    assert main(["promote", "--version", f"{old}-next", "--artifacts-dir", str(artifacts)]) == 2
    assert message in capsys.readouterr().err
    assert current(artifacts) == old


@pytest.mark.parametrize(
    ("version", "message"),
    [("nope", "no bundle nope in"), ("../elsewhere", "is not a bundle version"), ("", "give")],
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


def test_a_bundle_of_an_older_format_is_refused_by_check_and_by_the_server(
    artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = current(artifacts)
    path = artifacts / old / "metadata.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    del metadata["bundle_format"]  # as written before reasons were grouped by family
    path.write_text(json.dumps(metadata), encoding="utf-8")
    assert main(["check", "--artifacts-dir", str(artifacts)]) == 2
    assert "has format 1; this code reads format 2" in capsys.readouterr().err
    with pytest.raises(ValueError, match="Rebuild it: python -m model_training build"):
        load_serving_bundle(artifacts, old)
