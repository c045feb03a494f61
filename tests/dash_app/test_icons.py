"""The icon font: exactly the icons the dashboard names, cut out of Bootstrap Icons."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from dash_app import icons
from dash_app.icons import ICONS, SOURCE_CSS, code_points, icon_font, stylesheet

DASH_APP = Path(icons.__file__).resolve().parent
ICON_CLASS = re.compile(r"\bbi-([a-z0-9-]+)")


def named_icons() -> set[str]:
    """Return the icons the dashboard's code names (``bi-<name>`` in its modules)."""
    return {
        name
        for module in DASH_APP.rglob("*.py")
        if module.name != "icons.py"
        for name in ICON_CLASS.findall(module.read_text(encoding="utf-8"))
    }


def test_the_font_holds_exactly_the_icons_the_code_names() -> None:
    assert named_icons() == set(ICONS)


def test_the_font_has_one_glyph_per_icon_and_weighs_little() -> None:
    font = TTFont(io.BytesIO(icon_font().font))
    points = code_points(SOURCE_CSS.read_text(encoding="utf-8"), ICONS)
    assert set(font.getBestCmap()) == set(points.values())
    assert len(icon_font().font) < 5_000  # the whole set: 134,044 bytes


def test_the_stylesheet_has_the_font_and_one_rule_per_icon() -> None:
    css = icon_font().css
    assert f'src:url("{icon_font().font_url}") format("woff2")' in css
    assert css.count("::before{content:") == len(ICONS)
    assert '.bi-translate::before{content:"\\f658"}' in css
    assert ".bi::before," in css  # the glyphs' shared font and alignment


def test_an_icon_bootstrap_does_not_have_is_named_in_the_error() -> None:
    source = SOURCE_CSS.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="no icon named no-such-icon"):
        code_points(source, ("search", "no-such-icon"))
    with pytest.raises(ValueError, match=r"no shared \.bi::before rule"):
        stylesheet('.bi-search::before{content:"\\f52a"}', {"search": 0xF52A}, "/x.woff2")
