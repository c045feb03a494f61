"""Query and response models of the monitoring route, for validation and the OpenAPI document."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring_api.schemas import Strict

MAX_RANGE_DAYS = 400  # days a monitoring request may cover


def range_problem(start: datetime.date, end: datetime.date) -> str | None:
    """Return why a range of days cannot be asked (reversed, too long), or None."""
    if start > end:
        return "'from' must not be after 'to'"
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        return f"the range covers at most {MAX_RANGE_DAYS} days"
    return None


class MonitoringQuery(Strict):
    """Window length and the days covered (both included, UTC; defaults: 12 windows to today)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    window: Literal["day", "week", "month"] = "week"
    start: datetime.date | None = Field(None, alias="from", description="first day, YYYY-MM-DD")
    end: datetime.date | None = Field(None, alias="to", description="last day, YYYY-MM-DD")

    @model_validator(mode="after")
    def _ordered_range(self) -> MonitoringQuery:
        if self.start is not None and self.end is not None:
            problem = range_problem(self.start, self.end)
            if problem is not None:
                raise ValueError(problem)
        return self


class Indicator(BaseModel):
    """One indicator of a window: its value, status and levels."""

    name: str
    value: float | None
    status: Literal["ok", "warn", "alert", "unknown"]
    warn: float
    alert: float


class ThresholdLevels(BaseModel):
    """An indicator's warn and alert levels and which side is worse."""

    warn: float
    alert: float
    direction: Literal["above", "below"]


class MonitoringWindow(BaseModel):
    """One window of the champion's served scores: statistics and indicators (end excluded)."""

    start: datetime.date
    end: datetime.date
    statistics: dict[str, Any]
    indicators: list[Indicator]


class ChallengerWindow(BaseModel):
    """One window of the challenger's shadow scores, compared with the champion's."""

    start: datetime.date
    end: datetime.date
    n: int
    approval_rate: float | None
    expected_cost: float | None
    score_psi: float | None
    agreement: float | None
    mean_probability_gap: float | None
    auc: float | None
    champion_auc: float | None


class ChallengerReport(BaseModel):
    """The challenger's version and windows."""

    model_version: str
    windows: list[ChallengerWindow]


class MonitoringReport(BaseModel):
    """The champion's monitoring windows, thresholds, latest window and the challenger's."""

    model_config = ConfigDict(populate_by_name=True)

    model_version: str
    window: Literal["day", "week", "month"]
    start: datetime.date = Field(alias="from")
    end: datetime.date = Field(alias="to")
    has_reference: bool
    thresholds: dict[str, ThresholdLevels]
    windows: list[MonitoringWindow]
    latest: MonitoringWindow | None
    challenger: ChallengerReport | None
