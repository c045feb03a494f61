"""Request and response models, declared once: validation and the OpenAPI document follow."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from model_training.data.ranges import ValueRange, column_range, sign_hint
from model_training.data.schema import ColumnSpec, table
from model_training.features.catalogue import ADVERSE_VALUE, MISSING_INFORMATION
from model_training.loan_terms import FIELD_DESCRIPTIONS
from model_training.modeling.decision import GRANTED, REFUSED
from scoring_api.offer_schemas import Offers, Outcome

APPLICATION_TABLE = "application_test"  # the fields of an application to score
Lang = Literal["fr", "en"]
Group = Literal["all", "granted", "refused", "similar"]
RiskBandCode = Literal["A", "B", "C", "D", "E"]
ModelOutcome = Literal[GRANTED, REFUSED]  # type: ignore[valid-type]
ReasonKind = Literal[ADVERSE_VALUE, MISSING_INFORMATION]  # type: ignore[valid-type]


class Strict(BaseModel):
    """A model that rejects unknown fields."""

    model_config = ConfigDict(extra="forbid")


class StrictFinite(Strict):
    """A model that rejects unknown fields and NaN or infinite numbers (JSON has neither)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


def _range_check(value_range: ValueRange) -> AfterValidator:
    """Return a validator refusing what a range's bounds cannot say (a list, a placeholder)."""

    def check(value: float | None) -> float | None:
        if value is not None and not value_range.contains(value):
            raise ValueError(f"expected {value_range.expected}")
        return value

    return AfterValidator(check)


def _numeric_field(column: ColumnSpec, kind: type) -> tuple[Any, Any]:
    """Return the pydantic field of a numeric application column, bounded as the loader is."""
    value_range = column_range(APPLICATION_TABLE, column) or sign_hint(
        APPLICATION_TABLE, column.name
    )
    bounds: dict[str, Any] = {} if value_range is None else value_range.field_bounds()
    annotation: Any = kind | None
    if value_range is not None and value_range.needs_check:
        annotation = Annotated[kind | None, _range_check(value_range)]
    description = FIELD_DESCRIPTIONS.get(column.name)
    return annotation, Field(None, description=description, **bounds)


def _application_fields() -> dict[str, Any]:
    """Return the pydantic fields of one application: every Kaggle field, all optional."""
    fields: dict[str, Any] = {}
    for column in table(APPLICATION_TABLE).columns:
        if column.name == "SK_ID_CURR":
            continue
        if column.is_categorical:
            levels = tuple(column.levels or ())
            kind: Any = Literal[levels] if levels else str
            fields[column.name] = (kind | None, Field(None))
        else:
            kind = int if column.dtype == "int" and not column.name.startswith("DAYS_") else float
            if column.name.startswith(("FLAG_", "REG_", "LIVE_")):
                kind = int
            fields[column.name] = _numeric_field(column, kind)
    return fields


Application = create_model(
    "Application",
    __base__=StrictFinite,
    __doc__="One application: Kaggle application fields (all optional); SK_ID_CURR for what-if.",
    SK_ID_CURR=(
        int | None,
        Field(None, ge=1, description="An existing client: the other fields change their file."),
    ),
    **_application_fields(),
)


# The fields a new applicant (no SK_ID_CURR) must give: the loan, its instalment, the income
# and the age; the rest is optional (missing bureau scores may refer the decision to a person).
NEW_APPLICANT_REQUIRED: tuple[str, ...] = (
    "NAME_CONTRACT_TYPE",
    "AMT_CREDIT",
    "AMT_ANNUITY",
    "AMT_INCOME_TOTAL",
    "DAYS_BIRTH",
)


class ScoreRequest(Strict):
    """Applications to score: new applicants, or an existing client's changed fields.

    A new applicant (no SK_ID_CURR) must give NAME_CONTRACT_TYPE, AMT_CREDIT, AMT_ANNUITY (the
    monthly instalment), AMT_INCOME_TOTAL and DAYS_BIRTH, else 422 names the missing ones.
    """

    applications: list[Application] = Field(min_length=1)
    explain: bool = Field(False, description="Add each application's explanation.")
    top: int = Field(10, ge=1, le=20, description="Contributions shown when explaining.")
    lang: Lang | None = None
    offers: bool = Field(
        False, description="Add each refused or referred application's counter-offers."
    )


class ClientPath(BaseModel):
    """A client's SK_ID_CURR in the path."""

    client_id: int = Field(ge=0, description="SK_ID_CURR")


class ClientsQuery(Strict):
    """Search and paging of the client list."""

    query: str | None = Field(None, max_length=20, description="Digits SK_ID_CURR starts with.")
    limit: int = Field(20, ge=1, le=200)
    cursor: str | None = Field(None, max_length=40, description="next_cursor of the last page.")
    decision: Literal["granted", "refused", "referred"] | None = Field(
        None, description="Only the clients with this decision."
    )
    risk_band: RiskBandCode | None = Field(None, description="Only the clients in this band.")
    sort: Literal["id", "probability_desc", "probability_asc"] = Field(
        "id", description="Order: by SK_ID_CURR, or by probability of default (ties by id)."
    )
    lang: Lang | None = None


