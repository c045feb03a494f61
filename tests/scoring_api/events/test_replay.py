"""``python -m scoring_api replay`` and the replay service on the session bundle."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from flask import Flask
from sqlalchemy import select

from model_training.config import VALIDATED_SUBDIR
from model_training.features.application import EXT_SOURCES
from model_training.monitoring.binning import bin_values
from scoring_api.cli import main
from scoring_api.context import bundle_store
from scoring_api.events.binning import monitoring_reference
from scoring_api.events.replay import ReplayOptions, load_clients, replay
from scoring_api.events.replay_plan import Shift
from scoring_api.events.window import window_events
from scoring_api.security.audit import pseudonymise
from scoring_api.security.database import Database
from scoring_api.security.models import Outcome, ScoringEvent
from tests.scoring_api.settings import PSEUDONYM_KEY, make_settings

START = datetime.date(2026, 3, 1)
AS_OF = datetime.date(2026, 3, 12)
SHIFT_DAY = datetime.date(2026, 3, 3)


@pytest.fixture
def database(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Point the CLI at a fresh database, the session bundle and its data folder."""
    url = make_settings(tmp_path).database_url
    for name in ("APP_ENV", "DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("APP_ENV", "test")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ARTIFACTS_DIR", str(data_dir / "artifacts"))
    monkeypatch.setenv("PSEUDONYM_KEY", PSEUDONYM_KEY)
    return Database(url)


def stored_events(database: Database) -> list[ScoringEvent]:
    """Return the stored events in time order."""
    with database.session() as session:
        return list(session.scalars(select(ScoringEvent).order_by(ScoringEvent.at)))


def replayed(
    app: Flask, data_dir: Path, tmp_path: Path, *, seed: int = 0, shift: Shift | None = None
) -> list[ScoringEvent]:
    """Replay with the service on the session app into a fresh database; return its events."""
    database = Database(make_settings(tmp_path).database_url)
    chosen = ReplayOptions(START, days=4, per_day=5, as_of=AS_OF, seed=seed, shift=shift)
    with app.app_context():
        bundle = bundle_store().get()
        days = list(replay(bundle, database, PSEUDONYM_KEY, load_clients(data_dir), chosen))
    assert [d.events for d in days] == [chosen.per_day] * chosen.days
    return stored_events(database)


