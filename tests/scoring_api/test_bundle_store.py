"""The serving bundle: numeric store columns equal the store, per-bundle cache slots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoring_api.bundle_store import ServingBundle, load_serving_bundle


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> ServingBundle:
    """Return the session's live bundle, loaded apart from the app."""
    artifacts = data_dir / "artifacts"
    return load_serving_bundle(artifacts, (artifacts / "CURRENT").read_text().strip())


def test_numeric_store_holds_every_numeric_feature(bundle: ServingBundle) -> None:
    numeric = [f for f in bundle.features if f not in bundle.categorical]
    assert list(bundle.numeric_store) == numeric


def test_numeric_store_equals_the_store_as_floats(bundle: ServingBundle) -> None:
    for name, values in bundle.numeric_store.items():
        expected = pd.to_numeric(bundle.store[name]).to_numpy(dtype="float64", na_value=np.nan)
        np.testing.assert_array_equal(values.astype("float64"), expected, err_msg=name)
        assert not values.flags.writeable, name


def test_cached_builds_once_per_key_and_a_new_key_replaces(bundle: ServingBundle) -> None:
    calls: list[str] = []

    def build(value: str) -> str:
        calls.append(value)
        return value

    assert bundle.cached("test-slot", 1, lambda: build("a")) == "a"
    assert bundle.cached("test-slot", 1, lambda: build("b")) == "a"
    assert bundle.cached("test-slot", 2, lambda: build("c")) == "c"
    assert calls == ["a", "c"]
