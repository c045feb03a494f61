"""The live model bundle: loaded whole, read-only, swapped when ``ARTIFACTS_DIR/CURRENT`` changes.

A request takes one ``ServingBundle`` reference and uses it to the end, so a response never
mixes versions. Each process checks CURRENT at most once per ``bundle_check_seconds``; a new
bundle loads while the old one keeps serving (in a thread of its own in the server, so no
request waits for it), and one that fails to load leaves the old one serving (logged, and
reported by health/ready).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
from catboost import CatBoostClassifier

from model_training.bundle import (
    CURRENT_FILE,
    EXPLANATIONS,
    FEATURES,
    PEERS,
    SCORES,
    Bundle,
    BundleMetadata,
    current_version,
    list_versions,
    open_bundle,
)
from model_training.modeling.points import PointsScale
from model_training.modeling.tree_shap import LeafShap, leaf_shap
from scoring_api.errors import ApiError
from scoring_api.mapped_tables import mapped_copies, read_mapped, serving_table

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class ServingBundle:
    """One opened bundle as the server reads it: tables aligned on sorted SK_ID_CURR.

    ``source`` is the validated ``Bundle`` (typed metadata, model, files); ``numeric_store``
    holds the numeric features of the store as read-only numpy arrays (views of the store
    where it is numpy-backed), so a what-if gathers its client's history without pandas;
    ``cached`` keeps other values derived once per bundle. ``mapped`` names the Arrow copies
    the large tables are mapped from (empty: tables read from Parquet, private to the process).
    """

    source: Bundle
    count_features: frozenset[str]
    client_ids: np.ndarray
    scores: pd.DataFrame
    store: pd.DataFrame
    explanations: pd.DataFrame | None
    peers: dict[tuple[str, str], pd.DataFrame] = field(repr=False)
    leaf_shap: LeafShap = field(repr=False)
    numeric_store: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    mapped: dict[str, Path] = field(default_factory=dict, repr=False)
    _cache: dict[str, tuple[Hashable, Any]] = field(default_factory=dict, init=False, repr=False)
    # Reentrant: a value built once may read another (a baseline reads the model card).
    _cache_lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    @property
    def version(self) -> str:
        """Return the bundle's version."""
        return self.source.version

    @property
    def metadata(self) -> BundleMetadata:
        """Return the bundle's typed metadata."""
        return self.source.metadata

    @property
    def model(self) -> CatBoostClassifier:
        """Return the bundle's CatBoost model."""
        return self.source.model

    @property
    def features(self) -> tuple[str, ...]:
        """Return the model's input names, in the model's order."""
        return self.source.features

    @property
    def categorical(self) -> tuple[str, ...]:
        """Return the categorical inputs, in the model's order."""
        return self.source.categorical

    @property
    def threshold(self) -> float:
        """Return the decision threshold (refused at or above)."""
        return self.source.metadata.threshold

    @property
    def scale(self) -> PointsScale:
        """Return the points scale stored in the bundle."""
        return self.source.metadata.points.scale

    @property
    def base_value(self) -> float:
        """Return the SHAP base value (log-odds of default)."""
        return self.source.metadata.base_value

    def explanation_table(self) -> pd.DataFrame:
        """Return the stored explanations (callers check ``explanations`` is set first)."""
        if self.explanations is None:
            raise ApiError(409, "no_stored_explanations", "This bundle stores no explanations.")
        return self.explanations

    def position(self, client_id: int) -> int | None:
        """Return the row of a client in the aligned tables, or None when unknown."""
        row = int(np.searchsorted(self.client_ids, client_id))
        if row < len(self.client_ids) and self.client_ids[row] == client_id:
            return row
        return None

    def cached(self, slot: str, key: Hashable, build: Callable[[], T]) -> T:
        """Return the value kept in ``slot`` for ``key``, built once (a new key replaces it)."""
        kept = self._cache.get(slot)
        if kept is not None and kept[0] == key:
            return kept[1]
        with self._cache_lock:
            kept = self._cache.get(slot)
            if kept is None or kept[0] != key:
                kept = (key, build())
                self._cache[slot] = kept
        return kept[1]

    def read_text(self, name: str) -> str | None:
        """Return the text of an optional bundle file, or None when it is absent."""
        return self.source.read_text(name)

    def arrow_table(self, name: str, columns: list[str]) -> pa.Table:
        """Return columns of a bundle table as Arrow: mapped (sorted by client) when it is."""
        path = self.mapped.get(name)
        if path is None:
            return self.source.arrow_table(name, columns)
        return read_mapped(path, self.source, name).select(columns)