def test_replay_writes_dated_events_and_outcomes_of_train_clients(
    database: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["replay", "--data-dir", str(data_dir), "--start", str(START), "--days", "3"]
    arguments += ["--per-day", "4", "--outcomes-after", "10", "--as-of", str(AS_OF)]
    assert main(arguments) == 0
    events = stored_events(database)
    assert len(events) == 12
    assert Counter(e.at.date() for e in events) == {
        START + datetime.timedelta(days=i): 4 for i in range(3)
    }
    assert {e.channel for e in events} == {"replay"}
    assert all(set(e.groups) == {"gender", "age band"} for e in events)
    assert all(e.feature_bins for e in events)
    train = pd.read_parquet(data_dir / VALIDATED_SUBDIR / "application_train.parquet")
    target_of = {
        pseudonymise(int(i), PSEUDONYM_KEY): bool(t)
        for i, t in zip(train["SK_ID_CURR"], train["TARGET"], strict=True)
    }
    with database.session() as session:
        outcomes = list(session.scalars(select(Outcome)))
    due = {
        (e.client_ref, e.at.date() + datetime.timedelta(days=10))
        for e in events
        if e.client_ref in target_of and e.at.date() < START + datetime.timedelta(days=2)
    }
    assert due
    assert {(o.client_ref, o.outcome_date) for o in outcomes} == due
    assert all(o.defaulted == target_of[o.client_ref] for o in outcomes)
    out = capsys.readouterr().out.splitlines()
    first_due = sum(day == START + datetime.timedelta(days=10) for _, day in due)
    assert out[0] == f"{START}: 4 events (0 shifted), {first_due} outcomes"
    assert out[-1].endswith(f"12 events written (0 shifted), {len(outcomes)} outcomes recorded.")


def test_the_same_seed_replays_the_same_scores(app: Flask, data_dir: Path, tmp_path: Path) -> None:
    first = replayed(app, data_dir, tmp_path / "a", seed=3)
    again = replayed(app, data_dir, tmp_path / "b", seed=3)
    other = replayed(app, data_dir, tmp_path / "c", seed=4)
    assert [(e.at, e.probability) for e in first] == [(e.at, e.probability) for e in again]
    assert [e.probability for e in first] != [e.probability for e in other]


def test_a_shift_changes_incomes_and_external_scores_from_its_day_only(
    app: Flask, data_dir: Path, tmp_path: Path
) -> None:
    plain = replayed(app, data_dir, tmp_path / "plain")
    shift = Shift(SHIFT_DAY, income_factor=0.5, missing_ext_share=1.0)
    shifted = replayed(app, data_dir, tmp_path / "shifted", shift=shift)
    before = [i for i, e in enumerate(plain) if e.at.date() < SHIFT_DAY]
    after = [i for i, e in enumerate(plain) if e.at.date() >= SHIFT_DAY]
    assert len(before) == 10
    assert len(after) == 10
    assert [plain[i].probability for i in before] == [shifted[i].probability for i in before]
    assert [plain[i].feature_bins for i in before] == [shifted[i].feature_bins for i in before]
    assert all(plain[i].probability != shifted[i].probability for i in after)
    with app.app_context():
        reference = monitoring_reference(bundle_store().get())
    assert reference is not None
    monitored = {v.name for v in reference.features}
    external = [name for name in (*EXT_SOURCES, "EXT_SOURCE_MEAN") if name in monitored]
    assert external, "the test bundle monitors an external score"
    for name in external:
        missing = bin_values(reference, name, None)
        assert all(shifted[i].feature_bins[name] == missing for i in after)
        assert any(plain[i].feature_bins[name] != missing for i in after)
    if "ANNUITY_TO_INCOME" in monitored:  # half the income: the ratio doubles, its bin rises
        bins = np.array([[plain[i], shifted[i]] for i in after], dtype=object)
        rises = [
            b.feature_bins["ANNUITY_TO_INCOME"] - a.feature_bins["ANNUITY_TO_INCOME"]
            for a, b in bins
        ]
        assert min(rises) >= 0
        assert max(rises) > 0


def test_a_monitoring_window_reads_the_replay_with_its_outcomes(
    app: Flask, data_dir: Path, tmp_path: Path
) -> None:
    database = Database(make_settings(tmp_path).database_url)
    options = ReplayOptions(START, days=2, per_day=6, as_of=AS_OF, outcomes_after=5)
    with app.app_context():
        bundle = bundle_store().get()
        list(replay(bundle, database, PSEUDONYM_KEY, load_clients(data_dir), options))
        reference = monitoring_reference(bundle)
    assert reference is not None
    midnight = datetime.datetime.combine(START, datetime.time(), tzinfo=datetime.UTC)
    with database.session() as session:
        window = window_events(
            session, reference, bundle.version, midnight, midnight + datetime.timedelta(days=2)
        )
    assert len(window.probability) == 12
    assert set(window.groups) == {"gender", "age band"}
    assert window.outcome is not None
    assert np.isfinite(window.outcome).any()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--days", "0"], "--days"),
        (["--per-day", "-1"], "--per-day"),
        (["--missing-ext-share", "1.5", "--shift-from", "2026-03-01"], "--missing-ext-share"),
        (["--income-factor", "0.8"], "--shift-from"),
        (["--income-factor", "0", "--shift-from", "2026-03-01"], "--income-factor"),
        (["--outcomes-after", "-2"], "--outcomes-after"),
    ],
)
def test_a_bad_argument_is_named_and_exits_2(
    database: Database,
    data_dir: Path,
    arguments: list[str],
    named: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["replay", "--data-dir", str(data_dir), *arguments]) == 2
    assert named in capsys.readouterr().err
    assert stored_events(database) == []


def test_a_bad_date_is_named_and_exits_2(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["replay", "--start", "2026-02-30"])
    assert exited.value.code == 2
    assert "--start" in capsys.readouterr().err


def test_a_folder_without_validated_tables_is_named_and_exits_2(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", "--data-dir", str(tmp_path / "nowhere")]) == 2
    assert f"--data-dir {tmp_path / 'nowhere'}" in capsys.readouterr().err
    assert main(["replay", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "application_train.parquet not found" in err
    assert "python -m model_training validate" in err


def test_with_a_challenger_each_score_has_its_shadow_paired(
    app: Flask, data_dir: Path, tmp_path: Path
) -> None:
    database = Database(make_settings(tmp_path).database_url)
    options = ReplayOptions(START, days=2, per_day=5, as_of=AS_OF)
    with app.app_context():
        bundle = bundle_store().get()  # the session bundle plays its own challenger
        clients = load_clients(data_dir)
        list(replay(bundle, database, PSEUDONYM_KEY, clients, options, challenger=bundle))
    events = stored_events(database)
    served = {e.pair_ref: e for e in events if not e.shadow}
    shadow = {e.pair_ref: e for e in events if e.shadow}
    assert len(served) == len(shadow) == 10
    assert set(served) == set(shadow)
    assert None not in served
    for ref, event in served.items():
        twin = shadow[ref]
        assert (twin.at, twin.client_ref, twin.channel) == (event.at, event.client_ref, "replay")
        assert twin.probability == pytest.approx(event.probability)  # the same model here
