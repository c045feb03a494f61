"""Reasons say something true of the client: checked against the validated tables, every client.

The checks read the client's raw rows (not the features): a reason that asserts late
instalments needs an instalment paid after its due date, and so on. A missing-information
reason needs the inputs or histories it names to be absent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model_training.bundle import current_version
from model_training.config import VALIDATED_SUBDIR
from model_training.data.schema import PROTECTED_ATTRIBUTE
from model_training.features.application import (
    FOLDED_INCOME_TYPES,
    NEUTRAL_INCOME_TYPE,
    application_input_columns,
)
from model_training.features.catalogue import ADVERSE_VALUE, families, feature_catalogue
from model_training.modeling.reasons import MAX_REASONS
from scoring_api.bundle_store import ServingBundle, load_serving_bundle
from scoring_api.services.explanation import explain_stored_client

BAD_STATUSES = ("1", "2", "3", "4", "5")
RECENT_MONTHS, RECENT_DAYS = -12, -365


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(data_dir / VALIDATED_SUBDIR / f"{name}.parquet")


def _ids(frame: pd.DataFrame, mask: pd.Series | None = None) -> set[int]:
    rows = frame if mask is None else frame[mask.fillna(False).astype(bool)]
    return set(rows["SK_ID_CURR"].astype(int))


class RawFacts:
    """Sets of clients for which a raw fact holds, computed once from the validated tables."""

    def __init__(self, data_dir: Path) -> None:
        inst = _read(data_dir, "installments_payments")
        pos = _read(data_dir, "POS_CASH_balance")
        card = _read(data_dir, "credit_card_balance")
        bureau = _read(data_dir, "bureau")
        balance = _read(data_dir, "bureau_balance").merge(
            bureau[["SK_ID_BUREAU", "SK_ID_CURR"]], on="SK_ID_BUREAU"
        )
        previous = _read(data_dir, "previous_application")
        self.applications = pd.concat(
            [_read(data_dir, "application_train"), _read(data_dir, "application_test")]
        ).set_index("SK_ID_CURR")
        requests = self.applications.filter(like="AMT_REQ_CREDIT_BUREAU_")
        self.holds: dict[str, set[int]] = {
            "late_instalments": _ids(inst, inst.DAYS_ENTRY_PAYMENT > inst.DAYS_INSTALMENT),
            "short_payments": _ids(
                inst, (inst.AMT_PAYMENT < inst.AMT_INSTALMENT) | inst.AMT_PAYMENT.isna()
            ),
            "pos_arrears": _ids(pos, (pos.SK_DPD > 0) | (pos.SK_DPD_DEF > 0)),
            "card_arrears": _ids(
                card,
                (card.SK_DPD > 0)
                | (card.SK_DPD_DEF > 0)
                | (card.AMT_PAYMENT_TOTAL_CURRENT < card.AMT_INST_MIN_REGULARITY),
            ),
            "card_use": _ids(card),
            "bureau_overdue": _ids(
                bureau,
                (bureau.CREDIT_DAY_OVERDUE > 0)
                | (bureau.AMT_CREDIT_SUM_OVERDUE > 0)
                | (bureau.AMT_CREDIT_MAX_OVERDUE > 0)
                | bureau.CREDIT_ACTIVE.isin(["Bad debt", "Sold"]),
            )
            | _ids(balance, balance.STATUS.isin(BAD_STATUSES)),
            "bureau_debt": _ids(
                bureau, (bureau.CREDIT_ACTIVE == "Active") | (bureau.AMT_CREDIT_SUM_DEBT > 0)
            ),
            "bureau_history": _ids(bureau),
            "bureau_enquiries": set(requests.index[(requests > 0).any(axis=1)].astype(int)),
            "previous_applications": _ids(previous),
            "refused_applications": _ids(previous, previous.NAME_CONTRACT_STATUS == "Refused"),
        }
        # Clients with rows in a table (all history, and the recent part).
        self.has_rows: dict[str, set[int]] = {
            "PREV_COUNT": _ids(previous),
            "PREV_APPROVED_COUNT": _ids(previous, previous.NAME_CONTRACT_STATUS == "Approved"),
            "POS_MONTHS": _ids(pos),
            "POS_LOANS_COUNT": _ids(pos),
            "POS_MONTHS_12M": _ids(pos, pos.MONTHS_BALANCE >= RECENT_MONTHS),
            "INST_COUNT": _ids(inst),
            "INST_LOANS_COUNT": _ids(inst),
            "INST_COUNT_1Y": _ids(inst, inst.DAYS_INSTALMENT >= RECENT_DAYS),
            "CC_MONTHS": _ids(card),
            "CC_MONTHS_12M": _ids(card, card.MONTHS_BALANCE >= RECENT_MONTHS),
            "BUREAU_COUNT": _ids(bureau),
            "BUREAU_CLOSED_COUNT": _ids(bureau, bureau.CREDIT_ACTIVE == "Closed"),
            "BB_MONTHS_COUNT": _ids(balance),
            "BB_CREDITS_COUNT": _ids(balance),
            "BB_MONTHS_12M": _ids(balance, balance.MONTHS_BALANCE >= RECENT_MONTHS),
        }

    def raw_value(self, client_id: int, name: str) -> object:
        """Return a raw application field as the model reads it (folded income types)."""
        value = self.applications.at[client_id, name]
        if name == "NAME_INCOME_TYPE" and value in FOLDED_INCOME_TYPES:
            return NEUTRAL_INCOME_TYPE
        return None if pd.isna(value) else value


def contradictions(reason: dict, client_id: int, facts: RawFacts) -> list[str]:
    """Return what the client's raw rows contradict in one reason (empty: it holds)."""
    family, evidence = reason["family"], reason["evidence"]
    problems = []
    if not evidence:
        problems.append("no evidence")
    if reason["kind"] == ADVERSE_VALUE:
        if family in facts.holds and client_id not in facts.holds[family]:
            problems.append(f"the raw rows show no {family}")
        if all(item["value"] in (None, 0) for item in evidence):
            problems.append("every evidence value is missing or zero")
    for item in evidence:
        name, value = item["feature"], item["value"]
        if name in application_input_columns():
            raw = facts.raw_value(client_id, name)
            if not (raw == value or (raw is None and value is None)):
                problems.append(f"{name} quoted {value!r}, the application says {raw!r}")
        if reason["kind"] != ADVERSE_VALUE and value not in (None, 0):
            problems.append(f"{name}={value!r} is not an absent input")
        is_absent = reason["kind"] != ADVERSE_VALUE
        if is_absent and name in facts.has_rows and client_id in facts.has_rows[name]:
            problems.append(f"{name} quoted as absent, the client has such rows")
    return problems


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> ServingBundle:
    """Return the session's live bundle."""
    artifacts = data_dir / "artifacts"
    return load_serving_bundle(artifacts, current_version(artifacts))


