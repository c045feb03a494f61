"""One configuration object, from the environment with named defaults (README: Configuration)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from model_training.loan_terms import DEFAULT_ANNUAL_RATE
from scoring_api.errors import ConfigurationError

MIN_SECRET_LENGTH = 32
APP_ENVS = ("demo", "production", "test")


@dataclass(frozen=True)
class Settings:
    """Every setting of the server; ``from_env`` reads the environment, tests override."""

    app_env: str = "demo"  # demo | production | test
    host: str = "127.0.0.1"
    port: int = 8050
    secret_key: str = ""
    pseudonym_key: str = ""
    database_url: str = "sqlite:///data/scoring.sqlite3"
    data_dir: Path = Path("data/demo")
    artifacts_dir: Path = Path("data/artifacts")
    api_url: str = ""
    dashboard: bool = True  # mount the Dash dashboard on this server (False: API only)
    proxy_fix: int = 0  # proxies in front setting X-Forwarded-For/-Proto (Heroku: 1; 0: none)
    language: str = "fr"
    loan_annual_rate: float = DEFAULT_ANNUAL_RATE  # interest assumed from a term to an instalment
    ratelimit_default: str = "600 per minute"
    ratelimit_storage_uri: str = "memory://"
    ratelimit_login: str = "10 per minute"  # sign-in attempts per remote address
    ratelimit_score_cost: str = "10000 per minute"  # rows scored per identity (POST score)
    score_explain_cost: int = 5  # rows an explained row counts in that budget
    score_heavy_cost: int = 500  # a request costing this many rows or more is heavy
    score_heavy_slots: int = 1  # heavy requests a worker runs at a time (more: 429)
    login_free_failures: int = 5  # sign-ins per account before each waits (security/throttle.py)
    login_max_delay_seconds: int = 300  # longest wait between sign-ins of one account
    login_failure_window_seconds: int = 3600  # an account's failures are forgotten after this
    max_batch: int = 1000
    max_body_bytes: int = 2_000_000
    request_read_seconds: float = 10.0  # from a request's first byte to its last (else 408)
    request_buffer_bytes: int = 67_108_864  # request bytes a worker holds unfinished (else 503)
    session_minutes: int = 30
    bundle_check_seconds: float = 1.0
    bundle_max_download_bytes: int = 1 << 30  # fetch-bundle: the archive as downloaded
    bundle_max_unpacked_bytes: int = 2 << 30  # fetch-bundle: the archive once decompressed
    bundle_fetch_seconds: float = 600.0  # fetch-bundle: download and unpack, all told
    audit_flush_seconds: float = 0.5  # audit rows reach the database within this delay (0: at once)
    log_format: str = ""  # json | text; empty: json under gunicorn, text for `python app.py`
    log_level: str = "info"
    metrics_token: str = ""  # bearer token of /metrics (empty: admins only)

    @property
    def is_production(self) -> bool:
        """Tell whether the server runs in production mode (strict secrets, secure cookies)."""
        return self.app_env == "production"

    @classmethod
    def from_env(
        cls, overrides: Mapping[str, object] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Build the settings from environment variables (upper-case names), then overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in fields(cls):
            raw = env.get(field.name.upper())
            if raw is not None and raw != "":
                values[field.name] = _convert(field.name, raw, getattr(cls, field.name, None))
        settings = replace(cls(), **{**values, **(overrides or {})})
        return settings.checked()

    def checked(self) -> Settings:
        """Fill demo secrets, refuse weak or missing ones in production."""
        if self.app_env not in APP_ENVS:
            raise ConfigurationError(
                f"APP_ENV must be demo, production or test, got {self.app_env!r}."
            )
        if not 0 <= self.loan_annual_rate < 1:
            raise ConfigurationError(
                f"LOAN_ANNUAL_RATE must be a yearly rate from 0 to 1 (0.16 for 16 %), "
                f"got {self.loan_annual_rate!r}."
            )
        if self.score_explain_cost < 1 or self.request_read_seconds <= 0:
            raise ConfigurationError(
                "SCORE_EXPLAIN_COST must be at least 1 and REQUEST_READ_SECONDS above 0, got "
                f"{self.score_explain_cost!r} and {self.request_read_seconds!r}."
            )
        if self.login_free_failures < 1 or self.login_max_delay_seconds < 1:
            raise ConfigurationError(
                "LOGIN_FREE_FAILURES and LOGIN_MAX_DELAY_SECONDS must be at least 1, got "
                f"{self.login_free_failures} and {self.login_max_delay_seconds}."
            )
        if self.log_format not in ("", "json", "text"):
            raise ConfigurationError(f"LOG_FORMAT must be json or text, got {self.log_format!r}.")
        if self.is_production:
            for name in ("secret_key", "pseudonym_key"):
                value = getattr(self, name)
                if len(value) < MIN_SECRET_LENGTH:
                    raise ConfigurationError(
                        f"{name.upper()} must be set to a random value of at least "
                        f"{MIN_SECRET_LENGTH} characters in production (got {len(value)})."
                    )
            if 0 < len(self.metrics_token) < MIN_SECRET_LENGTH:
                raise ConfigurationError(
                    f"METRICS_TOKEN must be a random value of at least {MIN_SECRET_LENGTH} "
                    f"characters in production (got {len(self.metrics_token)}), or unset."
                )
            return self
        # Demo and test: random per-process secrets unless given (sessions end at restart).
        return replace(
            self,
            secret_key=self.secret_key or secrets.token_urlsafe(48),
            pseudonym_key=self.pseudonym_key or secrets.token_urlsafe(48),
        )


def _convert(name: str, raw: str, default: object) -> object:
    """Convert an environment string to the type of the field's default."""
    try:
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Path):
            return Path(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name.upper()}={raw!r} is not a valid value: {exc}") from exc
    if name == "database_url" and raw.startswith("postgres://"):  # Heroku's old scheme
        return "postgresql+psycopg://" + raw.removeprefix("postgres://")
    return raw