def numeric_columns(store: pd.DataFrame, names: list[str]) -> dict[str, np.ndarray]:
    """Return store columns as read-only numpy numbers (missing = NaN), views when possible."""
    out = {}
    for name in names:
        column = store[name]
        if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":
            values = column.to_numpy().view()
        else:
            values = pd.to_numeric(column).to_numpy(dtype="float64", na_value=np.nan)
        values.flags.writeable = False
        out[name] = values
    return out


def serving_view(bundle: Bundle, map_dir: Path | None = None) -> ServingBundle:
    """Return the serving view of a validated bundle (its tables read, sorted and indexed).

    With ``map_dir``, the large tables are mapped from their Arrow copies there (written first
    when missing); without, or when that folder cannot be written, read from Parquet.
    """
    mapped = mapped_copies(bundle, map_dir) if map_dir is not None else {}
    scores = serving_table(bundle, SCORES, mapped)
    store = serving_table(bundle, FEATURES, mapped)
    has_explanations = bundle.has_table(EXPLANATIONS)
    explanations = serving_table(bundle, EXPLANATIONS, mapped) if has_explanations else None
    peers: dict[tuple[str, str], pd.DataFrame] = {}
    if bundle.has_table(PEERS):
        for key, part in bundle.table(PEERS).groupby(["feature", "group"], sort=False):
            peers[(str(key[0]), str(key[1]))] = part.sort_values("bin", ignore_index=True)
    counts = frozenset(
        name
        for name in bundle.features
        if pd.api.types.is_integer_dtype(store[name].dtype)
        and not pd.api.types.is_bool_dtype(store[name].dtype)
    )
    numeric = [name for name in bundle.features if name not in bundle.categorical]
    return ServingBundle(
        source=bundle,
        count_features=counts,
        client_ids=scores["SK_ID_CURR"].to_numpy(),
        scores=scores,
        store=store,
        explanations=explanations,
        peers=peers,
        numeric_store=numeric_columns(store, numeric),
        leaf_shap=leaf_shap(bundle.model),
        mapped=mapped,
    )


def load_serving_bundle(
    artifacts_dir: Path, version: str, map_dir: Path | None = None
) -> ServingBundle:
    """Open and validate one bundle of ARTIFACTS_DIR, then build its serving view."""
    return serving_view(open_bundle(artifacts_dir, version), map_dir)


