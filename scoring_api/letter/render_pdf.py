"""The decision letter as a PDF, with reportlab's platypus (paragraphs, a table per table).

The standard Helvetica's WinAnsi encoding covers French accents, the narrow no-break space
Babel puts in French numbers is written as a no-break space (WinAnsi has no narrow one), and
the euro sign and the minus sign have their glyphs; no font file is embedded.
"""

from __future__ import annotations

import io
from html import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from model_training.presentation.theme import HEADER_FILL, REFERENCE
from scoring_api.letter.content import Letter, Section
from scoring_api.letter.content import Table as TextTable

MARGIN = 20 * mm
# Characters Helvetica (WinAnsi) lacks, written as the nearest one it has.
WINANSI_STAND_INS = str.maketrans({"\u202f": "\u00a0", "\u2212": "-"})


def render_letter_pdf(letter: Letter) -> bytes:
    """Return the letter as a PDF document (A4)."""
    styles = getSampleStyleSheet()
    body = ParagraphStyle("letter-body", parent=styles["BodyText"], fontSize=10, leading=14)
    cell = ParagraphStyle("letter-cell", parent=body, fontSize=9, leading=12)
    story: list[Flowable] = [Paragraph(_markup(letter.title), styles["Title"])]
    story += [Paragraph(_markup(line), body) for line in letter.details]
    for section in letter.sections:
        story += _section(section, styles["Heading2"], body, cell)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_plain(letter.title),
        lang=letter.lang,
    )
    document.build(story)
    return buffer.getvalue()


def _section(
    section: Section, heading: ParagraphStyle, body: ParagraphStyle, cell: ParagraphStyle
) -> list[Flowable]:
    """Return one section's flowables: heading, paragraphs, table."""
    flowables: list[Flowable] = [Paragraph(_markup(section.heading), heading)]
    flowables += [Paragraph(_markup(text), body) for text in section.paragraphs]
    if section.table is not None:
        flowables += [Spacer(1, 2 * mm), _table(section.table, cell)]
    return flowables


def _table(table: TextTable, cell: ParagraphStyle) -> Table:
    """Return a table whose cells wrap, with a shaded header row."""
    header = ParagraphStyle("letter-header", parent=cell, fontName="Helvetica-Bold")
    rows = [[Paragraph(_markup(text), header) for text in table.columns]]
    rows += [[Paragraph(_markup(text), cell) for text in row] for row in table.rows]
    width = A4[0] - 2 * MARGIN
    flowable = Table(rows, colWidths=[share * width for share in table.widths], repeatRows=1)
    flowable.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(REFERENCE)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_FILL)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return flowable


def _plain(text: str) -> str:
    """Return a text with the characters Helvetica lacks replaced."""
    return text.translate(WINANSI_STAND_INS)


def _markup(text: str) -> str:
    """Return a text as a Paragraph's markup: stand-ins applied, then escaped."""
    return escape(_plain(text), quote=False)
