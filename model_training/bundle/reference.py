"""The monitoring reference: the training distribution of the score and monitored features.

Bins are fixed at training and stored with their counts, so monitoring never reads raw
training data: a numeric variable has quantile edges (value bins, then a missing bin; a value
equal to an edge falls in the bin below it, as in ``evaluate.drift``), a categorical one its
levels, then an "other" bin (a level unseen at training) and a missing bin. The file is
``layout.MONITORING_REFERENCE_FILE`` (JSON); bundles written before it lack it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import numpy as np

from model_training.errors import BundleError

REFERENCE_FORMAT = 1
SCORE = "score"  # the name of the score's distribution (points), beside the features
NUMERIC: Literal["numeric"] = "numeric"
CATEGORICAL: Literal["categorical"] = "categorical"
OTHER, MISSING = "other", "missing"
Kind = Literal["numeric", "categorical"]


@dataclass(frozen=True)
class BinnedVariable:
    """One variable's fixed bins and the training counts in each (missing bin last)."""

    name: str
    kind: Kind
    counts: tuple[int, ...]
    edges: tuple[float, ...] = ()  # numeric: increasing quantile edges
    levels: tuple[str, ...] = ()  # categorical: the levels kept, most frequent first

    @property
    def n_bins(self) -> int:
        """Return the number of bins, the missing (and "other") bins included."""
        if self.kind == NUMERIC:
            return max(len(self.edges) + 1, 1) + 1
        return len(self.levels) + 2

    @property
    def labels(self) -> list[str]:
        """Return each bin's label, in bin order."""
        if self.kind == CATEGORICAL:
            return [*self.levels, OTHER, MISSING]
        if not self.edges:
            return ["all values", MISSING]
        inner = [f"({lo:.4g}, {hi:.4g}]" for lo, hi in pairwise(self.edges)]
        return [f"<= {self.edges[0]:.4g}", *inner, f"> {self.edges[-1]:.4g}", MISSING]

    @property
    def missing_bin(self) -> int:
        """Return the index of the missing bin (the last one)."""
        return self.n_bins - 1

    def shares(self) -> np.ndarray:
        """Return the training share of each bin (zeros when no client was counted)."""
        counts = np.asarray(self.counts, dtype=float)
        total = counts.sum()
        return counts / total if total else counts

    def to_dict(self) -> dict:
        """Return the stored form of the variable."""
        return {
            "name": self.name,
            "kind": self.kind,
            "edges": list(self.edges),
            "levels": list(self.levels),
            "counts": list(self.counts),
        }

    @classmethod
    def from_dict(cls, data: dict) -> BinnedVariable:
        """Return the variable stored as ``data``, or raise ValueError when inconsistent."""
        kind = data["kind"]
        if kind not in (NUMERIC, CATEGORICAL):
            raise ValueError(f"{data['name']}: kind {kind!r} is neither numeric nor categorical")
        variable = cls(
            name=str(data["name"]),
            kind=kind,
            counts=tuple(int(c) for c in data["counts"]),
            edges=tuple(float(e) for e in data.get("edges", ())),
            levels=tuple(str(level) for level in data.get("levels", ())),
        )
        if len(variable.counts) != variable.n_bins or min(variable.counts, default=0) < 0:
            raise ValueError(
                f"{variable.name}: {len(variable.counts)} counts, not {variable.n_bins}"
            )
        if np.any(np.diff(variable.edges) <= 0) or not np.all(np.isfinite(variable.edges)):
            raise ValueError(f"{variable.name}: edges are not finite and increasing")
        return variable


@dataclass(frozen=True)
class MonitoringReference:
    """The score's and the monitored features' training distributions (features by importance)."""

    score: BinnedVariable
    features: tuple[BinnedVariable, ...]
    n_clients: int
    source: str = ""  # which clients and scores were counted

    @property
    def feature_names(self) -> tuple[str, ...]:
        """Return the monitored features, most important first."""
        return tuple(f.name for f in self.features)

    def variable(self, name: str) -> BinnedVariable:
        """Return the bins of ``name`` (``SCORE`` or a monitored feature), or raise KeyError."""
        if name == SCORE:
            return self.score
        for feature in self.features:
            if feature.name == name:
                return feature
        raise KeyError(f"{name!r} is not monitored (monitored: {', '.join(self.feature_names)})")

    def to_json(self) -> str:
        """Return the reference as the JSON the bundle stores."""
        data = {
            "reference_format": REFERENCE_FORMAT,
            "n_clients": self.n_clients,
            "source": self.source,
            "score": self.score.to_dict(),
            "features": [f.to_dict() for f in self.features],
        }
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> MonitoringReference:
        """Return the reference stored as ``text``, or raise ValueError when it is not one."""
        try:
            data = json.loads(text)
            if data.get("reference_format") != REFERENCE_FORMAT:
                raise ValueError(f"reference_format {data.get('reference_format')!r}")
            return cls(
                score=BinnedVariable.from_dict(data["score"]),
                features=tuple(BinnedVariable.from_dict(f) for f in data["features"]),
                n_clients=int(data["n_clients"]),
                source=str(data.get("source", "")),
            )
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a monitoring reference ({type(exc).__name__}: {exc})") from exc


def check_reference(
    reference: MonitoringReference, features: Sequence[str], categorical: Sequence[str], where: str
) -> None:
    """Raise BundleError unless the monitored features are model inputs of the right kind."""
    unknown = [name for name in reference.feature_names if name not in set(features)]
    wrong = [
        f.name
        for f in reference.features
        if f.name not in unknown and (f.kind == CATEGORICAL) != (f.name in set(categorical))
    ]
    if unknown or wrong:
        raise BundleError(
            f"{where}: its monitoring reference names features the model does not take "
            f"({unknown[:5]}) or of the wrong kind ({wrong[:5]}). Rebuild the bundle."
        )
