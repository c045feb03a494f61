"""The command line: help for every command, clear errors, real runs end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from model_training.cli import build_parser, main
from model_training.data.loader import validate_data_dir
from model_training.data.synth import generate_dataset

COMMANDS = ("synth", "validate", "features", "train", "evaluate", "score", "build", "check")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--data-dir" in out or "--artifacts-dir" in out or command == "synth"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["synth", "--out", "x"], "give --applications N, --scale X or --full"),
        (["synth", "--applications", "0", "--out", "x"], "between 1 and"),
    ],
)
def test_bad_synth_arguments_exit_2_with_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert message in err
    assert "Traceback" not in err


def test_parser_defaults_come_from_configuration() -> None:
    args = build_parser().parse_args(["synth", "--applications", "10"])
    assert (args.format, args.full) == ("csv", False)


def test_synth_then_validate_as_a_user_runs_them(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "model_training"]
    synth = subprocess.run(
        [*run, "synth", "--applications", "120", "--out", str(tmp_path), "--seed", "4"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert synth.returncode == 0, synth.stderr
    assert f"Wrote synthetic Home Credit data to {tmp_path}" in synth.stdout
    assert "application_train.csv" in synth.stdout
    validate = subprocess.run(
        [*run, "validate", "--data-dir", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert validate.returncode == 0, validate.stderr
    assert (tmp_path / "validated" / "application_train.parquet").exists()
    assert (tmp_path / "validated" / "fingerprint.json").exists()


def test_generated_parquet_data_validates(tmp_path: Path) -> None:
    generate_dataset(100, tmp_path, seed=9, file_format="parquet", show_progress=False)
    report = validate_data_dir(tmp_path)
    assert "application_train" in report.summary()
    assert (tmp_path / "validated" / "bureau_balance.parquet").exists()
