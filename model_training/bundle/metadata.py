"""``metadata.json`` as a typed, frozen model: every reader and the writer go through it.

Unknown keys are refused (``extra="forbid"``): the model is the one description of the file,
so a key it does not know was written by other code (a newer format) or by hand, and is
reported instead of silently ignored. ``bundle_format`` is checked before the rest, so an
older bundle gets the fix (rebuild) rather than a list of field errors.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_serializer,
    model_serializer,
    model_validator,
)

from model_training.bundle.layout import BUNDLE_FORMAT, METADATA_FILE
from model_training.errors import BundleError
from model_training.modeling.params import TrainingSettings
from model_training.modeling.points import PointsScale

MAX_PROBLEMS_SHOWN = 3
SETTINGS_KEYS = frozenset(field.name for field in fields(TrainingSettings))


class _Record(BaseModel):
    """A frozen part of the metadata that refuses keys it does not declare."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class FeatureEntry(_Record):
    """One model input: name, dtype, categorical flag and monotone direction (+1, -1, 0)."""

    name: str
    dtype: Literal["category", "float"]
    categorical: bool
    direction: Literal[-1, 0, 1] | None = None  # None: a bundle written before it was recorded


class Costs(_Record):
    """The decision costs the threshold was chosen with."""

    false_negative: float
    false_positive: float


class Points(_Record):
    """The points scale of the bundle, with its derived factor and offset."""

    base_points: float
    base_odds: float
    points_to_double_odds: float
    factor: float
    offset: float

    @classmethod
    def of(cls, scale: PointsScale) -> Points:
        """Return the stored form of a points scale."""
        return cls.model_validate(scale.to_dict())

    @property
    def scale(self) -> PointsScale:
        """Return the points scale (probabilities and log-odds to points)."""
        return PointsScale(self.base_points, self.base_odds, self.points_to_double_odds)


class PeerGroups(_Record):
    """The peer groups' definition: keys, centring, scale and centroids (k-means)."""

    keys: tuple[str, ...]
    log_keys: tuple[str, ...]
    center: tuple[float, ...]
    scale: tuple[float, ...]
    centroids: tuple[tuple[float, ...], ...]


class CostSpread(_Record):
    """A cost per client over the folds: mean, spread and each fold's value."""

    mean: float
    std: float
    folds: tuple[float, ...]


class CostPerClient(_Record):
    """The cost per client at the chosen threshold and at 0.5."""

    threshold: CostSpread
    half: CostSpread


class Metrics(_Record):
    """The training metrics: cross-validated AUC, out-of-fold AUC and Brier, costs, rates."""

    cv_auc_mean: float
    cv_auc_std: float
    cv_auc_folds: tuple[float, ...]
    oof_auc: float
    oof_brier: float
    default_rate: float
    cost_per_client: CostPerClient
    # The one refusal rate: the train clients' out-of-fold decisions at the threshold
    # (decision.refusal_rate). Bundles built before it lack it and carry instead the in-sample
    # rate of the final model, kept readable but no longer shown.
    refusal_rate_oof: float | None = None
    refusal_rate_train: float | None = None


class Training(_Record):
    """How the model was fitted: its settings and the iterations found by cross-validation.

    On disk the settings' fields sit beside ``final_iterations`` and ``best_iterations`` in one
    object; TrainingSettings stays the one list of them.
    """

    settings: TrainingSettings
    final_iterations: int
    best_iterations: tuple[int, ...]

    @model_validator(mode="before")
    @classmethod
    def _nest_settings(cls, data: Any) -> Any:
        """Gather the settings' keys of the flat object into ``settings``."""
        if not isinstance(data, dict) or "settings" in data:
            return data
        settings = {k: v for k, v in data.items() if k in SETTINGS_KEYS}
        return {**{k: v for k, v in data.items() if k not in SETTINGS_KEYS}, "settings": settings}

    @model_serializer(mode="wrap")
    def _flatten_settings(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Write the settings' fields first, then the fitted iterations (the file's layout)."""
        out = handler(self)
        return {**out.pop("settings"), **out}


class NClients(_Record):
    """How many train and test clients the bundle holds."""

    train: int
    test: int


class BundleMetadata(_Record):
    """The content of ``metadata.json``, in the order it is written."""

    bundle_format: int
    version: str
    created: AwareDatetime
    data_fingerprint: str
    features: tuple[FeatureEntry, ...]
    threshold: float
    costs: Costs
    points: Points
    base_value: float
    peer_groups: PeerGroups
    metrics: Metrics
    training: Training
    n_clients: NClients
    libraries: dict[str, str]

    @field_serializer("created")
    def _created_text(self, created: datetime) -> str:
        """Write the creation time as ``datetime.isoformat`` does (``+00:00``)."""
        return created.isoformat()

    @cached_property
    def feature_names(self) -> tuple[str, ...]:
        """Return the model's input names, in the model's order."""
        return tuple(feature.name for feature in self.features)

    @cached_property
    def categorical(self) -> tuple[str, ...]:
        """Return the names of the categorical inputs, in the model's order."""
        return tuple(feature.name for feature in self.features if feature.categorical)

    def to_json(self) -> str:
        """Return the text of metadata.json (what was read is written back unchanged)."""
        return json.dumps(self.model_dump(exclude_unset=True), indent=1)


def check_format(document: dict[str, Any], where: str) -> None:
    """Raise BundleError when a metadata document has a format this code does not read."""
    found = document.get("bundle_format", 1)
    if found != BUNDLE_FORMAT:
        raise BundleError(
            f"{where} has format {found}; this code reads format {BUNDLE_FORMAT} "
            "(reasons grouped by family). Rebuild it: python -m model_training build."
        )


def _problems(error: ValidationError) -> str:
    """Return the first problems of a validation error as ``field: message`` phrases."""
    found = error.errors(include_url=False, include_context=False, include_input=False)
    shown = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'the file'}: {problem['msg']}"
        for problem in found[:MAX_PROBLEMS_SHOWN]
    )
    more = len(found) - MAX_PROBLEMS_SHOWN
    return shown + (f"; and {more} more" if more > 0 else "")


def parse_metadata(text: str, where: str) -> BundleMetadata:
    """Return the metadata of a metadata.json text; ``where`` names the bundle in errors."""
    fix = (
        "Rebuild the bundle (python -m model_training build) or fetch it again; "
        "do not edit metadata.json by hand."
    )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(f"{where}: {METADATA_FILE} is not JSON ({exc}). {fix}") from None
    if not isinstance(document, dict):
        raise BundleError(f"{where}: {METADATA_FILE} must hold a JSON object. {fix}")
    check_format(document, where)
    try:
        return BundleMetadata.model_validate(document)
    except ValidationError as exc:
        raise BundleError(
            f"{where}: {METADATA_FILE} does not match bundle format {BUNDLE_FORMAT} "
            f"({_problems(exc)}). {fix}"
        ) from None


def read_metadata(folder: Path, where: str | None = None) -> BundleMetadata:
    """Read and check ``<folder>/metadata.json``."""
    where = where or f"bundle {folder.name} in {folder.parent}"
    return parse_metadata((folder / METADATA_FILE).read_text(encoding="utf-8"), where)
