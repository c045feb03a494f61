"""The feature catalogue: plain-language labels, descriptions and families, in French and English.

The data lives beside this module: ``catalogue.csv`` (one row a feature) and ``families.csv``
(one row a family, with what would improve it). Families group features for reason codes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("fr", "en")


@dataclass(frozen=True)
class FeatureEntry:
    """One feature's family, short labels and one-sentence descriptions (fr, en)."""

    name: str
    family: str
    label_fr: str
    label_en: str
    description_fr: str
    description_en: str

    def label(self, lang: str = "fr") -> str:
        """Return the short label in ``lang`` (fr or en)."""
        return self.label_fr if lang == "fr" else self.label_en

    def description(self, lang: str = "fr") -> str:
        """Return the description in ``lang`` (fr or en)."""
        return self.description_fr if lang == "fr" else self.description_en


@dataclass(frozen=True)
class Family:
    """A group of features explained as one reason, with what would improve it (fr, en)."""

    name: str
    label_fr: str
    label_en: str
    improve_fr: str
    improve_en: str

    def label(self, lang: str = "fr") -> str:
        """Return the family's label in ``lang`` (fr or en)."""
        return self.label_fr if lang == "fr" else self.label_en

    def improve(self, lang: str = "fr") -> str:
        """Return what would improve this factor, in ``lang`` (fr or en)."""
        return self.improve_fr if lang == "fr" else self.improve_en


def _rows(file_name: str) -> list[dict[str, str]]:
    """Return the rows of a CSV file stored beside this module."""
    text = resources.files("model_training.features").joinpath(file_name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def feature_catalogue() -> dict[str, FeatureEntry]:
    """Return every catalogued feature's entry by name."""
    return {row["name"]: FeatureEntry(**row) for row in _rows("catalogue.csv")}


@cache
def families() -> dict[str, Family]:
    """Return every feature family by name."""
    return {row["name"]: Family(**row) for row in _rows("families.csv")}


def feature_entry(name: str) -> FeatureEntry:
    """Return one feature's catalogue entry, or raise KeyError naming the feature."""
    try:
        return feature_catalogue()[name]
    except KeyError:
        raise KeyError(f"feature {name!r} has no entry in the catalogue (catalogue.csv)") from None


def family_of(name: str) -> str:
    """Return the family of a feature."""
    return feature_entry(name).family
