"""Reasons: SHAP contributions grouped by what they say about the client, one rule for all paths.

Every feature's contribution goes to exactly one group: its family, or the family's
missing-information group when the client's value is missing (or, for a measure of how much
history exists, zero). A group's contribution is the sum of its features' (SHAP is additive),
so the waterfall's bars, the reasons' points and the letter's figures are the same numbers.
A group is stated as a reason only when the client's own values support its words: an
adverse family needs at least one of its ``fact`` features neither missing nor zero; a
missing-information group names the inputs or histories that are absent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache, partial
from typing import Any

import numpy as np
import pandas as pd

from model_training.features.application import application_input_columns
from model_training.features.catalogue import (
    ADVERSE_VALUE,
    Family,
    FeatureEntry,
    families,
    feature_catalogue,
)
from model_training.modeling.points import PointsScale

MAX_REASONS = 4  # principal reasons (Regulation B, CFPB circular 2023-03)
MAX_EVIDENCE = 4  # client values quoted per reason
ValueOf = Callable[[str], Any]  # a feature's value for the client


@cache
def group_names() -> tuple[str, ...]:
    """Return every group (family) name, in the order of families.csv."""
    return tuple(families())


def is_missing_value(value: Any) -> bool:
    """Return True for a missing value: None, NaN or pandas' NA."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float | np.floating) and bool(np.isnan(value))


def _is_zero(value: Any) -> bool:
    """Return True for a numeric zero."""
    return isinstance(value, int | float | np.number) and value == 0


def _missing_mask(entry: FeatureEntry, column: np.ndarray) -> np.ndarray:
    """Return the rows whose value sends the feature's contribution to the missing group."""
    if entry.evidence == "structural":
        return np.zeros(len(column), dtype=bool)
    if column.dtype == object:
        missing = np.fromiter((is_missing_value(v) for v in column), bool, len(column))
    else:
        numbers = column.astype(np.float64, copy=False)
        missing = np.isnan(numbers)
        if entry.evidence == "volume":
            missing |= numbers == 0
    return missing


def group_contributions(
    columns: Mapping[str, np.ndarray], features: Sequence[str], contributions: np.ndarray
) -> np.ndarray:
    """Return each row's contribution by group, shape (rows, groups), in log-odds.

    ``columns`` holds each feature's values (one per row) and ``contributions`` the SHAP
    values, shape (rows, features); the rows of the result sum to the rows' contributions.
    """
    names = group_names()
    index = {name: i for i, name in enumerate(names)}
    catalogue, family_table = feature_catalogue(), families()
    out = np.zeros((contributions.shape[0], len(names)))
    for j, name in enumerate(features):
        entry = catalogue[name]
        own = index[entry.family]
        missing = _missing_mask(entry, np.asarray(columns[name]))
        column = contributions[:, j]
        if missing.any():
            other = index[family_table[entry.family].missing_family]
            out[:, other] += np.where(missing, column, 0.0)
            out[:, own] += np.where(missing, 0.0, column)
        else:
            out[:, own] += column
    return out


@cache
def _members() -> dict[str, tuple[FeatureEntry, ...]]:
    """Return each group's candidate evidence features, the most telling first."""
    catalogue, family_table = feature_catalogue(), families()
    inputs = set(application_input_columns())
    out: dict[str, list[FeatureEntry]] = {name: [] for name in family_table}
    for entry in catalogue.values():
        if entry.evidence == "fact":
            out[entry.family].append(entry)
        if entry.evidence == "volume" or (entry.name in inputs and entry.evidence == "fact"):
            out[family_table[entry.family].missing_family].append(entry)

    def rank(group: str, entry: FeatureEntry) -> bool:
        """Policy-directed facts first; for a missing group, the history volumes first."""
        if family_table[group].kind == ADVERSE_VALUE:
            return entry.direction == 0
        return entry.evidence != "volume"

    return {k: tuple(sorted(v, key=partial(rank, k))) for k, v in out.items()}


def evidence(group: str, value_of: ValueOf, lang: str) -> list[dict[str, Any]]:
    """Return the client's values that support a group's words (empty: nothing to state)."""
    is_adverse = families()[group].kind == ADVERSE_VALUE
    found = []
    for entry in _members()[group]:
        value = value_of(entry.name)
        absent = is_missing_value(value) or (entry.evidence == "volume" and _is_zero(value))
        keep = not absent and not _is_zero(value) if is_adverse else absent
        if keep:
            found.append({"feature": entry.name, "label": entry.label(lang), "value": value})
            if len(found) == MAX_EVIDENCE:
                break
    return found


def _costly(groups: np.ndarray) -> Iterator[tuple[Family, float]]:
    """Yield the groups that push towards refusal, the costliest first, with their log-odds."""
    table, names = families(), group_names()
    for i in np.argsort(-groups, kind="stable"):
        if groups[i] <= 0:
            return
        yield table[names[i]], float(groups[i])


def state_reasons(
    groups: np.ndarray, value_of: ValueOf, scale: PointsScale, lang: str
) -> list[dict[str, Any]]:
    """Return at most four reasons: the groups that cost the most points and that hold."""
    reasons: list[dict[str, Any]] = []
    for family, contribution in _costly(groups):
        if len(reasons) == MAX_REASONS:
            break
        supported = evidence(family.name, value_of, lang)
        if not supported:
            continue
        reasons.append(
            {
                "family": family.name,
                "label": family.label(lang),
                "kind": family.kind,
                "points": float(scale.contribution_points(contribution)),
                "improve": family.improve(lang),
                "evidence": supported,
            }
        )
    return reasons


def group_rows(groups: np.ndarray, scale: PointsScale, lang: str) -> list[dict[str, Any]]:
    """Return every group with a contribution, largest effect first (the waterfall's bars)."""
    table = families()
    names = group_names()
    rows = []
    for i in np.argsort(-np.abs(groups), kind="stable"):
        if groups[i] == 0:
            continue
        family = table[names[i]]
        rows.append(
            {
                "family": family.name,
                "label": family.label(lang),
                "kind": family.kind,
                "contribution": float(groups[i]),
                "points": float(scale.contribution_points(groups[i])),
            }
        )
    return rows


def referable_log_odds(groups: np.ndarray) -> np.ndarray:
    """Return the log-odds that missing inputs a person can ask for add (never below zero)."""
    table = families()
    columns = [i for i, name in enumerate(group_names()) if table[name].is_referred]
    return np.clip(np.atleast_2d(groups)[:, columns], 0.0, None).sum(axis=1)


def missing_inputs(
    groups: np.ndarray, value_of: ValueOf, scale: PointsScale, lang: str
) -> list[dict[str, Any]]:
    """Return the missing inputs a person can ask for, with the points they cost, most first."""
    out = []
    for family, contribution in _costly(groups):
        if not family.is_referred:
            continue
        fields = [
            {"feature": e["feature"], "label": e["label"]}
            for e in evidence(family.name, value_of, lang)
        ]
        out.append(
            {
                "family": family.name,
                "label": family.label(lang),
                "points": float(scale.contribution_points(contribution)),
                "fields": fields,
            }
        )
    return out


@cache
def referable_inputs() -> tuple[str, ...]:
    """Return the inputs whose absence can send a decision to a person (bureau scores)."""
    table = families()
    return tuple(
        entry.name
        for name, members in _members().items()
        if table[name].is_referred
        for entry in members
    )
