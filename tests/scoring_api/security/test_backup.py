"""``python -m scoring_api backup``: a checked, owner-only copy of the SQLite database."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scoring_api.cli import main
from scoring_api.security.backup import backup_database


def key_names(path: Path) -> list[str]:
    """Return the API key names stored in a SQLite file."""
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM api_keys ORDER BY id")]


def test_backup_copies_every_table_into_an_owner_only_file(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "backups" / "scoring-1.sqlite3"
    counts = backup_database(database_url, out)
    assert counts["api_keys"] == 2
    assert counts["audit_events"] == 0
    assert key_names(out) == ["first", "second"]
    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["scoring-1.sqlite3"]  # no temp file left


def test_backup_command_prints_the_row_counts(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("APP_ENV", "test")
    out = tmp_path / "copy.sqlite3"
    assert main(["backup", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"Backed up the database to {out} (")
    assert "api_keys 2" in printed
    assert key_names(out) == ["first", "second"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://u@localhost/scoring", "For PostgreSQL run pg_dump"),
        ("sqlite:///{tmp}/absent.sqlite3", "No database file at"),
        ("sqlite://", "in-memory"),
    ],
)
def test_backup_refuses_what_it_cannot_copy(tmp_path: Path, url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        backup_database(url.format(tmp=tmp_path), tmp_path / "out.sqlite3")
    assert not (tmp_path / "out.sqlite3").exists()


def test_backup_never_overwrites_a_file(database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "kept.sqlite3"
    out.write_text("an older backup", encoding="utf-8")
    with pytest.raises(ValueError, match="exists already"):
        backup_database(database_url, out)
    assert out.read_text(encoding="utf-8") == "an older backup"
