"""The catalogue: every produced feature has labels and a family; every family has its advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.features import feature_columns, feature_entry
from model_training.features.catalogue import families, feature_catalogue


def test_every_produced_feature_has_an_entry(synth_features: Path) -> None:
    produced = feature_columns(synth_features)
    assert set(produced) - set(feature_catalogue()) == set()


def test_catalogue_has_no_stale_entry(synth_features: Path) -> None:
    assert set(feature_catalogue()) == set(feature_columns(synth_features))


def test_entries_have_both_languages_and_a_known_family() -> None:
    known = set(families())
    for entry in feature_catalogue().values():
        assert entry.family in known, entry.name
        assert all([entry.label_fr, entry.label_en, entry.description_fr, entry.description_en])


def test_every_family_is_used_and_says_what_would_improve_it() -> None:
    used = {entry.family for entry in feature_catalogue().values()}
    assert used == set(families())
    assert 15 <= len(used) <= 25
    for family in families().values():
        assert all([family.label_fr, family.label_en, family.improve_fr, family.improve_en])


@pytest.mark.parametrize(
    ("name", "lang", "label"),
    [
        ("INST_LATE_SHARE_1Y", "fr", "Paiements en retard sur 12 mois"),
        ("INST_LATE_SHARE_1Y", "en", "Late payments over 12 months"),
        ("EXT_SOURCE_MEAN", "en", "Mean of external scores"),
    ],
)
def test_labels_read_plainly(name: str, lang: str, label: str) -> None:
    assert feature_entry(name).label(lang) == label


def test_unknown_feature_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="NOT_A_FEATURE"):
        feature_entry("NOT_A_FEATURE")


def test_gender_has_no_entry() -> None:
    assert "CODE_GENDER" not in feature_catalogue()