@pytest.fixture(scope="module")
def facts(data_dir: Path) -> RawFacts:
    """Return the raw facts of every client."""
    return RawFacts(data_dir)


@pytest.fixture(scope="module")
def all_reasons(bundle: ServingBundle) -> dict[int, list[dict]]:
    """Return every stored client's reasons (in English)."""
    return {
        int(i): explain_stored_client(bundle, int(i), 10, "en")["reasons"]
        for i in bundle.client_ids
    }


def test_no_reason_of_any_client_is_contradicted_by_their_raw_rows(
    all_reasons: dict[int, list[dict]], facts: RawFacts
) -> None:
    found = {
        (client_id, reason["family"]): problems
        for client_id, reasons in all_reasons.items()
        for reason in reasons
        if (problems := contradictions(reason, client_id, facts))
    }
    assert found == {}
    assert sum(len(r) for r in all_reasons.values()) > len(all_reasons)  # reasons were stated


def test_reasons_are_at_most_four_distinct_families_costing_points(
    all_reasons: dict[int, list[dict]],
) -> None:
    for reasons in all_reasons.values():
        assert len(reasons) <= MAX_REASONS
        assert len({r["family"] for r in reasons}) == len(reasons)
        assert all(r["points"] < 0 for r in reasons)
        assert [r["points"] for r in reasons] == sorted(r["points"] for r in reasons)


def test_facts_one_cannot_change_come_without_advice(all_reasons) -> None:
    ages = [r for reasons in all_reasons.values() for r in reasons if r["family"] == "age"]
    assert all(r["improve"] == "" for r in ages)
    assert families()["age"].improve("fr") == ""


def _clients(facts: RawFacts, bundle: ServingBundle, keep: Callable[[int], bool]) -> list[int]:
    return [int(i) for i in bundle.client_ids if keep(int(i))]


HISTORY_FAMILIES = {
    name for name, family in families().items() if family.missing_family == "little_history"
}


def test_hand_checked_clients(all_reasons, facts: RawFacts, bundle: ServingBundle) -> None:
    """No history, a perfect payer, a late payer, a refused applicant: what each may be told."""
    no_history = _clients(
        facts,
        bundle,
        lambda i: i not in facts.has_rows["PREV_COUNT"] | facts.has_rows["INST_COUNT"],
    )
    perfect = _clients(
        facts,
        bundle,
        lambda i: (
            i in facts.has_rows["INST_COUNT"]
            and i not in facts.holds["late_instalments"] | facts.holds["short_payments"]
        ),
    )
    late = _clients(facts, bundle, lambda i: i in facts.holds["late_instalments"])
    refused = _clients(facts, bundle, lambda i: i in facts.holds["refused_applications"])
    assert min(len(no_history), len(perfect), len(late), len(refused)) > 0
    for client_id in no_history:
        told = {r["family"] for r in all_reasons[client_id]}
        assert not told & HISTORY_FAMILIES, client_id
    for client_id in perfect:
        told = {r["family"] for r in all_reasons[client_id]}
        assert not told & {"late_instalments", "short_payments"}, client_id
    late_told = [c for c in late if "late_instalments" in {r["family"] for r in all_reasons[c]}]
    assert late_told, "no late payer is told about late instalments"
    for client_id in late_told:
        reason = next(r for r in all_reasons[client_id] if r["family"] == "late_instalments")
        assert any(e["value"] not in (None, 0) for e in reason["evidence"])
    refused_told = [
        c for c in refused if "refused_applications" in {r["family"] for r in all_reasons[c]}
    ]
    assert refused_told, "no refused applicant is told about refused applications"
    assert not [
        c
        for c in _clients(facts, bundle, lambda i: i not in facts.holds["refused_applications"])
        if "refused_applications" in {r["family"] for r in all_reasons[c]}
    ]


def test_missing_bureau_scores_are_told_as_missing_not_as_low(all_reasons, facts) -> None:
    told = [
        (client_id, reason)
        for client_id, reasons in all_reasons.items()
        for reason in reasons
        if reason["family"] == "no_external_score"
    ]
    assert told
    for client_id, reason in told:
        names = [e["feature"] for e in reason["evidence"]]
        assert names
        assert all(facts.raw_value(client_id, n) is None for n in names)
    assert np.all([r["kind"] == "missing_information" for _, r in told])


def test_a_protected_attribute_is_never_a_reason(all_reasons) -> None:
    assert PROTECTED_ATTRIBUTE not in feature_catalogue()
    quoted = {e["feature"] for rs in all_reasons.values() for r in rs for e in r["evidence"]}
    assert PROTECTED_ATTRIBUTE not in quoted
