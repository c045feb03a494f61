"""Training settings: defaults, the environment, then the command line's overrides."""

from __future__ import annotations

import pytest

from model_training.modeling.params import TrainingSettings


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAIN_ITERATIONS", "300")
    monkeypatch.setenv("COST_FN", "5")
    monkeypatch.setenv("TRAIN_MONOTONE", "0")
    settings = TrainingSettings.from_env()
    assert (settings.iterations, settings.cost_fn, settings.is_monotone) == (300, 5.0, False)
    assert settings.n_folds == TrainingSettings.n_folds


def test_an_override_wins_and_none_keeps_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAIN_ITERATIONS", "300")
    monkeypatch.setenv("TRAIN_FOLDS", "4")
    settings = TrainingSettings.from_env(iterations=60, n_folds=None, seed=7)
    assert (settings.iterations, settings.n_folds, settings.seed) == (60, 4, 7)


def test_an_override_out_of_range_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRAIN_FOLDS", raising=False)
    with pytest.raises(ValueError, match="invalid training settings: n_folds"):
        TrainingSettings.from_env(n_folds=1)
