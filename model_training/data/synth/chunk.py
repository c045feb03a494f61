"""Simulate one chunk of clients: applications, history tables and true probabilities."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model_training.data.schema import table
from model_training.data.synth.application import build_applications, generation_spec
from model_training.data.synth.bureau import build_bureau
from model_training.data.synth.clients import Clients
from model_training.data.synth.history_summary import summarize_history
from model_training.data.synth.monthly import (
    build_credit_cards,
    build_installments,
    build_pos_cash,
)
from model_training.data.synth.previous import build_previous
from model_training.data.synth.regions import Regions
from model_training.data.synth.risk import application_logit, history_logit

SPLITS = ("application_train", "application_test")


@dataclass
class Chunk:
    """Every table's rows for one chunk, and each application's log-odds (no intercept)."""

    tables: dict[str, dict[str, np.ndarray]]
    logits: dict[str, np.ndarray]
    ids: dict[str, np.ndarray]
    next_bureau: int
    next_prev: int


def simulate_chunk(
    rng: np.random.Generator, clients: Clients, regions: Regions, next_bureau: int, next_prev: int
) -> Chunk:
    """Build the chunk's tables; the log-odds read only what the tables show."""
    tables: dict[str, dict[str, np.ndarray]] = {}
    for split in SPLITS:
        part = clients.subset(clients.is_test == (split == "application_test"))
        tables[split] = (
            build_applications(rng, generation_spec(split), part, regions)
            if len(part)
            else _empty(split)
        )
    tables["bureau"], tables["bureau_balance"], next_bureau = build_bureau(
        rng, clients, next_bureau
    )
    tables["previous_application"], loans, next_prev = build_previous(rng, clients, next_prev)
    tables["POS_CASH_balance"] = build_pos_cash(rng, loans)
    tables["installments_payments"] = build_installments(rng, loans)
    tables["credit_card_balance"] = build_credit_cards(rng, loans)
    first_id = int(clients.sk_id_curr[0]) if len(clients) else 0
    history = summarize_history(first_id, len(clients), tables)
    history_part = history_logit(history, _all_days_birth(tables, clients, first_id))
    logits, ids = {}, {}
    for split in SPLITS:
        app = tables[split]
        ids[split] = app["SK_ID_CURR"]
        app_part = application_logit(app) if len(ids[split]) else np.empty(0)
        logits[split] = app_part + history_part[app["SK_ID_CURR"] - first_id]
    return Chunk(tables, logits, ids, next_bureau, next_prev)


def _empty(split: str) -> dict[str, np.ndarray]:
    kinds = {"int": np.int64, "float": float, "str": object}
    return {c.name: np.empty(0, dtype=kinds[c.dtype]) for c in table(split).columns}


def _all_days_birth(tables: dict, clients: Clients, first_id: int) -> np.ndarray:
    days_birth = np.zeros(len(clients))
    for split in SPLITS:
        days_birth[tables[split]["SK_ID_CURR"] - first_id] = tables[split]["DAYS_BIRTH"]
    return days_birth
