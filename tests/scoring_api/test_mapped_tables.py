"""Mapped bundle tables: the same answers as Parquet, copies written once and atomically, shared
pages between processes, and a clear error (the previous bundle kept live) for a bad copy."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from model_training.bundle import EXPLANATIONS, FEATURES, SCORES, open_bundle, set_current
from model_training.errors import BundleError
from scoring_api import mapped_tables
from scoring_api.bundle_store import BundleStore, ServingBundle, load_serving_bundle
from scoring_api.config import Settings
from scoring_api.mapped_tables import (
    MAP_SUBDIR,
    MAPPED_TABLES,
    ensure_mapped,
    mapped_path,
    read_mapped,
)
from scoring_api.services.applications import score_applications
from scoring_api.services.explanation import explain_stored_client
from scoring_api.services.scoring import score_stored_client, stored_applications
from scoring_api.services.stored import column_matrix, store_column, stored_groups
from tests.reliability.server import clone_bundle, copy_artifacts

TABLES = {"scores": SCORES, "store": FEATURES, "explanations": EXPLANATIONS}


@pytest.fixture(scope="module")
def artifacts(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the session's bundles (the copies are written beside them)."""
    return copy_artifacts(data_dir / "artifacts", tmp_path_factory.mktemp("mapped") / "a")


@pytest.fixture(scope="module")
def pair(artifacts: Path) -> tuple[ServingBundle, ServingBundle]:
    """Return the live bundle read from Parquet and the same bundle mapped."""
    version = (artifacts / "CURRENT").read_text().strip()
    return (
        load_serving_bundle(artifacts, version),
        load_serving_bundle(artifacts, version, artifacts / MAP_SUBDIR),
    )


@pytest.mark.parametrize("attribute", sorted(TABLES))
def test_a_mapped_table_equals_its_parquet_table(
    pair: tuple[ServingBundle, ServingBundle], attribute: str
) -> None:
    parquet, mapped = pair
    assert mapped.mapped, "the copies were not written"
    pd.testing.assert_frame_equal(getattr(mapped, attribute), getattr(parquet, attribute))


def test_numeric_store_columns_are_read_only_views_of_the_mapped_file(
    pair: tuple[ServingBundle, ServingBundle],
) -> None:
    parquet, mapped = pair
    for name, values in mapped.numeric_store.items():
        np.testing.assert_array_equal(values, parquet.numeric_store[name], err_msg=name)
        assert not values.flags.writeable, name
    floats = [n for n, v in mapped.numeric_store.items() if v.dtype == np.float64]
    assert not mapped.numeric_store[floats[0]].flags.owndata  # a view, not a private copy


def test_stored_application_fields_equal_those_read_from_parquet(
    pair: tuple[ServingBundle, ServingBundle],
) -> None:
    parquet, mapped = pair
    expected, found = stored_applications(parquet), stored_applications(mapped)
    np.testing.assert_array_equal(found.client_ids, expected.client_ids)
    assert list(found.columns) == list(expected.columns)
    for name, values in found.columns.items():
        np.testing.assert_array_equal(values, expected.columns[name], err_msg=name)


def test_stored_application_numbers_are_views_of_the_mapped_file(
    pair: tuple[ServingBundle, ServingBundle],
) -> None:
    numbers = [v for v in stored_applications(pair[1]).columns.values() if v.dtype != object]
    assert numbers
    assert not any(values.flags.owndata for values in numbers)


def test_reason_groups_are_a_view_of_the_mapped_explanations(
    pair: tuple[ServingBundle, ServingBundle],
) -> None:
    parquet, mapped = pair
    groups = stored_groups(mapped)
    np.testing.assert_array_equal(groups, stored_groups(parquet))
    assert groups.base is not None
    assert not groups.flags.writeable


def test_columns_that_do_not_lie_at_equal_steps_are_copied() -> None:
    apart = [np.arange(4.0), np.arange(4.0) + 10]
    np.testing.assert_array_equal(column_matrix(apart), np.column_stack(apart))
    block = np.arange(12.0).reshape(3, 4)
    block.flags.writeable = False
    matrix = column_matrix(list(block))  # rows of one block: equal steps, no copy
    np.testing.assert_array_equal(matrix, block.T)
    assert np.shares_memory(matrix, block)


def test_a_text_store_column_shares_one_string_a_level(
    pair: tuple[ServingBundle, ServingBundle],
) -> None:
    parquet, mapped = pair
    name = next(n for n in mapped.categorical if n in mapped.store)
    values = store_column(mapped, name)
    expected = parquet.store[name].to_numpy()
    assert values.dtype == object
    pd.testing.assert_series_equal(pd.Series(values), pd.Series(expected))
    present = [v for v in values if isinstance(v, str)]
    assert len({id(v) for v in present}) == len(set(present))