class ExplanationQuery(Strict):
    """Options of an explanation."""

    top: int = Field(10, ge=1, le=20)
    lang: Lang | None = None


class PeersQuery(Strict):
    """Features (comma-separated, default the most important) and groups to compare with."""

    features: str | None = Field(None, max_length=2000)
    group: Group | None = None
    lang: Lang | None = None


class LangQuery(Strict):
    """The language of labels."""

    lang: Lang | None = None


class ExportQuery(Strict):
    """Format of a client's data export (html: readable), and the language of its words."""

    format: Literal["json", "csv", "html"] = "json"
    lang: Lang | None = None


class LetterQuery(Strict):
    """Format and language of a decision letter."""

    format: Literal["pdf", "html"] = "pdf"
    lang: Lang | None = None


class SampleQuery(Strict):
    """Two numeric features and the sample size of the bivariate view."""

    x: str = Field(max_length=100)
    y: str = Field(max_length=100)
    n: int = Field(2000, ge=10, le=5000)


class ErrorBody(BaseModel):
    """An error's code, message and details."""

    code: str
    message: str
    details: Any | None = None


class ErrorResponse(BaseModel):
    """Every error: ``{"error": {"code", "message", "details"}}``."""

    error: ErrorBody


class InputField(BaseModel):
    """An application field, by its Kaggle name and plain label."""

    feature: str
    label: str


class MissingInput(BaseModel):
    """Missing inputs a person can ask for (bureau scores), and what they cost in points."""

    family: str
    label: str
    points: float = Field(description="effect on the score (negative: points lost)")
    fields: list[InputField]


class ScoreResult(BaseModel):
    """A probability of default with its decision and points."""

    probability: float
    threshold: float
    decision: Outcome = Field(
        description="granted below the threshold; referred when the model would refuse only "
        "because of missing_inputs (with them neutral it would grant): a person decides; "
        "refused otherwise. probability, score and threshold are always given."
    )
    model_decision: ModelOutcome = Field(description="what the threshold alone says")
    margin: float = Field(description="threshold - probability: positive on the granted side")
    score: float = Field(description="points: offset + factor * ln(odds good:bad)")
    missing_inputs: list[MissingInput] = Field(
        default_factory=list,
        description="inputs a person can ask for that are missing, with their cost in points",
    )
    model_version: str


class Contribution(BaseModel):
    """One feature's SHAP contribution (log-odds of default) and its points."""

    feature: str
    label: str
    value: Any | None = None
    contribution: float
    points: float


class GroupContribution(BaseModel):
    """A reason group's contribution: the sum of its features' (the waterfall's bars)."""

    family: str
    label: str
    kind: ReasonKind
    contribution: float
    points: float


class Evidence(BaseModel):
    """One of the client's values that supports a reason."""

    feature: str
    label: str
    value: Any | None = None


class Reason(BaseModel):
    """A principal reason towards refusal, one per group, true of the client's own values.

    ``adverse_value``: at least one evidence value is neither missing nor zero;
    ``missing_information``: the evidence names the absent inputs or histories.
    """

    family: str
    label: str
    kind: ReasonKind
    points: float = Field(description="the group's effect on the score (its bar); negative")
    improve: str = Field(description="what would improve it; empty for facts one cannot change")
    evidence: list[Evidence]


class Explanation(BaseModel):
    """``base_value`` + sum of ``contributions`` = ``output`` (log-odds of default).

    ``groups`` sum to the same total by reason group; ``reasons`` are the groups that cost the
    most points and that the client's values support (at most four).
    """

    base_value: float
    output: float
    base_points: float = Field(
        description="the average client's score in points (the waterfall's start): base_value "
        "in points; base_points + the contributions' points = the client's score"
    )
    threshold_points: float = Field(
        description="the decision threshold in points: a score at or below it is refused"
    )
    contributions: list[Contribution]
    groups: list[GroupContribution]
    reasons: list[Reason]
    model_version: str


class ScoredApplication(ScoreResult):
    """One scored application (with its explanation and counter-offers when asked)."""

    client_id: int | None = None
    explanation: Explanation | None = None
    offers: Offers | None = None


class ScoreResponse(BaseModel):
    """The results of POST score, in the order of the applications."""

    model_version: str
    results: list[ScoredApplication]


class Prediction(BaseModel):
    """One MLflow-style prediction."""

    probability: float
    decision: Outcome
    score: float


class InvocationResponse(BaseModel):
    """The answer of POST invocations."""

    predictions: list[Prediction]
