"""Response models of the routes that return more than a score, for the OpenAPI document."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from scoring_api.schemas import ScoreResult

HTML_PAGE = {
    "description": "An HTML page",
    "content": {"text/html": {"schema": {"type": "string"}}},
}
PDF_OR_HTML = {
    "description": "The decision letter as PDF or, with format=html, as a standalone HTML page",
    "content": {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        "text/html": {"schema": {"type": "string"}},
    },
}
EXPORT_FORMATS = {
    "description": "The export as JSON (ClientExport); with format=csv, as CSV; with "
    "format=html, as a readable, printable HTML page (labels and values in words, in lang)",
    "content": {
        "application/json": {"schema": {"type": "object"}},
        "text/csv": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}


class Liveness(BaseModel):
    """The process answers."""

    status: Literal["alive"]


class Readiness(BaseModel):
    """Model and database serve; an admin also sees the versions and any loading problem."""

    status: Literal["ready"]
    model_version: str | None = Field(None, description="live version (admins only)")
    current: str | None = Field(None, description="version CURRENT names (admins only)")
    problem: str | None = Field(None, description="why CURRENT's bundle is not live (admins only)")
    checks: dict[str, str] = Field(
        description='each dependency: "ok", else "failing" (an admin reads why)'
    )


class ModelFeature(BaseModel):
    """One input of the model, in plain words, with its global importance."""

    name: str
    categorical: bool
    label: str
    description: str
    family: str
    family_label: str
    importance: float = Field(description="mean |SHAP| over all clients (log-odds)")


class FieldLabel(BaseModel):
    """One application field in plain words: its label, and a description when one exists."""

    name: str
    label: str
    description: str | None = None


class FieldCatalogue(BaseModel):
    """The label of every application field a client file serves, in the asked language."""

    fields: list[FieldLabel]


class ModelCard(BaseModel):
    """The live model: version, threshold, costs, points scale, metrics and inputs."""

    version: str
    created: str | None
    threshold: float
    costs: dict[str, Any] | None
    points: dict[str, Any] | None
    base_value: float | None
    n_clients: dict[str, Any] | None
    metrics: dict[str, Any]
    features: list[ModelFeature]


class Evaluation(BaseModel):
    """The evaluation document of the bundle (cost, ROC, calibration, fairness, drift)."""

    model_config = ConfigDict(extra="allow")


class DirectionFeature(BaseModel):
    """One input of the direction view: each sampled client's value quantile and points."""

    name: str
    label: str
    quantile: list[float | None]  # 0 lowest .. 1 highest among train clients; None: missing
    points: list[float]  # the input's contribution to the score (positive: towards granting)


class DirectionView(BaseModel):
    """Which way the most important numeric inputs push scores, on a sample of train clients."""

    model_version: str
    n_clients: int
    features: list[DirectionFeature]


class SamplePoint(BaseModel):
    """One sampled client: two feature values and the decision (no id)."""

    x: float | None
    y: float | None
    decision: str


class PopulationSample(BaseModel):
    """A fixed random sample of two numeric features."""

    x: str
    y: str
    n: int
    points: list[SamplePoint]
    model_version: str


class ClientSummary(ScoreResult):
    """A client in a list: id, train or test, score, decision and risk band (A to E)."""

    client_id: int
    is_test: bool
    risk_band: str
    risk_band_label: str


class ClientPage(BaseModel):
    """A page of clients; ``next_cursor`` asks for the next one (null on the last page);
    ``total`` counts every client matching the filters."""

    items: list[ClientSummary]
    next_cursor: str | None
    total: int


class ClientFile(ClientSummary):
    """A client's file: score summary, peer group and raw application fields."""

    peer_group: Any | None = None
    application: dict[str, Any] | None = None


class PeerBin(BaseModel):
    """A histogram bin: numeric bounds or a categorical level, and a count."""

    left: float | None = None
    right: float | None = None
    level: str | None = None
    count: int


class PeerDistribution(BaseModel):
    """One group's distribution of a feature."""

    n: int
    missing: int
    bins: list[PeerBin]


class PeerFeature(BaseModel):
    """The client's value of a feature and the groups' distributions."""

    feature: str
    label: str
    categorical: bool
    value: Any | None = None
    groups: dict[str, PeerDistribution]


class PeerComparison(BaseModel):
    """The client's values compared with all, granted, refused and similar clients."""

    peer_group: int
    model_version: str
    features: list[PeerFeature] = Field(default_factory=list)
