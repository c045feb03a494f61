"""The UI text catalogue: plural forms chosen by Babel's CLDR rule for the language."""

from __future__ import annotations

import math

import pytest

from dash_app.text import catalogue, t_plural


@pytest.mark.parametrize(
    ("number", "lang", "expected"),
    [
        (0.4, "fr", "0,4 point de pourcentage"),  # French: below 2 is singular
        (1.9, "fr", "1,9 point de pourcentage"),
        (2.0, "fr", "2,0 points de pourcentage"),
        (1.0, "en", "1.0 percentage points"),  # English: a shown decimal is plural
        (0.4, "en", "0.4 percentage points"),
    ],
)
def test_t_plural_picks_the_form_of_the_number_as_shown(
    number: float, lang: str, expected: str
) -> None:
    value = f"{number:.1f}".replace(".", "," if lang == "fr" else ".")
    assert t_plural("appform.result.pp", number, lang, decimals=1, value=value) == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "1 client"), (1_000_000, "1000000 clients")])
def test_a_form_the_catalogue_lacks_falls_back_to_other(count: int, expected: str) -> None:
    text = t_plural("compare.hover.bin", count, "fr", left="a", right="b", count=count, share="s")
    assert text == f"De a à b : {expected} (s)"  # French "many" (a million) reads as "other"


@pytest.mark.parametrize("number", [None, math.nan])
def test_a_missing_number_takes_the_other_form(number: float | None) -> None:
    assert t_plural("appform.result.pp", number, "en", value="—") == "— percentage points"


def test_every_plural_key_has_an_other_form() -> None:
    keys = set(catalogue())
    plural = {key.rsplit(".", 1)[0] for key in keys if key.endswith((".one", ".many"))}
    assert plural
    assert all(f"{key}.other" in keys for key in plural)
