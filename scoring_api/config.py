"""One configuration object, from the environment with named defaults (docs/operations.md).

``Settings`` declares every setting once (name, type, default); ``Settings.from_env`` reads the
upper-case variables of the same names through pydantic-settings and validates them, so a bad
value stops the server with a message naming the variable and its fix.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, get_type_hints

from pydantic import ValidationError, create_model, field_validator, model_validator
from pydantic.dataclasses import dataclass
from pydantic_settings import BaseSettings, EnvSettingsSource, SettingsConfigDict
from pydantic_settings.sources.utils import parse_env_vars

from model_training.loan_terms import DEFAULT_ANNUAL_RATE
from model_training.monitoring.indicators import DEFAULT_THRESHOLDS as LEVELS
from model_training.monitoring.indicators import INDICATOR_NAMES, Threshold
from scoring_api.errors import ConfigurationError
from scoring_api.mapped_tables import default_map_dir

MIN_SECRET_LENGTH = 32
APP_ENVS = ("demo", "production", "test")
LOG_FORMATS = ("", "json", "text")  # empty: json under gunicorn, text for `python app.py`
HEROKU_POSTGRES = "postgres://"  # Heroku's old scheme, which SQLAlchemy no longer reads
DEMO_LETTER_CONTACT = (
    "Prêt à dépenser, service clients (démo) : 01 23 45 67 89, clients@pret-a-depenser.example"
)
MAX_LETTER_CONTACT = 300  # characters: one line of the letter
ALERT_WINDOWS = ("day", "week")  # MONITORING_ALERT_WINDOW: the Prometheus gauges' window


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
    letter_contact: str = DEMO_LETTER_CONTACT  # whom a decision letter tells the client to contact
    offer_min_amount: float = 45_000.0  # counter-offers: the product's smallest credit
    offer_max_amount: float = 4_050_000.0  # counter-offers: the product's largest credit
    offer_amount_step: float = 1_000.0  # counter-offers: amounts offered are multiples of this
    offer_min_term_months: int = 6  # counter-offers: shortest term
    offer_max_term_months: int = 60  # counter-offers: longest term
    offer_max_instalment_to_income: float = 0.0  # counter-offers: instalment ceiling (0: none)
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
    bundle_mapped_tables: bool = True  # large tables mapped from Arrow copies, shared by workers
    bundle_map_dir: str = ""  # where those copies are written (empty: ARTIFACTS_DIR/.mapped)
    bundle_max_download_bytes: int = 1 << 30  # fetch-bundle: the archive as downloaded
    bundle_max_unpacked_bytes: int = 2 << 30  # fetch-bundle: the archive once decompressed
    bundle_fetch_seconds: float = 600.0  # fetch-bundle: download and unpack, all told
    audit_flush_seconds: float = 0.5  # audit rows reach the database within this delay (0: at once)
    events_retention_days: int = 730  # scoring events older than this are purged (purge-events)
    monitoring_min_events: int = 100  # a window with fewer events has unknown indicators
    monitoring_alert_window: str = "day"  # day | week: the window of the Prometheus gauges
    # Each indicator's warn and alert levels (model_training.monitoring.indicators).
    monitoring_score_psi_warn: float = LEVELS["score_psi"].warn
    monitoring_score_psi_alert: float = LEVELS["score_psi"].alert
    monitoring_feature_psi_max_warn: float = LEVELS["feature_psi_max"].warn
    monitoring_feature_psi_max_alert: float = LEVELS["feature_psi_max"].alert
    monitoring_approval_rate_shift_warn: float = LEVELS["approval_rate_shift"].warn
    monitoring_approval_rate_shift_alert: float = LEVELS["approval_rate_shift"].alert
    monitoring_expected_cost_ratio_warn: float = LEVELS["expected_cost_ratio"].warn
    monitoring_expected_cost_ratio_alert: float = LEVELS["expected_cost_ratio"].alert
    monitoring_gini_drop_warn: float = LEVELS["gini_drop"].warn
    monitoring_gini_drop_alert: float = LEVELS["gini_drop"].alert
    monitoring_calibration_gap_warn: float = LEVELS["calibration_gap"].warn
    monitoring_calibration_gap_alert: float = LEVELS["calibration_gap"].alert
    monitoring_approval_ratio_drop_warn: float = LEVELS["approval_ratio_drop"].warn
    monitoring_approval_ratio_drop_alert: float = LEVELS["approval_ratio_drop"].alert
    shadow_scoring: bool = True  # score served scores with the CHALLENGER bundle too, if set
    shadow_queue_size: int = 1000  # shadow jobs a worker holds waiting (more: dropped, counted)
    log_format: str = ""  # json | text; empty: json under gunicorn, text for `python app.py`
    log_level: str = "info"
    metrics_token: str = ""  # bearer token of /metrics (empty: admins only)

    @field_validator("app_env")
    @classmethod
    def _known_app_env(cls, value: str) -> str:
        if value not in APP_ENVS:
            raise ValueError(f"APP_ENV must be demo, production or test, got {value!r}.")
        return value

    @field_validator("database_url")
    @classmethod
    def _sqlalchemy_scheme(cls, value: str) -> str:
        if value.startswith(HEROKU_POSTGRES):
            return "postgresql+psycopg://" + value.removeprefix(HEROKU_POSTGRES)
        return value

    @field_validator("loan_annual_rate")
    @classmethod
    def _yearly_rate(cls, value: float) -> float:
        if not 0 <= value < 1:
            raise ValueError(
                "LOAN_ANNUAL_RATE must be a yearly rate from 0 to 1 (0.16 for 16 %), "
                f"got {value!r}."
            )
        return value

    @field_validator("letter_contact")
    @classmethod
    def _contact_line(cls, value: str) -> str:
        if not value.strip() or len(value) > MAX_LETTER_CONTACT:
            raise ValueError(
                "LETTER_CONTACT must name whom to contact (a phone, an address), "
                f"1 to {MAX_LETTER_CONTACT} characters, got {len(value)}."
            )
        return value.strip()

    @field_validator("offer_min_amount", "offer_amount_step", "offer_min_term_months")
    @classmethod
    def _above_zero(cls, value: float) -> float:
        if not value > 0:
            raise ValueError(f"must be above 0, got {value!r}.")
        return value

    @field_validator("events_retention_days")
    @classmethod
    def _retention_days(cls, value: int) -> int:
        if not 1 <= value <= 36_500:
            raise ValueError(f"EVENTS_RETENTION_DAYS must be from 1 to 36500, got {value!r}.")
        return value

    @field_validator("monitoring_min_events")
    @classmethod
    def _min_events(cls, value: int) -> int:
        if value < 0:
            raise ValueError(f"MONITORING_MIN_EVENTS must be 0 or more, got {value!r}.")
        return value

    @field_validator("monitoring_alert_window")
    @classmethod
    def _alert_window(cls, value: str) -> str:
        if value not in ALERT_WINDOWS:
            raise ValueError(f"MONITORING_ALERT_WINDOW must be day or week, got {value!r}.")
        return value

    @model_validator(mode="after")
    def _monitoring_levels(self) -> Settings:
        for name, threshold in self.monitoring_thresholds().items():
            problem = threshold.problem()
            if problem is not None:
                variable = f"MONITORING_{name.upper()}"
                raise ValueError(f"{variable}_WARN and {variable}_ALERT: {problem}.")
        return self

    def monitoring_thresholds(self) -> dict[str, Threshold]:
        """Return each monitoring indicator's warn and alert levels, in the indicators' order."""
        return {
            name: replace(
                LEVELS[name],
                warn=getattr(self, f"monitoring_{name}_warn"),
                alert=getattr(self, f"monitoring_{name}_alert"),
            )
            for name in INDICATOR_NAMES
        }

    @field_validator("shadow_queue_size")
    @classmethod
    def _shadow_queue_size(cls, value: int) -> int:
        if not 1 <= value <= 100_000:
            raise ValueError(f"SHADOW_QUEUE_SIZE must be from 1 to 100000, got {value!r}.")
        return value

    @field_validator("offer_max_instalment_to_income")
    @classmethod
    def _share_of_income(cls, value: float) -> float:
        if not 0 <= value <= 1:
            raise ValueError(
                "OFFER_MAX_INSTALMENT_TO_INCOME must be a share from 0 to 1 (0.35 for 35 %; "
                f"0: no ceiling), got {value!r}."
            )
        return value

    @model_validator(mode="after")
    def _offer_ranges(self) -> Settings:
        if self.offer_max_amount < self.offer_min_amount:
            raise ValueError(
                "OFFER_MAX_AMOUNT must be at least OFFER_MIN_AMOUNT, got "
                f"{self.offer_max_amount!r} < {self.offer_min_amount!r}."
            )
        if self.offer_max_term_months < self.offer_min_term_months:
            raise ValueError(
                "OFFER_MAX_TERM_MONTHS must be at least OFFER_MIN_TERM_MONTHS, got "
                f"{self.offer_max_term_months!r} < {self.offer_min_term_months!r}."
            )
        return self

    @field_validator("score_explain_cost", "login_free_failures", "login_max_delay_seconds")
    @classmethod
    def _at_least_one(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"must be at least 1, got {value}.")
        return value

    @field_validator("request_read_seconds")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(f"must be above 0, got {value!r}.")
        return value

    @field_validator("log_format")
    @classmethod
    def _known_log_format(cls, value: str) -> str:
        if value not in LOG_FORMATS:
            raise ValueError(f"LOG_FORMAT must be json or text, got {value!r}.")
        return value

    @property
    def map_dir(self) -> Path | None:
        """Return the folder of mapped bundle tables, or None when BUNDLE_MAPPED_TABLES is off."""
        if not self.bundle_mapped_tables:
            return None
        return (
            Path(self.bundle_map_dir)
            if self.bundle_map_dir
            else default_map_dir(self.artifacts_dir)
        )

    @property
    def is_production(self) -> bool:
        """Tell whether the server runs in production mode (strict secrets, secure cookies)."""
        return self.app_env == "production"

    @classmethod
    def from_env(
        cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Build the settings from environment variables (upper-case names), then overrides.

        ``environ`` replaces ``os.environ`` (tests pass their own).
        """
        variables = read_variables(environ)
        try:
            settings = cls(**{**variables, **(overrides or {})})
        except ValidationError as exc:
            raise ConfigurationError(explain(exc, variables)) from None
        return settings.checked()

    def checked(self) -> Settings:
        """Fill demo secrets, refuse weak or missing ones in production."""
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


