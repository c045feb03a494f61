"""The readable export as one standalone, printable HTML page (every text escaped).

Styled like the decision letter (its inline style, which the app's CSP allows): no script, no
external resource, so the page reads and prints the same saved to disk, offline.
"""

from __future__ import annotations

from html import escape

from scoring_api.export.content import Block, Part, ReadableExport
from scoring_api.letter.render_html import STYLE

EXTRA_STYLE = """
.intro { margin-bottom: 1.5rem; }
caption { text-align: left; font-weight: bold; padding: .75rem 0 .25rem; }
td, th { overflow-wrap: anywhere; }
"""


def render_export_html(export: ReadableExport) -> str:
    """Return the readable export as a standalone HTML document."""
    details = "".join(f"<li>{escape(line)}</li>" for line in export.details)
    parts = "".join(_part(part) for part in export.parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(export.lang)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(export.title)}</title>\n<style>{STYLE}{EXTRA_STYLE}</style>\n"
        f'</head>\n<body>\n<main>\n<h1>{escape(export.title)}</h1>\n<ul class="details">'
        f'{details}</ul>\n<p class="intro">{escape(export.intro)}</p>\n{parts}</main>\n'
        "</body>\n</html>\n"
    )


def _part(part: Part) -> str:
    """Return one part: heading, paragraphs, tables."""
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in part.paragraphs)
    blocks = "".join(_block(block) for block in part.blocks)
    return f"<section>\n<h2>{escape(part.heading)}</h2>\n{paragraphs}{blocks}</section>\n"


def _block(block: Block) -> str:
    """Return a table with its caption and header row."""
    table = block.table
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    widths = "".join(f'<col style="width: {share:.0%}">' for share in table.widths)
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return (
        f"<table>\n{caption}<colgroup>{widths}</colgroup>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>{body}</tbody>\n</table>\n"
    )
