"""``python -m scoring_api db``: upgrade, current, downgrade, and errors in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring_api.cli import main
from scoring_api.migrations import runner


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point DATABASE_URL at a new SQLite file."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.mark.usefixtures("database_url")
def test_upgrade_current_and_downgrade(capsys: pytest.CaptureFixture[str]) -> None:
    newest = runner.head()
    assert main(["db", "current"]) == 1
    assert main(["db", "upgrade"]) == 0
    assert f"none -> {newest}" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0  # at the newest: nothing to do
    assert f"{newest} -> {newest}" in capsys.readouterr().out
    assert main(["db", "current"]) == 0
    assert main(["db", "downgrade", "0001"]) == 0
    assert "Database schema: 0001." in capsys.readouterr().out
    assert main(["db", "current"]) == 1


@pytest.mark.usefixtures("database_url")
def test_an_unknown_revision_is_an_error_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--revision", "nope"]) == 1
    assert capsys.readouterr().err.strip() == "error: Can't locate revision identified by 'nope'"


def test_an_unreachable_database_is_an_error_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert main(["db", "upgrade"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: (psycopg.OperationalError)")
    assert error.count("\n") == 1
