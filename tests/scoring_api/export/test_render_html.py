"""The readable export's HTML: standalone, no script, every text escaped."""

from __future__ import annotations

import datetime

from scoring_api.export.content import build_readable_export
from scoring_api.export.render_html import render_export_html
from tests.scoring_api.export.bodies import export_body

HOSTILE = '<script>alert("x")</script>'


def test_a_hostile_category_value_is_escaped() -> None:
    body = export_body(
        application={"NAME_FAMILY_STATUS": HOSTILE},
        history={"bureau": [{"CREDIT_TYPE": HOSTILE}]},
    )
    page = render_export_html(
        build_readable_export(body, lang="en", day=datetime.date(2026, 12, 5))
    )
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 2


def test_the_page_is_standalone_in_its_language() -> None:
    page = render_export_html(
        build_readable_export(export_body(), lang="fr", day=datetime.date(2026, 12, 5))
    )
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in page
    assert "http" not in page
