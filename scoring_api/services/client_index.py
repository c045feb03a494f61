"""The client list's index: every stored client's decision, risk band and probability orders.

Built once per bundle (a bundle is immutable per version) so that filtering, counting and
sorting the 356k clients of a full-scale bundle are a few vectorised numpy passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model_training.modeling.decision import decide
from model_training.modeling.reasons import referable_log_odds
from model_training.modeling.risk_bands import risk_bands
from scoring_api.bundle_store import ServingBundle
from scoring_api.services.stored import stored_groups

SORTS: tuple[str, ...] = ("id", "probability_desc", "probability_asc")


@dataclass(frozen=True)
class ClientIndex:
    """Per stored row (in SK_ID_CURR order): id text, decision, band, and each sort's order."""

    id_text: np.ndarray
    decision: np.ndarray
    risk_band: np.ndarray
    orders: dict[str, np.ndarray]


def client_index(bundle: ServingBundle) -> ClientIndex:
    """Return the bundle's client index, built on first use."""
    # The groups are read before: ``cached`` holds the bundle's lock while it builds.
    groups = stored_groups(bundle) if bundle.explanations is not None else None
    return bundle.cached("client_index", None, lambda: _build(bundle, groups))


def _build(bundle: ServingBundle, groups: np.ndarray | None) -> ClientIndex:
    """Compute the decisions (referrals included), bands and orders of every stored client."""
    probability = bundle.scores["probability"].to_numpy(dtype=float)
    referable = referable_log_odds(groups) if groups is not None else 0.0
    rows = np.arange(len(probability))
    return ClientIndex(
        id_text=bundle.client_ids.astype(str),
        decision=decide(probability, bundle.threshold, referable),
        risk_band=risk_bands(probability, bundle.threshold, bundle.scale),
        orders={
            "id": rows,
            # Ties in probability keep SK_ID_CURR order, so every order is total and stable.
            "probability_desc": np.lexsort((rows, -probability)),
            "probability_asc": np.lexsort((rows, probability)),
        },
    )


def matching(
    index: ClientIndex, query: str | None, decision: str | None, risk_band: str | None
) -> np.ndarray:
    """Return the mask of the stored rows matching every given filter."""
    mask = np.ones(len(index.id_text), dtype=bool)
    if query:
        mask &= np.char.startswith(index.id_text, query)
    if decision:
        mask &= index.decision == decision
    if risk_band:
        mask &= index.risk_band == risk_band
    return mask


def page_rows(
    order: np.ndarray, mask: np.ndarray, start: int, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return up to ``limit + 1`` matching rows from position ``start`` of ``order``, and their
    positions in ``order`` (the extra one tells that a next page exists)."""
    positions = np.flatnonzero(mask[order][start:])[: limit + 1] + start
    return order[positions], positions
