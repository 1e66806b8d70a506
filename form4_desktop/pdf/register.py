"""The Item 405 register as a PDF table for the proxy drafter (`form4 late --pdf`, the register view's Export PDF):
a title naming the issuer and the fiscal year, one row per insider with a late report, a transaction reported late
or a known failure to file (the lines `form4 late` prints, in its order), the register's columns, filing dates taken
from a signature marked "assumed", what each count is made of, and when it was produced (on every page, with
"Page N of M"). Landscape US Letter in the forms' embedded font; the heading row repeats on every page."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from form4_desktop.pdf.layout import (
    BOLD,
    CELL,
    CELL_CENTER,
    CELL_RIGHT,
    FONT,
    MARGIN,
    NOTE,
    PAGE,
    WIDTH,
    Paragraph,
    _numbered_canvas,
    _style,
    _table,
    register_fonts,
)
from form4_desktop.rules.characters import printable_text
from form4_desktop.rules.register import FiscalYear

HEADINGS = (
    "Owner CIK",
    "Reporting person",
    "Late reports",
    "Transactions reported late",
    "Known failures to file",
    "Filing dates",
    "What the counts are made of",
)
WIDTHS = (64, 150, 48, 66, 60, 52, WIDTH - 440)
ASSUMED, KNOWN = "assumed", "known"
CAPTION = "Delinquent Section 16(a) Reports"
_TITLE = _style("register-title", 13, bold=True, align=TA_CENTER, leading=16)
_SUBTITLE = _style("register-subtitle", 10, align=TA_CENTER, leading=13)
_HEAD = _style("register-head", 7.5, bold=True, leading=9)
_HEAD_RIGHT = _style("register-head-right", 7.5, bold=True, leading=9, align=TA_RIGHT)
_HEAD_CENTER = _style("register-head-center", 7.5, bold=True, leading=9, align=TA_CENTER)


def _text(value: str, style=CELL) -> Paragraph:
    return Paragraph(escape(printable_text(value)).replace("\n", "<br/>"), style)


def _when(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{moment:%m/%d/%Y} {hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def register_pdf(
    rows: Sequence[Sequence[str]],
    *,
    insiders: int,
    issuer: str,
    issuer_cik: str,
    fiscal_year: FiscalYear,
    produced: datetime,
    as_of: date,
) -> bytes:
    """The register of `issuer` (name as the store knows it; CIK, ten digits) for `fiscal_year`: `rows`, one per
    insider with something late (the texts of HEADINGS in order, the filing dates ASSUMED or KNOWN), of `insiders`
    in all; judged as of `as_of` (a draft unfiled after its due date is a failure to file by then), produced at
    `produced` (New York time)."""
    register_fonts()
    buffer = io.BytesIO()
    who = f"{issuer} (CIK {issuer_cik})" if issuer else f"CIK {issuer_cik}"
    title = f"Item 405 register \u2014 {who} \u2014 fiscal year {fiscal_year.year}"
    document = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8,
        title=title,
        author="Form 4 Desktop",
        creator="Form 4 Desktop",
        initialFontName=FONT,
        initialFontSize=8,
        initialLeading=10,
    )
    frame = Frame(MARGIN, MARGIN + 8, WIDTH, PAGE[1] - 2 * MARGIN - 8, 0, 0, 0, 0)
    document.addPageTemplates([PageTemplate(id="register", frames=[frame])])
    produced_text = f"Produced {_when(produced)} ET"
    story: list = [
        _text(f"Item 405 register: {CAPTION}", _TITLE),
        _text(who, _SUBTITLE),
        _text(f"Fiscal year {fiscal_year.year}: {fiscal_year.start:%m/%d/%Y} to {fiscal_year.end:%m/%d/%Y}", _SUBTITLE),
        _text(
            f"{produced_text} by Form 4 Desktop from the filings and drafts in its store; failures to file judged "
            f"as of {as_of:%m/%d/%Y}.",
            _style("register-produced", 8, align=TA_CENTER, leading=11),
        ),
        Spacer(0, 10),
    ]
    heading = [
        _text(text, _HEAD_RIGHT if 2 <= column <= 4 else _HEAD_CENTER if column == 5 else _HEAD)
        for column, text in enumerate(HEADINGS)
    ]
    table: list[list] = [heading]
    for cells in rows:
        table.append(
            [
                _text(text, CELL_RIGHT if 2 <= column <= 4 else CELL_CENTER if column == 5 else CELL)
                for column, text in enumerate(cells)
            ]
        )
        if cells[5] == ASSUMED:  # the mark a reader must not miss
            table[-1][5] = Paragraph(f"<font name='{BOLD}'>{ASSUMED}</font>", CELL_CENTER)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if not rows:
        table.append(
            [_text("No insider filed a report late or failed to file a required form in this fiscal year.")]
            + [""] * (len(HEADINGS) - 1)
        )
        style.append(("SPAN", (0, 1), (-1, 1)))
    story.append(_table(table, style, colWidths=WIDTHS, repeatRows=1))
    others = insiders - len(rows)
    notes = [
        f"{len(rows)} insider{'s' if len(rows) != 1 else ''} listed; "
        + (
            "no other insider of the issuer is in the store."
            if others == 0
            else f"{others} other insider{'s' if others != 1 else ''} of the issuer in the store had nothing late "
            "in the fiscal year."
        ),
        "Counts as Regulation S-K Item 405(a) asks for them: the number of late reports, the number of transactions "
        "not reported on a timely basis, and any known failure to file a required form (a Form 5 owed and not "
        "filed without a written representation that none is required counts, Item 405(b)(3)).",
    ]
    if any(cells[5] == ASSUMED for cells in rows):
        notes.append(
            "Filing dates \u201cassumed\u201d: a copy imported from EDGAR without its filing date is taken as filed "
            "on its latest signature date. Confirm those dates on EDGAR before the proxy statement relies on them."
        )
    story += [Spacer(0, 8)] + [_text(note, NOTE) for note in notes]
    document.build(story, canvasmaker=_numbered_canvas(title, produced_text, False, 1))
    return buffer.getvalue()
