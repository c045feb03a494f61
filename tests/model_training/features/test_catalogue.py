"""The catalogue: every produced feature has labels and a family; every family has its advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.features import feature_columns, feature_entry
from model_training.features.catalogue import (
    ADVERSE_VALUE,
    LANGUAGES,
    MISSING_INFORMATION,
    families,
    feature_catalogue,
    field_catalogue,
    monotone_directions,
)
from model_training.train import application_fields, validated_applications


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


def test_every_family_is_used_and_says_what_would_improve_it_where_one_can() -> None:
    used = {entry.family for entry in feature_catalogue().values()}
    adverse = {n for n, f in families().items() if f.kind == ADVERSE_VALUE}
    assert used == adverse
    assert 15 <= len(used) <= 25
    missing = {f.missing_family for f in families().values() if f.kind == ADVERSE_VALUE}
    assert missing == {n for n, f in families().items() if f.kind == MISSING_INFORMATION}
    for family in families().values():
        assert all([family.label_fr, family.label_en])
        assert bool(family.improve_fr) == bool(family.improve_en)
    no_advice = {n for n, f in families().items() if not f.improve_en}
    assert no_advice == {"age", "household", "region", "social_circle", "application_context"}


def test_directions_are_declared_with_a_reason() -> None:
    for entry in feature_catalogue().values():
        assert entry.direction in (-1, 0, 1)
        assert bool(entry.direction_why) == (entry.direction != 0), entry.name
    directions = monotone_directions(list(feature_catalogue()))
    assert directions["EXT_SOURCE_2"] == -1
    assert directions["AMT_INCOME_TOTAL"] == -1
    assert directions["INST_LATE_SHARE"] == 1
    assert directions["ANNUITY_TO_INCOME"] == 1
    assert "AGE_YEARS" not in directions


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


def test_every_served_application_field_has_a_label(synth_validated: Path) -> None:
    """The bundle's applications table (a client file's ``application``) is labelled, all of it."""
    served = set(application_fields(validated_applications(synth_validated)).columns)
    assert served == set(field_catalogue())
    for entry in field_catalogue().values():
        assert all(entry.label(lang).strip() for lang in LANGUAGES), entry.name


def test_a_field_label_is_written_once() -> None:
    """fields.csv holds a label only where people read the field unlike the model's feature."""
    features = feature_catalogue()
    for name, entry in field_catalogue().items():
        feature = features.get(name)
        if feature is not None and entry.description_fr == "":
            assert (entry.label_fr, entry.label_en) != (feature.label_fr, feature.label_en), name


@pytest.mark.parametrize(
    ("name", "lang", "label"),
    [
        ("DAYS_ID_PUBLISH", "fr", "Pièce d'identité changée il y a"),
        ("DAYS_BIRTH", "en", "Age"),
        ("CNT_CHILDREN", "fr", "Nombre d'enfants"),
    ],
)
def test_fields_read_in_peoples_units(name: str, lang: str, label: str) -> None:
    assert field_catalogue()[name].label(lang) == label
