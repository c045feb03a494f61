"""The icons the dashboard shows, cut out of Bootstrap Icons: a 2.4 kB font instead of 134 kB.

Bootstrap Icons' stylesheet names 2,078 icons (85 kB of CSS, render-blocking) and its font holds
them all (134 kB of woff2). The dashboard shows the few in ``ICONS``: at start-up the wheel's
font is cut down to those glyphs (fontTools, about 0.25 s once a process) and served with a
stylesheet of their rules only, both at addresses that carry their digest (kept a year).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass
from functools import cache

from flask import Flask, Response, request
from fontTools import subset
from fontTools.ttLib import TTFont
from werkzeug.wrappers import Response as BaseResponse

from dash_app.vendor import BOOTSTRAP_DIR, VENDOR_ROOT

# Every icon the dashboard's code names (``bi-<name>``); a test keeps this list exact.
ICONS = (
    "arrow-counterclockwise",
    "arrow-left",
    "arrow-left-right",
    "arrow-repeat",
    "box-arrow-in-right",
    "box-arrow-right",
    "box-arrow-up-right",
    "calculator",
    "check-circle-fill",
    "check2-circle",
    "chevron-down",
    "chevron-left",
    "chevron-right",
    "eraser",
    "exclamation-triangle-fill",
    "filetype-csv",
    "filetype-html",
    "filetype-json",
    "filetype-pdf",
    "hourglass-split",
    "inbox",
    "info-circle",
    "info-circle-fill",
    "person",
    "person-check",
    "person-circle",
    "person-fill-exclamation",
    "person-raised-hand",
    "person-vcard",
    "question-circle-fill",
    "search",
    "shield-lock",
    "translate",
    "x-octagon-fill",
)
SOURCE_CSS = BOOTSTRAP_DIR / "css" / "font" / "bootstrap-icons.min.css"
SOURCE_FONT = BOOTSTRAP_DIR / "css" / "font" / "fonts" / "bootstrap-icons.woff2"
ICON_RULE = re.compile(r'\.bi-([a-z0-9-]+)::before\{content:"\\([0-9a-f]+)"\}')
BASE_RULE = re.compile(r"\.bi::before,[^{]*\{[^}]*\}")  # the glyphs' shared font and alignment
FONT_FAMILY = "bootstrap-icons"
ICON_CSS_ENDPOINT = "dashboard_icons_css"
ICON_FONT_ENDPOINT = "dashboard_icons_font"


@dataclass(frozen=True)
class IconFont:
    """The cut-down font and its stylesheet, with their versioned addresses."""

    font: bytes
    css: str
    font_url: str
    css_url: str


def code_points(css: str, names: tuple[str, ...]) -> dict[str, int]:
    """Return each icon's code point as Bootstrap Icons' stylesheet gives it."""
    table = {match.group(1): int(match.group(2), 16) for match in ICON_RULE.finditer(css)}
    unknown = sorted(set(names) - set(table))
    if unknown:
        raise ValueError(f"{SOURCE_CSS.name}: no icon named {', '.join(unknown)}.")
    return {name: table[name] for name in names}


def subset_font(font_file: bytes, points: list[int]) -> bytes:
    """Return a woff2 font holding only these code points' glyphs."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # its notes on the source's tables
    font = TTFont(io.BytesIO(font_file))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def stylesheet(source_css: str, points: dict[str, int], font_url: str) -> str:
    """Return the @font-face, the shared rule and one rule per icon, for these icons."""
    base = BASE_RULE.search(source_css)
    if base is None:
        raise ValueError(f"{SOURCE_CSS.name}: no shared .bi::before rule.")
    face = (
        f"@font-face{{font-display:block;font-family:{FONT_FAMILY};"
        f'src:url("{font_url}") format("woff2")}}'
    )
    rules = "".join(
        f'.bi-{name}::before{{content:"\\{point:x}"}}' for name, point in points.items()
    )
    return f"{face}{base.group(0)}{rules}\n"


@cache
def icon_font() -> IconFont:
    """Cut the font and write its stylesheet (once a process)."""
    source_css = SOURCE_CSS.read_text(encoding="utf-8")
    points = code_points(source_css, ICONS)
    font = subset_font(SOURCE_FONT.read_bytes(), sorted(points.values()))
    font_url = f"{VENDOR_ROOT}icons-{hashlib.sha256(font).hexdigest()[:16]}.woff2"
    css = stylesheet(source_css, points, font_url)
    css_url = f"{VENDOR_ROOT}icons-{hashlib.sha256(css.encode()).hexdigest()[:16]}.css"
    return IconFont(font=font, css=css, font_url=font_url, css_url=css_url)


def _serve(data: bytes, mimetype: str) -> BaseResponse:
    """Answer with one of the icon files (an ETag for revalidation; kept a year anyway)."""
    response = Response(data, mimetype=mimetype)
    response.add_etag()
    return response.make_conditional(request)


def init_icon_routes(server: Flask) -> None:
    """Serve the icons' stylesheet and font at their versioned addresses (once)."""
    if ICON_CSS_ENDPOINT in server.view_functions:
        return
    icons = icon_font()
    server.add_url_rule(
        icons.css_url,
        endpoint=ICON_CSS_ENDPOINT,
        view_func=lambda: _serve(icons.css.encode(), "text/css"),
    )
    server.add_url_rule(
        icons.font_url,
        endpoint=ICON_FONT_ENDPOINT,
        view_func=lambda: _serve(icons.font, "font/woff2"),
    )
