"""Request and response models of the outcomes route, for validation and the OpenAPI document."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, Field, RootModel

from scoring_api.events.outcomes import MAX_CLIENT_ID
from scoring_api.schemas import Strict

MAX_OUTCOMES = 10_000  # items per request (the body's size cap, MAX_BODY_BYTES, applies too)


class OutcomeItem(Strict):
    """One observed outcome: a client, the date it was observed, defaulted (1) or not (0)."""

    SK_ID_CURR: Annotated[int, Field(gt=0, le=MAX_CLIENT_ID, strict=True)]
    outcome_date: datetime.date = Field(description="ISO date, e.g. 2026-11-30")
    defaulted: Annotated[int, Field(ge=0, le=1, strict=True, description="1: defaulted")]


class OutcomesRequest(RootModel[list[OutcomeItem]]):
    """A JSON list of observed outcomes."""

    root: list[OutcomeItem] = Field(min_length=1, max_length=MAX_OUTCOMES)


class OutcomesRecorded(BaseModel):
    """What recording did: new rows, corrected rows, rows already holding that value."""

    inserted: int
    updated: int
    unchanged: int
