"""The one settings factory of the tests: a fresh database, and the session bundle if asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scoring_api.config import Settings

PSEUDONYM_KEY = "p" * 40
DATABASE_FILE = "scoring.sqlite3"


def make_settings(tmp_path: Path, data_dir: Path | None = None, **overrides: Any) -> Settings:
    """Return test settings: a database under ``tmp_path``; with ``data_dir``, its bundle.

    A server on a bundle (one that scores) gets limits no test meets unless it sets its own.
    The real environment is not read.
    """
    values: dict[str, Any] = {
        "app_env": "test",
        "database_url": f"sqlite:///{tmp_path / DATABASE_FILE}",
        "pseudonym_key": PSEUDONYM_KEY,
    }
    if data_dir is not None:
        values |= {
            "data_dir": data_dir,
            "artifacts_dir": data_dir / "artifacts",
            "ratelimit_default": "100000 per minute",
            "ratelimit_score_cost": "100000000 per minute",
            "max_batch": 50,
            "max_body_bytes": 200_000,
        }
    values.update(overrides)
    return Settings.from_env(values, environ={})