class BundleStore:
    """Hold the live bundle of one process and pick up a new one when CURRENT changes."""

    def __init__(
        self,
        artifacts_dir: Path,
        check_seconds: float = 1.0,
        is_background: bool = False,
        map_dir: Path | None = None,
    ) -> None:
        self.artifacts_dir = Path(artifacts_dir)
        self.map_dir = map_dir  # where large tables are mapped from (None: read privately)
        self.check_seconds = check_seconds
        self.is_background = is_background  # load a new bundle in a thread, not in a request
        self._bundle: ServingBundle | None = None
        self._problem: str | None = "not loaded yet"
        self._named: str | None = None
        self._checked_at = -float("inf")
        self._lock = threading.Lock()  # held by whoever checks CURRENT or loads a bundle
        self.listeners: list[Callable[[ServingBundle], None]] = []  # told of each new bundle

    def _current_name(self) -> str | None:
        """Return the version CURRENT names, or None (also when it cannot be read)."""
        try:
            return current_version(self.artifacts_dir)
        except OSError:
            return None

    def refresh(self, *, force: bool = False) -> None:
        """Check CURRENT (at most once per interval) and load the bundle it names if new.

        While a bundle is live, other threads keep serving it during a load without waiting;
        with ``is_background`` the load runs in its own thread, so no request waits for it
        (seconds, more under load). The first load, and a forced one, happen here.
        """
        now = time.monotonic()
        if not force and now - self._checked_at < self.check_seconds:
            return
        if not self._lock.acquire(blocking=force or self._bundle is None):
            return
        is_handed_over = False
        try:
            if not force and now - self._checked_at < self.check_seconds:
                return
            self._checked_at = now
            name = self._current_name()
            if name is None:
                if self._bundle is None:
                    self._problem = f"no model: no {CURRENT_FILE} file in {self.artifacts_dir}"
                return
            if not self._is_new(name):
                return
            if self.is_background and self._bundle is not None and not force:
                loader = threading.Thread(
                    target=self._load_and_release, args=(name,), name="bundle-loader", daemon=True
                )
                loader.start()  # the loader releases the lock when done
                is_handed_over = True
                return
            self._load(name)
        finally:
            if not is_handed_over:
                self._lock.release()

    def _is_new(self, name: str) -> bool:
        """Note the version CURRENT names; tell whether it must be loaded (not the live one)."""
        if name == self._named:
            return False
        self._named = name
        if self._bundle is not None and name == self._bundle.version:  # back to the live one
            self._problem = None
            return False
        return True

    def _load_and_release(self, name: str) -> None:
        """Load a bundle in the loader thread, then release the store's lock."""
        try:
            self._load(name)
        finally:
            self._lock.release()

    def _load(self, name: str) -> None:
        """Load a bundle and make it live, or keep the previous one and say why.

        A process with no bundle yet (a new or restarted worker) falls back to the newest
        other bundle that loads, so a broken CURRENT never leaves it without a model while
        the other workers keep serving theirs.
        """
        try:
            bundle = self._open(name)
        except Exception as exc:
            self._problem = f"bundle {name} could not be loaded: {exc}"
            logger.exception("bundle %s could not be loaded; keeping the previous one", name)
            if self._bundle is None:
                self._fall_back(name)
            return
        self._bundle, self._problem = bundle, None
        self._tell_listeners(bundle)

    def _open(self, version: str) -> ServingBundle:
        """Load one bundle's serving view (its large tables mapped when ``map_dir`` is set)."""
        return load_serving_bundle(self.artifacts_dir, version, self.map_dir)

    def _fall_back(self, broken: str) -> None:
        """Serve the newest other bundle that loads (versions sort by their creation time)."""
        for version in reversed(list_versions(self.artifacts_dir)):
            if version == broken:
                continue
            try:
                bundle = self._open(version)
            except Exception:
                logger.warning("fallback bundle %s could not be loaded either", version)
                continue
            self._bundle = bundle
            self._problem = f"{self._problem}; serving {version}, the newest bundle that loads"
            logger.warning("CURRENT names %s, which is broken: serving %s", broken, version)
            self._tell_listeners(bundle)
            return

    def _tell_listeners(self, bundle: ServingBundle) -> None:
        """Log the new live bundle and tell the listeners (metrics) about it."""
        logger.info("serving bundle %s", bundle.version)
        for listener in self.listeners:
            try:
                listener(bundle)
            except Exception:  # a metrics hook never stops the new bundle from serving
                logger.exception("bundle listener failed for %s", bundle.version)

    def get(self) -> ServingBundle:
        """Return the live bundle, or raise a 503 ApiError when none is loaded."""
        self.refresh()
        bundle = self._bundle
        if bundle is None:
            raise ApiError(503, "no_model", "No model is loaded yet.", {"reason": self._problem})
        return bundle

    def live(self) -> ServingBundle | None:
        """Return the live bundle, or None when none is loaded (no error)."""
        self.refresh()
        return self._bundle

    def status(self) -> dict:
        """Return the live version, the version CURRENT names and any loading problem."""
        self.refresh()
        bundle = self._bundle
        return {
            "model_version": bundle.version if bundle else None,
            "current": self._named,
            "problem": self._problem,
        }
