"""synth --scale: Kaggle multiples, proportional tables, and the oracle streamed to its file."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from model_training.cli import main
from model_training.data.synth import applications_for_scale, generate_dataset
from model_training.data.synth import writer as writer_module
from model_training.data.synth.writer import OracleWriter
from model_training.errors import ModelTrainingError


@pytest.mark.parametrize(
    ("scale", "applications"), [(1, 307_511), (10, 3_075_110), (0.01, 3_075), (2.5, 768_778)]
)
def test_scale_is_a_multiple_of_kaggle_train_applications(scale: float, applications: int) -> None:
    assert applications_for_scale(scale) == applications


@pytest.mark.parametrize("scale", [0, -1, 10.5, 1e-7, math.nan, math.inf])
def test_scale_out_of_range_is_refused(scale: float) -> None:
    with pytest.raises(ModelTrainingError, match="--scale must be above 0 and at most 10"):
        applications_for_scale(scale)


def test_scale_through_the_command_line_keeps_kaggle_proportions(tmp_path: Path) -> None:
    out = tmp_path / "scaled"
    assert main(["synth", "--scale", "0.001", "--out", str(out), "--format", "parquet"]) == 0
    rows = {p.stem: pq.read_metadata(p).num_rows for p in out.glob("*.parquet")}
    assert rows["application_train"] == 308
    assert rows["application_test"] == rows["sample_submission"] == round(308 * 48_744 / 307_511)
    # history rows per application, as in Kaggle's files (1.72 M bureau rows, 27.3 M monthly)
    assert 3.0 < rows["bureau"] / 357 < 7.0
    assert 50 < rows["bureau_balance"] / 357 < 110


@pytest.mark.parametrize(
    "argv",
    [
        ["synth", "--scale", "1", "--full", "--out", "x"],
        ["synth", "--scale", "1", "--applications", "5", "--out", "x"],
        ["synth", "--scale", "many", "--out", "x"],
    ],
)
def test_scale_excludes_the_other_sizes(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def _oracle_rows(ids: np.ndarray, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    return pa.table(
        {
            "SK_ID_CURR": ids.astype(np.int64),
            "is_test": rng.random(len(ids)) < 0.15,
            "probability": rng.random(len(ids)),
            "TARGET": (rng.random(len(ids)) < 0.1).astype(np.int64),
        }
    )


def test_oracle_streamed_in_chunks_is_the_file_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "ORACLE_ROW_GROUP", 7)
    chunks = [_oracle_rows(np.arange(start, start + 10)[::-1], start) for start in (1, 11, 21)]
    oracle = OracleWriter(tmp_path / "streamed.parquet")
    for chunk in chunks:
        oracle.append(chunk)
    oracle.close()
    whole = pa.concat_tables(chunks).sort_by("SK_ID_CURR")
    pq.write_table(whole, tmp_path / "whole.parquet", row_group_size=7)
    streamed = tmp_path / "streamed.parquet"
    assert streamed.read_bytes() == (tmp_path / "whole.parquet").read_bytes()
    assert pq.read_metadata(streamed).num_row_groups == 5
    train = whole.filter(pa.compute.invert(whole["is_test"]))
    assert oracle.target_rate == pytest.approx(np.mean(train["TARGET"].to_numpy()))


def test_generated_oracle_is_sorted_and_complete_across_chunks(tmp_path: Path) -> None:
    report = generate_dataset(
        120, tmp_path, seed=5, file_format="parquet", show_progress=False, chunk_clients=50
    )
    oracle = pq.read_table(tmp_path / "_truth" / "oracle.parquet").to_pandas()
    assert oracle["SK_ID_CURR"].is_monotonic_increasing
    assert len(oracle) == 120 + round(120 * 48_744 / 307_511)
    assert report.target_rate == pytest.approx(oracle.loc[~oracle["is_test"], "TARGET"].mean())
