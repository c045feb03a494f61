"""The decision letter as one standalone, printable HTML page (every text escaped).

No script, no external resource: the style is inline (the app's CSP allows inline styles), so
the page reads and prints the same saved to disk, offline.
"""

from __future__ import annotations

from html import escape

from model_training.presentation.theme import HEADER_FILL, REFERENCE, TEXT_COLOUR, TOTAL
from scoring_api.letter.content import Letter, Section, Table

STYLE = f"""
body {{ font-family: Helvetica, Arial, sans-serif; color: {TEXT_COLOUR}; line-height: 1.45;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.5rem; margin-bottom: .25rem; }}
h2 {{ font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid {REFERENCE}; }}
.details {{ color: {TOTAL}; margin: 0 0 1rem; padding: 0; list-style: none; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid {REFERENCE}; padding: .35rem .5rem; text-align: left;
         vertical-align: top; }}
th {{ background: {HEADER_FILL}; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }} }}
"""


def render_letter_html(letter: Letter) -> str:
    """Return the letter as a standalone HTML document."""
    details = "".join(f"<li>{escape(line)}</li>" for line in letter.details)
    sections = "".join(_section(section) for section in letter.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(letter.lang)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(letter.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<main>\n<h1>{escape(letter.title)}</h1>\n<ul class="details">{details}</ul>\n'
        f"{sections}</main>\n</body>\n</html>\n"
    )


def _section(section: Section) -> str:
    """Return one section: heading, paragraphs, table."""
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in section.paragraphs)
    table = _table(section.table) if section.table else ""
    return f"<section>\n<h2>{escape(section.heading)}</h2>\n{paragraphs}{table}</section>\n"


def _table(table: Table) -> str:
    """Return a table with its header row."""
    widths = "".join(f'<col style="width: {share:.0%}">' for share in table.widths)
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return (
        f"<table>\n<colgroup>{widths}</colgroup>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>{body}</tbody>\n</table>\n"
    )
