"""The feature catalogue: plain-language labels, descriptions and families, in French and English.

The data lives beside this module: ``catalogue.csv`` (one row a feature) and ``families.csv``
(one row a family, with what would improve it). Families group features for reason codes.

Each feature also declares, once:
- ``direction``: +1 when a lender's credit policy reads it as riskier as it grows, -1 safer,
  0 free (no defensible direction), with ``direction_why``; training passes it to CatBoost as a
  monotone constraint.
- ``evidence``: what the client's value says about its family's assertion. ``fact``: a value
  neither missing nor zero supports it (a late-instalment count of 2); ``volume``: how much
  history exists (zero or missing means little history, never an adverse fact); ``context``:
  shapes the risk but never supports the family's words (days paid early); ``structural``:
  missing means "not applicable" (a car's age without a car), not missing information.
A family is ``adverse_value`` (it asserts something about the client's values) or
``missing_information`` (an input or a history is absent); each adverse family names the
missing-information family that takes its features' missing values (``missing_family``), and
``refer`` marks missing information that sends the decision to a person.

``fields.csv`` owns the labels of the raw application fields shown to people where they differ
from a model feature's (people read "identity document changed 3 years ago", the model a number
of days) or where the field is no model feature; every other field is a catalogued feature of
the same name and takes the feature's label and description (``field_catalogue``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from model_training.data.schema import PROTECTED_ATTRIBUTE, table

LANGUAGES: tuple[str, ...] = ("fr", "en")
DIRECTIONS: tuple[int, ...] = (-1, 0, 1)
EVIDENCE_KINDS: tuple[str, ...] = ("fact", "volume", "context", "structural")
ADVERSE_VALUE = "adverse_value"
MISSING_INFORMATION = "missing_information"
FIELD_TABLE = "application_test"  # its columns: every application field but the outcome


@dataclass(frozen=True)
class FeatureEntry:
    """One feature's family, short labels and one-sentence descriptions (fr, en)."""

    name: str
    family: str
    direction: int
    evidence: str
    label_fr: str
    label_en: str
    description_fr: str
    description_en: str
    direction_why: str = ""

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
    kind: str
    missing_family: str
    is_referred: bool
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


@dataclass(frozen=True)
class FieldEntry:
    """One raw application field as people read it: label, and a description when one exists."""

    name: str
    label_fr: str
    label_en: str
    description_fr: str = ""
    description_en: str = ""

    def label(self, lang: str = "fr") -> str:
        """Return the field's label in ``lang`` (fr or en)."""
        return self.label_fr if lang == "fr" else self.label_en

    def description(self, lang: str = "fr") -> str:
        """Return the field's description in ``lang`` (fr or en), empty when it has none."""
        return self.description_fr if lang == "fr" else self.description_en


def _rows(file_name: str) -> list[dict[str, str]]:
    """Return the rows of a CSV file stored beside this module."""
    text = resources.files("model_training.features").joinpath(file_name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def feature_catalogue() -> dict[str, FeatureEntry]:
    """Return every catalogued feature's entry by name."""
    entries = {}
    for row in _rows("catalogue.csv"):
        text_fields = {k: v for k, v in row.items() if k != "direction"}
        entry = FeatureEntry(**text_fields, direction=int(row["direction"]))
        if entry.direction not in DIRECTIONS or entry.evidence not in EVIDENCE_KINDS:
            raise ValueError(
                f"catalogue.csv, feature {entry.name}: direction must be one of {DIRECTIONS} "
                f"and evidence one of {EVIDENCE_KINDS}; got {entry.direction}, {entry.evidence!r}"
            )
        entries[entry.name] = entry
    return entries


@cache
def families() -> dict[str, Family]:
    """Return every feature family by name."""
    out = {}
    for row in _rows("families.csv"):
        refer = row.pop("refer")
        out[row["name"]] = Family(**row, is_referred=refer == "1")
    return out


def feature_entry(name: str) -> FeatureEntry:
    """Return one feature's catalogue entry, or raise KeyError naming the feature."""
    try:
        return feature_catalogue()[name]
    except KeyError:
        raise KeyError(f"feature {name!r} has no entry in the catalogue (catalogue.csv)") from None


def feature_label(name: str, lang: str) -> str:
    """Return a feature's plain label in ``lang``, or its name when it is not catalogued."""
    entry = feature_catalogue().get(name)
    return entry.label(lang) if entry else name


def family_of(name: str) -> str:
    """Return the family of a feature."""
    return feature_entry(name).family


def monotone_directions(names: list[str]) -> dict[str, int]:
    """Return the declared direction (+1 or -1) of each constrained feature among ``names``."""
    catalogue = feature_catalogue()
    return {n: catalogue[n].direction for n in names if n in catalogue and catalogue[n].direction}


def application_field_names() -> list[str]:
    """Return the raw application fields served to people (the protected attribute left out)."""
    return [c.name for c in table(FIELD_TABLE).columns if c.name != PROTECTED_ATTRIBUTE]


@cache
def field_catalogue() -> dict[str, FieldEntry]:
    """Return every served application field's label by name, in the schema's order."""
    own = {row["name"]: row for row in _rows("fields.csv")}
    features = feature_catalogue()
    names = application_field_names()
    unknown = sorted(set(own) - set(names))
    if unknown:
        raise ValueError(f"fields.csv names fields no application holds: {unknown}")
    entries = {}
    for name in names:
        if name in own:
            entries[name] = FieldEntry(**own[name])
        elif name in features:
            feature = features[name]
            entries[name] = FieldEntry(
                name,
                feature.label_fr,
                feature.label_en,
                feature.description_fr,
                feature.description_en,
            )
        else:
            raise ValueError(f"application field {name} has no label: add it to fields.csv")
    return entries
