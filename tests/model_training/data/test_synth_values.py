"""Generated values are coherent, keyed like Kaggle's, proportioned like Kaggle's, repeatable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from model_training.data.schema import HISTORY_TABLES, PLACEHOLDER_DAYS, table
from model_training.data.synth import generate_dataset
from model_training.data.synth.fidelity import compare_table
from model_training.data.synth.sampling import blank_where
from model_training.errors import ModelTrainingError
from tests.conftest import SMALL_N

KAGGLE_TRAIN = 307_511


def _read(directory: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(directory / f"{name}.csv", dtype={"STATUS": str})


@pytest.fixture(scope="module")
def train(synth_dir: Path) -> pd.DataFrame:
    return _read(synth_dir, "application_train")


@pytest.fixture(scope="module")
def test_apps(synth_dir: Path) -> pd.DataFrame:
    return _read(synth_dir, "application_test")


def test_test_file_has_kaggle_share_of_applications(
    train: pd.DataFrame, test_apps: pd.DataFrame
) -> None:
    assert len(train) == SMALL_N
    assert len(test_apps) == round(SMALL_N * 48_744 / KAGGLE_TRAIN)


def test_train_and_test_ids_are_disjoint_and_contiguous(
    train: pd.DataFrame, test_apps: pd.DataFrame
) -> None:
    ids = np.concatenate([train["SK_ID_CURR"], test_apps["SK_ID_CURR"]])
    assert len(set(train["SK_ID_CURR"]) & set(test_apps["SK_ID_CURR"])) == 0
    assert sorted(ids) == list(range(100_001, 100_001 + len(ids)))
    assert train["SK_ID_CURR"].is_monotonic_increasing
    assert test_apps["SK_ID_CURR"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("bureau", ["SK_ID_BUREAU"]),
        ("previous_application", ["SK_ID_PREV"]),
        ("bureau_balance", ["SK_ID_BUREAU", "MONTHS_BALANCE"]),
        ("POS_CASH_balance", ["SK_ID_PREV", "MONTHS_BALANCE"]),
        ("credit_card_balance", ["SK_ID_PREV", "MONTHS_BALANCE"]),
    ],
)
def test_keys_are_unique(synth_dir: Path, name: str, key: list[str]) -> None:
    frame = _read(synth_dir, name)
    assert len(frame) > 0
    assert not frame.duplicated(subset=key).any()


@pytest.mark.parametrize(
    ("child", "column", "parent"),
    [
        *((t, "SK_ID_CURR", "application") for t in HISTORY_TABLES if t != "bureau_balance"),
        ("bureau_balance", "SK_ID_BUREAU", "bureau"),
        ("POS_CASH_balance", "SK_ID_PREV", "previous_application"),
        ("installments_payments", "SK_ID_PREV", "previous_application"),
        ("credit_card_balance", "SK_ID_PREV", "previous_application"),
    ],
)
def test_every_history_row_points_at_an_existing_parent(
    synth_dir: Path, child: str, column: str, parent: str
) -> None:
    if parent == "application":
        parents = pd.concat(
            [_read(synth_dir, "application_train"), _read(synth_dir, "application_test")]
        )
    else:
        parents = _read(synth_dir, parent)
    assert set(_read(synth_dir, child)[column]) <= set(parents[column])


def test_some_clients_have_no_bureau_and_no_previous_application(
    synth_dir: Path, train: pd.DataFrame
) -> None:
    for name, covered_share in (("bureau", 0.857), ("previous_application", 0.946)):
        share = train["SK_ID_CURR"].isin(_read(synth_dir, name)["SK_ID_CURR"]).mean()
        assert covered_share - 0.05 < share < min(covered_share + 0.05, 0.995), name


@pytest.mark.parametrize("name", HISTORY_TABLES)
def test_history_tables_keep_kaggle_proportions(synth_dir: Path, name: str) -> None:
    kaggle_rows_per_train_app = table(name).n_rows_kaggle / KAGGLE_TRAIN
    rows = len(_read(synth_dir, name)) / SMALL_N
    assert 0.6 * kaggle_rows_per_train_app < rows < 1.5 * kaggle_rows_per_train_app


@pytest.mark.parametrize("name", ["application_train", "bureau", "previous_application"])
def test_null_shares_follow_kaggle(synth_dir: Path, name: str) -> None:
    with duckdb.connect() as con:
        rows = compare_table(con, synth_dir, name)
    gaps = {r.column: abs(r.null_generated - r.null_kaggle) for r in rows}
    assert max(gaps.values()) < 0.08, sorted(gaps.items(), key=lambda kv: -kv[1])[:3]


def test_employment_placeholder_marks_pensioners_without_job(train: pd.DataFrame) -> None:
    placeholder = train["DAYS_EMPLOYED"] == PLACEHOLDER_DAYS
    assert 0.13 < placeholder.mean() < 0.23
    assert (placeholder == (train["ORGANIZATION_TYPE"] == "XNA")).all()
    assert train.loc[placeholder, "OCCUPATION_TYPE"].isna().all()
    assert (train.loc[placeholder, "FLAG_EMP_PHONE"] == 0).all()
    assert set(train.loc[placeholder, "NAME_INCOME_TYPE"]) <= {"Pensioner", "Unemployed"}
    assert (train.loc[~placeholder, "DAYS_EMPLOYED"] < 0).all()


def test_ages_employment_and_dates_are_coherent(train: pd.DataFrame) -> None:
    age = -train["DAYS_BIRTH"] / 365.25
    assert age.between(20, 70).all()
    employed = train["DAYS_EMPLOYED"] != PLACEHOLDER_DAYS
    worked_years = -train.loc[employed, "DAYS_EMPLOYED"] / 365.25
    assert (worked_years <= age[employed] - 17.9).all()
    assert (train["DAYS_REGISTRATION"] <= 0).all()
    assert (train["DAYS_ID_PUBLISH"] <= 0).all()


def test_amounts_are_consistent(train: pd.DataFrame) -> None:
    cash = train[train["NAME_CONTRACT_TYPE"] == "Cash loans"].dropna(subset=["AMT_ANNUITY"])
    months = cash["AMT_CREDIT"] / cash["AMT_ANNUITY"]
    assert months.between(3, 70).all()
    ratio = cash["AMT_CREDIT"] / cash["AMT_GOODS_PRICE"]
    assert ratio.between(0.99, 1.3).all()
    assert ((train["AMT_INCOME_TOTAL"] * 2) % 1 == 0).all()


def test_car_age_is_missing_exactly_without_a_car(train: pd.DataFrame) -> None:
    assert (train["OWN_CAR_AGE"].isna() == (train["FLAG_OWN_CAR"] == "N")).all()


def test_building_averages_modes_and_medians_are_missing_together(train: pd.DataFrame) -> None:
    for measure in ("APARTMENTS", "COMMONAREA", "YEARS_BUILD", "NONLIVINGAREA"):
        missing = train[[f"{measure}_{s}" for s in ("AVG", "MODE", "MEDI")]].isna()
        assert (missing.nunique(axis=1) == 1).all(), measure


def test_monthly_sequences_have_no_gaps(synth_dir: Path) -> None:
    for name, key, newest in (
        ("bureau_balance", "SK_ID_BUREAU", 0),
        ("POS_CASH_balance", "SK_ID_PREV", -1),
        ("credit_card_balance", "SK_ID_PREV", -1),
    ):
        months = _read(synth_dir, name).groupby(key)["MONTHS_BALANCE"].agg(["min", "max", "count"])
        assert (months["count"] == months["max"] - months["min"] + 1).all(), name
        assert months["max"].max() <= newest, name
        assert months["min"].min() >= -96, name


def test_instalment_payments_are_dated_around_due_dates(synth_dir: Path) -> None:
    inst = _read(synth_dir, "installments_payments").dropna()
    delay = inst["DAYS_ENTRY_PAYMENT"] - inst["DAYS_INSTALMENT"]
    assert 0.02 < (delay > 0).mean() < 0.3
    assert delay.abs().median() < 15
    assert (inst["DAYS_INSTALMENT"] < 0).all()


def test_previous_applications_use_the_365243_placeholders(synth_dir: Path) -> None:
    prev = _read(synth_dir, "previous_application")
    assert (prev["DAYS_FIRST_DRAWING"] == PLACEHOLDER_DAYS).mean() > 0.4
    approved = prev["NAME_CONTRACT_STATUS"] == "Approved"
    assert prev.loc[~approved, "DAYS_FIRST_DUE"].isna().all()
    assert prev.loc[approved, "DAYS_FIRST_DUE"].notna().all()


def test_oracle_holds_every_client_once_with_a_probability(
    synth_dir: Path, train: pd.DataFrame, test_apps: pd.DataFrame
) -> None:
    oracle = pd.read_parquet(synth_dir / "_truth" / "oracle.parquet")
    assert list(oracle.columns) == ["SK_ID_CURR", "is_test", "probability", "TARGET"]
    assert len(oracle) == len(train) + len(test_apps) == oracle["SK_ID_CURR"].nunique()
    assert oracle["probability"].between(0, 1, inclusive="neither").all()
    merged = train.merge(oracle, on="SK_ID_CURR", suffixes=("", "_oracle"))
    assert (merged["TARGET"] == merged["TARGET_oracle"]).all()
    assert set(oracle.loc[oracle["is_test"], "SK_ID_CURR"]) == set(test_apps["SK_ID_CURR"])
    assert 0.05 < train["TARGET"].mean() < 0.11


def _digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_files_other_seed_does_not(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generate_dataset(150, tmp_path / name, seed=seed, show_progress=False)
    first, again, other = (_digest(tmp_path / n) for n in "abc")
    assert first == again
    assert first["application_train.csv"] != other["application_train.csv"]


def test_a_failed_run_leaves_no_half_written_files(tmp_path: Path) -> None:
    with pytest.raises(ModelTrainingError, match="between 1 and"):
        generate_dataset(0, tmp_path, show_progress=False)
    assert list(tmp_path.iterdir()) == []


def test_blank_where_leaves_codes_missing_as_none() -> None:
    codes = np.array(["a", "b", "c"])
    blanked = blank_where(np.array([False, True, False]), codes)
    assert blanked.dtype == object
    assert blanked.tolist() == ["a", None, "c"]
    assert codes.tolist() == ["a", "b", "c"]  # the input is left as it was
