"""Feature bins: cut points fixed at training, read from the bundle's monitoring reference."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from scoring_api.events.binning import bin_of, feature_bins, monitored_edges

EDGES = [0.0, 10.0, 20.0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-1.0, 0),
        (0.0, 1),  # a cut point opens the bin above it
        (9.99, 1),
        (10.0, 2),
        (25, 3),
        (np.float32(15.0), 2),
        (True, 1),
        (None, None),
        (math.nan, None),
        (np.nan, None),
        ("Cash loans", None),
    ],
)
def test_a_value_falls_in_the_bin_between_its_cut_points(value, expected) -> None:
    assert bin_of(value, EDGES) == expected


def test_feature_bins_keep_only_bins_of_the_monitored_features() -> None:
    values = {"AMT_CREDIT": 15.0, "EXT_SOURCE_2": math.nan, "NAME": "x"}
    bins = feature_bins(values.__getitem__, {"AMT_CREDIT": EDGES, "EXT_SOURCE_2": [0.5]})
    assert bins == {"AMT_CREDIT": 2, "EXT_SOURCE_2": None}


@pytest.mark.parametrize(
    "bundle",
    [
        SimpleNamespace(),
        SimpleNamespace(monitoring_reference=None),
        SimpleNamespace(monitoring_reference=None, source=SimpleNamespace()),
        SimpleNamespace(monitoring_reference={"score": []}),
    ],
)
def test_without_a_reference_no_feature_is_binned(bundle) -> None:
    assert monitored_edges(bundle) == {}


@pytest.mark.parametrize(
    "bundle",
    [
        SimpleNamespace(monitoring_reference={"feature_edges": {"A": EDGES}}),
        SimpleNamespace(monitoring_reference=SimpleNamespace(feature_edges={"A": EDGES})),
        SimpleNamespace(
            source=SimpleNamespace(monitoring_reference={"feature_edges": {"A": EDGES}})
        ),
    ],
)
def test_the_reference_gives_the_cut_points_as_a_mapping_or_attribute(bundle) -> None:
    assert monitored_edges(bundle) == {"A": EDGES}