class _Variables(BaseSettings):
    """pydantic-settings' reading of variables: any case, empty ones unset, no .env file."""

    model_config = SettingsConfigDict(case_sensitive=False, env_ignore_empty=True, extra="ignore")


class _MappingSource(EnvSettingsSource):
    """pydantic-settings' environment source over a given mapping instead of ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self._environ, self.case_sensitive, self.env_ignore_empty)


@functools.cache
def variables_model() -> type[BaseSettings]:
    """Return the pydantic-settings model of the variables: one per setting, upper-case."""
    types = get_type_hints(Settings)
    variables: dict[str, Any] = {f.name: (types[f.name], f.default) for f in fields(Settings)}
    return create_model("EnvironmentVariables", __base__=_Variables, **variables)


def read_variables(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the raw values of the settings' variables that are set (``os.environ`` if None)."""
    return _MappingSource(variables_model(), os.environ if environ is None else environ)()


def explain(error: ValidationError, variables: Mapping[str, Any]) -> str:
    """Return one sentence per invalid setting, naming its variable, the value and the fix."""
    sentences = []
    for problem in error.errors(include_url=False):
        name = str(problem["loc"][0]) if problem["loc"] else "?"
        variable = name.upper()
        cause = problem.get("ctx", {}).get("error")
        whole = not problem["loc"]  # a check across settings names its own variables
        if isinstance(cause, ValueError) and (whole or str(cause).startswith(variable)):
            sentences.append(str(cause))
            continue
        reason = str(cause) if cause is not None else problem["msg"].rstrip(".") + "."
        source = "environment" if name in variables else "configuration"
        default = getattr(Settings, name, None)
        sentences.append(
            f"{variable}={problem['input']!r} ({source}) is not valid: {reason} "
            f"Fix {variable}, or unset it for the default {default!r}."
        )
    return " ".join(sentences)
