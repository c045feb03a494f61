"""The bundle swap: while one thread loads a new bundle, the others keep serving the live one."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from model_training.bundle import set_current
from scoring_api import bundle_store
from scoring_api.bundle_store import BundleStore, ServingBundle
from scoring_api.errors import ApiError
from tests.reliability.server import clone_bundle, copy_artifacts, wait_until

WAIT_SECONDS = 30
READER_SECONDS = 10


def test_requests_keep_the_live_bundle_while_a_new_one_loads(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    store = BundleStore(artifacts, check_seconds=0)
    old = store.get()
    clone_bundle(artifacts, f"{old.version}-next")
    set_current(artifacts, f"{old.version}-next")
    loading, may_finish = threading.Event(), threading.Event()
    real_load = bundle_store.load_serving_bundle

    def slow_load(folder: Path, version: str, map_dir: Path | None) -> ServingBundle:
        loading.set()
        may_finish.wait(WAIT_SECONDS)
        return real_load(folder, version, map_dir)

    monkeypatch.setattr(bundle_store, "load_serving_bundle", slow_load)
    got: dict[str, ServingBundle] = {}
    loader = threading.Thread(target=lambda: got.update(loader=store.get()))
    loader.start()
    assert loading.wait(WAIT_SECONDS)
    reader = threading.Thread(target=lambda: got.update(reader=store.get()))
    reader.start()
    reader.join(READER_SECONDS)  # returns at once (it used to wait for the whole load)
    is_reader_done = not reader.is_alive()
    may_finish.set()
    loader.join(WAIT_SECONDS)
    reader.join(WAIT_SECONDS)
    assert is_reader_done
    assert got["reader"] is old
    assert got["loader"].version == f"{old.version}-next"
    assert store.get() is got["loader"]


def test_a_background_store_loads_the_new_bundle_without_making_a_request_wait(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    store = BundleStore(artifacts, check_seconds=0, is_background=True)
    old = store.get()  # the first load happens in the caller
    new = f"{old.version}-next"
    clone_bundle(artifacts, new)
    set_current(artifacts, new)
    may_finish = threading.Event()
    real_load = bundle_store.load_serving_bundle

    def held_load(folder: Path, version: str, map_dir: Path | None) -> ServingBundle:
        may_finish.wait(WAIT_SECONDS)
        return real_load(folder, version, map_dir)

    monkeypatch.setattr(bundle_store, "load_serving_bundle", held_load)
    during = store.get()  # notices the change, starts the loader, answers at once
    may_finish.set()
    is_swapped = wait_until(lambda: store.get().version == new, WAIT_SECONDS)
    assert during is old
    assert is_swapped
    assert store.status() == {"model_version": new, "current": new, "problem": None}


def test_switching_back_to_the_live_bundle_after_a_broken_one_loads_nothing(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    store = BundleStore(artifacts, check_seconds=0)
    live = store.get()
    (artifacts / "broken").mkdir()
    (artifacts / "CURRENT").write_text("broken\n", encoding="utf-8")
    assert store.get() is live
    loads: list[str] = []
    monkeypatch.setattr(bundle_store, "load_serving_bundle", lambda _d, v: loads.append(v))
    set_current(artifacts, live.version)
    assert store.get() is live
    assert loads == []
    assert store.status() == {
        "model_version": live.version,
        "current": live.version,
        "problem": None,
    }


def test_a_new_worker_facing_a_broken_current_serves_the_newest_bundle_that_loads(
    data_dir: Path, tmp_path: Path
) -> None:
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    good = BundleStore(artifacts).get().version
    broken = f"{good}-z-broken"  # sorts after the good one: it is the newest
    clone_bundle(artifacts, broken)
    (artifacts / broken / "model.cbm").write_bytes(b"not a model")
    set_current(artifacts, broken)
    fresh = BundleStore(artifacts)  # a worker started after the switch
    assert fresh.get().version == good
    status = fresh.status()
    assert status["current"] == broken
    assert status["problem"].startswith(f"bundle {broken} could not be loaded")
    assert status["problem"].endswith(f"serving {good}, the newest bundle that loads")


def test_with_no_bundle_that_loads_the_store_answers_no_model(
    data_dir: Path, tmp_path: Path
) -> None:
    artifacts = copy_artifacts(data_dir / "artifacts", tmp_path / "artifacts")
    good = BundleStore(artifacts).get().version
    (artifacts / good / "model.cbm").write_bytes(b"not a model")
    with pytest.raises(ApiError) as refused:
        BundleStore(artifacts).get()
    assert (refused.value.status, refused.value.code) == (503, "no_model")
