"""Bins of the monitored features, fixed at training and read from the bundle's reference.

The interface with the monitoring reference (``monitoring_reference`` of the serving bundle, or
of its validated ``source`` bundle): either absent
(None: events store no feature bins), or an object with a ``feature_edges`` attribute, or a
mapping with a ``"feature_edges"`` key, giving each monitored feature's inner cut points in
ascending order. With cut points ``e``, bin ``k`` holds ``e[k-1] <= x < e[k]``: bin 0 is below
``e[0]``, bin ``len(e)`` at or above the last. A missing (NaN, None) or non-numeric value has
the bin None.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

FeatureEdges = Mapping[str, Sequence[float]]  # feature name -> ascending inner cut points


def monitored_edges(bundle: Any) -> FeatureEdges:
    """Return the cut points of each monitored feature of a bundle ({} without a reference)."""
    reference = getattr(bundle, "monitoring_reference", None)
    if reference is None:
        reference = getattr(getattr(bundle, "source", None), "monitoring_reference", None)
    if reference is None:
        return {}
    if isinstance(reference, Mapping):
        edges = reference.get("feature_edges")
    else:
        edges = getattr(reference, "feature_edges", None)
    return edges or {}


def bin_of(value: Any, edges: Sequence[float]) -> int | None:
    """Return the bin of one value between cut points (None when missing or not a number)."""
    if value is None or isinstance(value, str | bytes):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number):
        return None
    return bisect_right(edges, number)


def feature_bins(value_of: Callable[[str], Any], edges: FeatureEdges) -> dict[str, int | None]:
    """Return the bin of each monitored feature of one scored row (no value is kept)."""
    return {name: bin_of(value_of(name), cuts) for name, cuts in edges.items()}