def test_score_explanation_and_what_if_answer_the_same_mapped(
    pair: tuple[ServingBundle, ServingBundle],
) -> None:
    parquet, mapped = pair
    ids = [int(i) for i in parquet.client_ids[:: max(1, len(parquet.client_ids) // 7)]]
    for client_id in ids:
        assert score_stored_client(mapped, client_id) == score_stored_client(parquet, client_id)
        assert explain_stored_client(mapped, client_id, 10, "en") == explain_stored_client(
            parquet, client_id, 10, "en"
        )
    what_if = [{"SK_ID_CURR": i, "AMT_CREDIT": 250_000.0} for i in ids] + [{"AMT_CREDIT": 1e5}]
    assert score_applications(mapped, what_if, explain=True) == score_applications(
        parquet, what_if, explain=True
    )


def test_copies_are_written_once_and_leave_no_temporary_file(
    artifacts: Path, tmp_path: Path
) -> None:
    bundle = open_bundle(artifacts)
    paths = ensure_mapped(tmp_path, bundle, MAPPED_TABLES)
    written = {name: path.stat().st_mtime_ns for name, path in paths.items()}
    assert ensure_mapped(tmp_path, bundle, MAPPED_TABLES) == paths
    assert {name: path.stat().st_mtime_ns for name, path in paths.items()} == written
    names = sorted(p.name for p in (tmp_path / bundle.version).iterdir())
    assert names == sorted([".lock", *(p.name for p in paths.values())])


def test_racing_loaders_write_each_copy_once(
    artifacts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = open_bundle(artifacts)
    writes: list[str] = []
    real_write = mapped_tables.write_mapped

    def counted(bundle_: object, name: str, path: Path) -> None:
        writes.append(name)
        real_write(bundle, name, path)

    monkeypatch.setattr(mapped_tables, "write_mapped", counted)
    racers = [
        threading.Thread(target=ensure_mapped, args=(tmp_path, bundle, MAPPED_TABLES))
        for _ in range(4)
    ]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert sorted(writes) == sorted(name for name in MAPPED_TABLES if bundle.has_table(name))


def test_a_failed_write_leaves_neither_a_copy_nor_a_temporary_file(
    artifacts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = open_bundle(artifacts)

    def broken_writer(*args: object, **kwargs: object) -> None:
        raise OSError("No space left on device")

    (tmp_path / bundle.version).mkdir()
    monkeypatch.setattr(pa.ipc, "new_file", broken_writer)
    with pytest.raises(OSError, match="No space left"):
        mapped_tables.write_mapped(bundle, SCORES, mapped_path(tmp_path, bundle, SCORES))
    assert list((tmp_path / bundle.version).iterdir()) == []


def test_a_bundle_without_copies_still_serves_when_they_cannot_be_written(
    artifacts: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    version = (artifacts / "CURRENT").read_text().strip()
    bundle = load_serving_bundle(artifacts, version, blocked / "maps")
    assert bundle.mapped == {}
    client_id = int(bundle.client_ids[0])
    assert score_stored_client(bundle, client_id)["model_version"] == version


def test_a_truncated_copy_is_a_clear_error_and_the_live_bundle_stays(
    artifacts: Path, tmp_path: Path
) -> None:
    own = copy_artifacts(artifacts, tmp_path / "artifacts")
    maps = tmp_path / "maps"
    store = BundleStore(own, check_seconds=0, map_dir=maps)
    live = store.get().version
    new = clone_bundle(own, f"{live}-b")
    copy = ensure_mapped(maps, open_bundle(own, new.name), MAPPED_TABLES)[FEATURES]
    copy.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])
    with pytest.raises(BundleError, match=f"the mapped copy {copy} of table features"):
        read_mapped(copy, open_bundle(own, new.name), FEATURES)
    set_current(own, new.name)
    assert store.get().version == live
    problem = store.status()["problem"]
    assert problem.startswith(f"bundle {new.name} could not be loaded")
    assert "Remove it: the server writes it again" in problem


def test_a_promoted_bundle_is_served_mapped(artifacts: Path, tmp_path: Path) -> None:
    own = copy_artifacts(artifacts, tmp_path / "artifacts")
    maps = tmp_path / "maps"
    store = BundleStore(own, check_seconds=0, map_dir=maps)
    live = store.get()
    new = clone_bundle(own, f"{live.version}-b")
    set_current(own, new.name)
    promoted = store.get()
    assert promoted.version == new.name
    assert set(promoted.mapped) == set(live.mapped)
    assert all(path.parent == maps / new.name for path in promoted.mapped.values())


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"ARTIFACTS_DIR": "/srv/a"}, Path("/srv/a") / MAP_SUBDIR),
        ({"ARTIFACTS_DIR": "/srv/a", "BUNDLE_MAP_DIR": "/tmp/m"}, Path("/tmp/m")),
        ({"BUNDLE_MAPPED_TABLES": "false"}, None),
    ],
)
def test_map_dir_follows_the_settings(variables: dict[str, str], expected: Path | None) -> None:
    assert Settings.from_env(environ=variables).map_dir == expected


SHARED_CHECK = """
import sys, pyarrow as pa
table = pa.ipc.open_file(pa.memory_map(sys.argv[1])).read_all()
total = sum(int(c.to_numpy().sum() > -1) for c in table.columns)  # touch every page
print("ready", flush=True)
sys.stdin.readline()
"""


def _shared_kb(pid: int, path: Path) -> int:
    """Return the shared kB (clean or not yet written back) of a process's mappings of ``path``."""
    shared, inside = 0, False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if "-" in line.split(" ", 1)[0] and ":" not in line.split(" ", 1)[0]:
            inside = line.rstrip().endswith(str(path))
        elif inside and line.startswith(("Shared_Clean:", "Shared_Dirty:")):
            shared += int(line.split()[1])
    return shared


@pytest.mark.skipif(not Path("/proc/self/smaps").is_file(), reason="needs Linux /proc smaps")
def test_two_processes_share_the_pages_of_a_mapped_copy(tmp_path: Path) -> None:
    path = tmp_path / "shared.arrow"
    table = pa.table({"x": np.arange(1 << 20, dtype=np.float64)})  # 8 MiB
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", SHARED_CHECK, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for reader in readers:
            assert reader.stdout is not None
            assert reader.stdout.readline().strip() == "ready"
        shared = [_shared_kb(reader.pid, path) for reader in readers]
    finally:
        for reader in readers:
            reader.communicate("\n", timeout=30)
    assert all(kb >= 4 * 1024 for kb in shared), shared  # most of the 8 MiB, in both
