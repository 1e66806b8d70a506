"""The printable Form 4: landscape US Letter, box by box as the SEC's form, for manual signature.

Values are written as the SEC's stylesheet writes them (dates MM/DD/YYYY; amounts with thousands separators;
prices with "$"); a footnote reference is a superscript "(n)" beside the value it annotates, and a box given
only by a footnote shows "(n)". Tables that do not fit flow onto further pages with their headings repeated,
and every page says "Page N of M" (per copy). The font is embedded, so the page prints the same everywhere.
The CCC is never printed.

A draft may hold what EDGAR would refuse (a 1,000-character city, a footnote of a thousand lines): the checks
report it, and the form still prints. A text longer than EDGAR allows in its box is cut at that length with
a visible mark ("… [970 more characters not shown]"), and a footnote or remark keeps at most
`MAX_LINE_BREAKS` line breaks, so that no box grows taller than a page (which the layout cannot place).
"""

from __future__ import annotations

import copy as copying
import dataclasses
import io
import threading
from decimal import Decimal
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from form4_desktop.errors import UserError
from form4_desktop.model import (
    DerivativeTransaction,
    Filing,
    Footnote,
    Footnoted,
    NonDerivativeTransaction,
    OwnerAddress,
    ReportingOwner,
    Signature,
)
from form4_desktop.model.codes import COUNTRIES, OBSOLETE_COUNTRIES
from form4_desktop.model.display import format_date

PAGE = landscape(letter)
MARGIN = 24
WIDTH = PAGE[0] - 2 * MARGIN
FONT, BOLD = "Form4Sans", "Form4Sans-Bold"
WATERMARK = "DRAFT \u2014 NOT FOR FILING"
_fonts_registered = False


def register_fonts() -> None:
    """Register the bundled DejaVu Sans Condensed (free licence; see fonts/DejaVu-LICENSE.txt)."""
    global _fonts_registered
    if _fonts_registered:
        return
    folder = resources.files("form4_desktop.pdf") / "fonts"
    for name, file_name in ((FONT, "DejaVuSansCondensed.ttf"), (BOLD, "DejaVuSansCondensed-Bold.ttf")):
        with resources.as_file(folder / file_name) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    _fonts_registered = True


def _style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    align: int = TA_LEFT,
    leading: float | None = None,
    space_after: float = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.2,
        alignment=align,
        spaceAfter=space_after,
    )


CELL = _style("cell", 7.5)
CELL_CENTER = _style("cell-center", 7.5, align=TA_CENTER)
CELL_RIGHT = _style("cell-right", 7.5, align=TA_RIGHT)
HEAD = _style("head", 6.2, leading=7.2)
HEAD_CENTER = _style("head-center", 6.2, leading=7.2, align=TA_CENTER)
LABEL = _style("label", 6.5)
SMALL = _style("small", 5.8, leading=6.8)
VALUE = _style("value", 8.5)
TITLE = _style("title", 10, bold=True, align=TA_CENTER, leading=12)
TEXT = _style("text", 7.5, leading=9.5)
SECTION = _style("section", 9, bold=True, leading=11, space_after=3)


def _table(data: list, style=None, **options) -> Table:
    """A reportlab Table whose every cell, even an empty one, is set in the embedded font."""
    commands = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7)]
    if isinstance(style, TableStyle):
        commands += list(style.getCommands())
    elif style:
        commands += list(style)
    return Table(data, style=TableStyle(commands), **options)


# -- what fits on the form --------------------------------------------------------------------------------
# EDGAR's longest value per box (RULES.md §3 field lengths); a code box (A/D, D/I, a state) gets a little more,
# so that a wrong value such as "Disposed" still shows whole.
_LIMITS = {
    "name": 150,
    "street1": 40,
    "street2": 40,
    "city": 30,
    "zip_code": 10,
    "non_us_state_territory": 40,
    "state": 10,
    "country": 10,
    "state_description": 40,
    "officer_title": 30,
    "other_text": 30,
    "cik": 10,
    "trading_symbol": 10,
    "foreign_trading_symbol": 14,
    "security_title": 60,
    "title": 60,
    "nature_of_ownership": 100,
    "remarks": 2000,
    "text": 1000,
    "id": 6,
    "document_type": 4,
    "schema_version": 10,
}
_SIGNATURE_NAME = 255
_CODE_LIMIT = 10  # any other text: codes and one-letter boxes
_NUMBER_LIMIT = 24  # "$999,999,999,999.9999", EDGAR's largest amount, is 21 characters
MAX_FOOTNOTE_REFERENCES = 99  # per box: one to each footnote EDGAR allows
MAX_LINE_BREAKS = 40


def clip(text: str, limit: int) -> str:
    """`text` cut at `limit` characters with a visible mark, when it is longer (which the checks report)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\u2026 [{len(text) - limit:,} more characters not shown]"


def _fewer_lines(text: str) -> str:
    """At most MAX_LINE_BREAKS line breaks; the lines after them run on, separated by spaces."""
    lines = text.splitlines()
    if len(lines) <= MAX_LINE_BREAKS + 1:
        return text
    return "\n".join(lines[:MAX_LINE_BREAKS]) + "\n" + " ".join(lines[MAX_LINE_BREAKS:])


def _clip_refs(footnote_ids: list[str]) -> list[str]:
    ids = [clip(footnote_id, _LIMITS["id"]) for footnote_id in footnote_ids[:MAX_FOOTNOTE_REFERENCES]]
    return ids + ["\u2026"] if len(footnote_ids) > MAX_FOOTNOTE_REFERENCES else ids


def _fit(obj: object, name: str = "") -> None:
    """Clip, in place, every text of a copy of the filing to what its box can show (see the module's notes)."""
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, field.name)
        # A Footnoted box's value is limited by the box's name (security_title), anything else by its own.
        key = name if field.name == "value" else field.name
        if isinstance(value, str):
            limit = _SIGNATURE_NAME if isinstance(obj, Signature) else _LIMITS.get(key, _CODE_LIMIT)
            if isinstance(obj, Footnote) and field.name == "text" or key == "remarks":
                value = _fewer_lines(value)
            setattr(obj, field.name, clip(value, limit))
        elif field.name == "footnote_ids":
            setattr(obj, field.name, _clip_refs(value))
        elif isinstance(value, list):
            for item in value:
                if dataclasses.is_dataclass(item):
                    _fit(item, field.name)
        elif dataclasses.is_dataclass(value):
            _fit(value, field.name)


def printable(filing: Filing) -> Filing:
    """A copy of `filing` whose every text fits its box on the form."""
    fitted = copying.deepcopy(filing)
    _fit(fitted)
    return fitted


# -- how values read on the form ---------------------------------------------------------------------------
def format_amount(value: Decimal | None) -> str:
    """As the SEC's stylesheet: 0; one decimal shown as two; otherwise up to four; thousands separators."""
    if value is None:
        return ""
    if value == 0:
        return "0"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places == 1:
        return f"{value:,.2f}"
    if places == 0:
        return f"{value:,f}"
    text = f"{value:,.{max(places, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_price(value: Decimal | None) -> str:
    return f"${format_amount(value)}" if value is not None else ""


def footnote_number(footnote_id: str) -> str:
    return footnote_id[1:] if footnote_id.startswith("F") else footnote_id


def _refs(footnote_ids: list[str]) -> str:
    return "".join(f"<super>({escape(footnote_number(i))})</super>" for i in footnote_ids)


def box_markup(box: Footnoted | None, render=str) -> str:
    """A box's value with its footnote references; "(n)" when a footnote alone gives it."""
    if box is None:
        return ""
    if box.value is None or box.value == "":
        return " ".join(f"({escape(footnote_number(i))})" for i in box.footnote_ids)
    text = render(box.value)
    if not isinstance(box.value, str):  # a number of a thousand digits (which the checks report) is cut
        text = clip(text, _NUMBER_LIMIT)
    return escape(text) + _refs(box.footnote_ids)


def _p(markup: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph(markup or "&nbsp;", style)


_static = threading.local()


def _s(markup: str, style: ParagraphStyle = CELL) -> Paragraph:
    """A Paragraph of the form's own fixed wording, parsed once per thread and reused: the form's headings
    are most of what a typical page holds."""
    cache = getattr(_static, "paragraphs", None)
    if cache is None:
        cache = _static.paragraphs = {}
    key = (markup, style.name)
    if key not in cache:
        cache[key] = Paragraph(markup, style)
    return cache[key]


class _Line(Flowable):
    """One line of plain text in a cell: what most cells hold (a date, an amount, a code). Far cheaper than
    a Paragraph to measure and draw; a text too wide for its cell becomes a Paragraph after all."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text, self.style = text, style
        self._paragraph: Paragraph | None = None

    def wrap(self, available_width, available_height):
        if (
            self._paragraph is None
            and pdfmetrics.stringWidth(self.text, self.style.fontName, self.style.fontSize) > available_width
        ):
            self._paragraph = Paragraph(escape(self.text), self.style)
        if self._paragraph is not None:
            return self._paragraph.wrap(available_width, available_height)
        self.width, self.height = available_width, self.style.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        canvas, style = self.canv, self.style
        canvas.setFont(style.fontName, style.fontSize)
        baseline = self.height - style.fontSize
        if style.alignment == TA_CENTER:
            canvas.drawCentredString(self.width / 2, baseline, self.text)
        elif style.alignment == TA_RIGHT:
            canvas.drawRightString(self.width, baseline, self.text)
        else:
            canvas.drawString(0, baseline, self.text)


def _c(markup: str, style: ParagraphStyle = CELL) -> Flowable:
    """A table cell: a plain line where the markup is plain text, a Paragraph where it is not."""
    if "<" in markup or "&" in markup:
        return Paragraph(markup, style)
    return _Line(markup, style)


def _text(text: str | None) -> str:
    """Escaped text with its line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


def _check(checked: bool) -> str:
    return "\u2612" if checked else "\u2610"  # ☒ / ☐ (drawn by the embedded font)


# -- the form's top ----------------------------------------------------------------------------------------
def _top(filing: Filing) -> Table:
    form_box = _table(
        [
            [
                Paragraph(
                    "FORM 4" + ("/A" if filing.is_amendment else ""),
                    _style("form", 18, bold=True, align=TA_CENTER, leading=21),
                )
            ]
        ],
        colWidths=[120],
        style=[("BOX", (0, 0), (-1, -1), 1.2, colors.black)],
    )
    boxes = _table(
        [
            [
                _p(_check(bool(filing.not_subject_to_section16)), _style("chk", 11, leading=12)),
                _s(
                    "Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations may continue. "
                    "<i>See</i> Instruction 1(b).",
                    SMALL,
                ),
            ],
            [
                _p(_check(bool(filing.aff10b5_one)), _style("chk2", 11, leading=12)),
                _s(
                    "Check this box to indicate that a transaction was made pursuant to a contract, instruction or "
                    "written plan that is intended to satisfy the affirmative defense conditions of Rule 10b5-1(c). "
                    "See Instruction 10.",
                    SMALL,
                ),
            ],
        ],
        colWidths=[14, 160],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
    )
    left = _table([[form_box], [boxes]], colWidths=[176], style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])
    centre = [
        Paragraph("UNITED STATES SECURITIES AND EXCHANGE COMMISSION", TITLE),
        Paragraph("Washington, D.C. 20549", _style("c2", 8.5, align=TA_CENTER)),
        Spacer(1, 6),
        Paragraph("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES", TITLE),
        Spacer(1, 3),
        Paragraph(
            "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934 or Section 30(h) of the "
            "Investment Company Act of 1940",
            _style("c3", 7.5, align=TA_CENTER),
        ),
    ]
    omb = _table(
        [
            [_s("<b>OMB APPROVAL</b>", _style("o1", 7.5, align=TA_CENTER))],
            [
                _table(
                    [
                        [_s("OMB Number:", LABEL), _s("3235-0287", _style("o2", 6.5, align=TA_RIGHT))],
                        [
                            _s("Estimated average burden hours per response:", LABEL),
                            _s("0.5", _style("o3", 6.5, align=TA_RIGHT)),
                        ],
                    ],
                    colWidths=[100, 44],
                    style=[
                        ("LEFTPADDING", (0, 0), (-1, -1), 1),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ],
                )
            ],
        ],
        colWidths=[150],
        style=[("BOX", (0, 0), (-1, -1), 1.2, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)],
    )
    return _table(
        [[left, centre, omb]],
        colWidths=[182, WIDTH - 182 - 160, 160],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ],
    )


def _is_foreign(address: OwnerAddress) -> bool:
    return bool(address.non_us_address or address.country)


def _state_name(address: OwnerAddress) -> str:
    """The State box as EDGAR shows it: a US state's code ("NV", not "NEVADA"); abroad, the region."""
    if _is_foreign(address):
        return address.non_us_state_territory or ""
    return address.state or ""


def _country_name(address: OwnerAddress) -> str:
    """The country of a non-US address, by name; none for a US address (EDGAR shows no country for it)."""
    if not _is_foreign(address):
        return ""
    code = address.country or ""
    return COUNTRIES.get(code) or OBSOLETE_COUNTRIES.get(code) or code


def _owner_block(owner: ReportingOwner, number: int, count: int) -> list:
    address = owner.address or OwnerAddress()
    star = "*" if count > 1 else "*"
    heading = f"1. Name and Address of Reporting Person{star}" + (f" ({number} of {count})" if count > 1 else "")
    caption = _style("cap", 5.5, leading=6.5)
    name = escape(owner.name or (f"CIK {owner.cik}" if owner.cik else ""))
    street = "<br/>".join(escape(line) for line in (address.street1, address.street2) if line)
    rows = [
        [_p(heading, LABEL)],
        [_p(name or "&nbsp;", VALUE)],
        [
            _table(
                [[_s("(Last)", caption), _s("(First)", caption), _s("(Middle)", caption)]],
                colWidths=[80, 80, 80],
                style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.black)],
            )
        ],
        [_p(street or "&nbsp;", VALUE)],
        [_s("(Street)", caption)],
        [
            _table(
                [
                    [
                        _p(escape(address.city or ""), VALUE),
                        _p(escape(_state_name(address)), VALUE),
                        _p(escape(address.zip_code or ""), VALUE),
                    ]
                ],
                colWidths=[110, 80, 50],
                style=[("LEFTPADDING", (0, 0), (-1, -1), 0)],
            )
        ],
        [
            _table(
                [[_s("(City)", caption), _s("(State)", caption), _s("(Zip)", caption)]],
                colWidths=[110, 80, 50],
                style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.black)],
            )
        ],
    ]
    country = _country_name(address)
    if country:
        rows += [[_p(escape(country), VALUE)], [_s("(Country)", caption)]]
    return rows


def _relationship_block(owner: ReportingOwner) -> Table:
    r = owner.relationship
    mark = _style("mark", 7, leading=8.4)
    lines = [
        [
            _p(f"{_check(bool(r.is_director))} Director", mark),
            _p(f"{_check(bool(r.is_ten_percent_owner))} 10% Owner", mark),
        ],
        [
            _p(f"{_check(bool(r.is_officer))} Officer (give title below)", mark),
            _p(f"{_check(bool(r.is_other))} Other (specify below)", mark),
        ],
    ]
    detail = " / ".join(escape(text) for text in (r.officer_title, r.other_text) if text)
    lines.append([_p(detail or "&nbsp;", _style("title-below", 8, align=TA_CENTER)), ""])
    return _table(
        lines,
        colWidths=[96, 80],
        style=[
            ("SPAN", (0, 2), (1, 2)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 2), (1, 2), 0.4, colors.black),
        ],
    )


def _boxes(filing: Filing) -> Table:
    owners = filing.reporting_owners or [ReportingOwner()]
    first = owners[0]
    issuer = filing.issuer
    issuer_text = escape(issuer.name or (f"CIK {issuer.cik}" if issuer.cik else "")) + (
        f" [{escape(issuer.trading_symbol)}]" if issuer.trading_symbol else ""
    )
    box1 = _table(
        _owner_block(first, 1, len(owners)),
        colWidths=[236],
        style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ],
    )
    box234 = _table(
        [
            [_s("2. Issuer Name <b>and</b> Ticker or Trading Symbol", LABEL)],
            [_p(issuer_text, VALUE)],
            [_s("2a. Foreign Trading Symbol", LABEL)],
            [_p(escape(issuer.foreign_trading_symbol or ""), VALUE)],
            [_s("3. Date of Earliest Transaction (Month/Day/Year)", LABEL)],
            [_p(format_date(filing.period_of_report), VALUE)],
            [_s("4. If Amendment, Date of Original Filed (Month/Day/Year)", LABEL)],
            [_p(format_date(filing.date_of_original_submission), VALUE)],
        ],
        colWidths=[220],
        style=[
            ("LINEBELOW", (0, 3), (-1, 3), 0.6, colors.black),
            ("LINEBELOW", (0, 5), (-1, 5), 0.6, colors.black),
            ("LINEBELOW", (0, 1), (-1, 1), 0.4, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )
    more = f"<br/>(and {len(owners) - 1} more: see Reporting Owners)" if len(owners) > 1 else ""
    box5 = _table(
        [
            [_p("5. Relationship of Reporting Person(s) to Issuer (Check all applicable)" + more, LABEL)],
            [_relationship_block(first)],
        ],
        colWidths=[180],
    )
    joint = len(owners) > 1
    box6 = _table(
        [
            [_s("6. Individual or Joint/Group Filing (Check Applicable Line)", LABEL)],
            [_p(f"{_check(not joint)} Form filed by One Reporting Person", _style("m6", 7))],
            [_p(f"{_check(joint)} Form filed by More than One Reporting Person", _style("m6b", 7))],
        ],
        colWidths=[WIDTH - 240 - 224 - 184 - 4],
    )
    return _table(
        [[box1, box234, box5, box6]],
        colWidths=[240, 224, 184, WIDTH - 240 - 224 - 184],
        style=[
            ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 1),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ],
    )


# -- Table I and Table II ----------------------------------------------------------------------------------
_TABLE_STYLE = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("BOX", (0, 0), (-1, -1), 1, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
]
TABLE_I_WIDTHS = [150, 55, 60, 32, 18, 70, 30, 60, 95, 55, 119]
TABLE_II_WIDTHS = [76, 46, 44, 50, 26, 12, 42, 42, 46, 46, 64, 48, 42, 50, 34, 76]


def _coding(row: NonDerivativeTransaction | DerivativeTransaction) -> tuple[str, str]:
    coding = row.coding
    if coding is None:
        return "", ""
    code = escape(coding.code) + ("/K" if coding.equity_swap_involved else "") + _refs(coding.footnote_ids)
    early = "V" if coding.form_type == "5" else ""
    if row.timeliness is not None:
        early += _refs(row.timeliness.footnote_ids)
    return code, early


def _ownership(row) -> list:
    return [
        _c(box_markup(row.ownership.direct_or_indirect), CELL_CENTER),
        _c(box_markup(row.ownership.nature_of_ownership)),
    ]


def _following(row) -> Flowable:
    if row.shares_owned_following is not None:
        return _c(box_markup(row.shares_owned_following, format_amount), CELL_RIGHT)
    return _c(box_markup(row.value_owned_following, format_price), CELL_RIGHT)


def table_i(filing: Filing) -> Table:
    head = [
        [
            _s(
                "<b>Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned</b>",
                _style("t1", 8, align=TA_CENTER),
            )
        ]
        + [""] * 10,
        [
            _s("1. Title of Security (Instr. 3)", HEAD),
            _s("2. Transaction Date (Month/Day/Year)", HEAD),
            _s("2A. Deemed Execution Date, if any (Month/Day/Year)", HEAD),
            _s("3. Transaction Code (Instr. 8)", HEAD),
            "",
            _s("4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)", HEAD),
            "",
            "",
            _s("5. Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. 3 and 4)", HEAD),
            _s("6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", HEAD),
            _s("7. Nature of Indirect Beneficial Ownership (Instr. 4)", HEAD),
        ],
        [
            "",
            "",
            "",
            _s("Code", HEAD_CENTER),
            _s("V", HEAD_CENTER),
            _s("Amount", HEAD_CENTER),
            _s("(A) or (D)", HEAD_CENTER),
            _s("Price", HEAD_CENTER),
            "",
            "",
            "",
        ],
    ]
    body = []
    for row in filing.table_i:
        if isinstance(row, NonDerivativeTransaction):
            code, early = _coding(row)
            body.append(
                [
                    _c(box_markup(row.security_title)),
                    _c(box_markup(row.transaction_date, format_date), CELL_CENTER),
                    _c(box_markup(row.deemed_execution_date, format_date), CELL_CENTER),
                    _c(code, CELL_CENTER),
                    _c(early, CELL_CENTER),
                    _c(box_markup(row.shares, format_amount), CELL_RIGHT),
                    _c(box_markup(row.acquired_disposed), CELL_CENTER),
                    _c(box_markup(row.price_per_share, format_price), CELL_RIGHT),
                    _following(row),
                    *_ownership(row),
                ]
            )
        else:
            late = _refs(row.coding.footnote_ids) if row.coding else ""
            body.append(
                [
                    _c(box_markup(row.security_title) + late),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    _following(row),
                    *_ownership(row),
                ]
            )
    style = _TABLE_STYLE + [
        ("SPAN", (0, 0), (-1, 0)),
        ("LINEABOVE", (0, 0), (-1, 0), 0, colors.white),
        ("BOX", (0, 0), (-1, 0), 0, colors.white),
        ("SPAN", (3, 1), (4, 1)),
        ("SPAN", (5, 1), (7, 1)),
        *[("SPAN", (c, 1), (c, 2)) for c in (0, 1, 2, 8, 9, 10)],
        ("VALIGN", (0, 2), (-1, 2), "BOTTOM"),
    ]
    return _table(head + body, colWidths=TABLE_I_WIDTHS, repeatRows=3, style=TableStyle(style))


def table_ii(filing: Filing) -> Table:
    head = [
        [
            _s(
                "<b>Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned</b><br/>"
                "(<i>e.g.</i>, puts, calls, warrants, options, convertible securities)",
                _style("t2", 8, align=TA_CENTER),
            )
        ]
        + [""] * 15,
        [
            _s("1. Title of Derivative Security (Instr. 3)", HEAD),
            _s("2. Conversion or Exercise Price of Derivative Security", HEAD),
            _s("3. Transaction Date (Month/Day/Year)", HEAD),
            _s("3A. Deemed Execution Date, if any (Month/Day/Year)", HEAD),
            _s("4. Transaction Code (Instr. 8)", HEAD),
            "",
            _s("5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)", HEAD),
            "",
            _s("6. Date Exercisable and Expiration Date (Month/Day/Year)", HEAD),
            "",
            _s("7. Title and Amount of Securities Underlying Derivative Security (Instr. 3 and 4)", HEAD),
            "",
            _s("8. Price of Derivative Security (Instr. 5)", HEAD),
            _s(
                "9. Number of derivative Securities Beneficially Owned Following Reported Transaction(s) (Instr. 4)",
                HEAD,
            ),
            _s("10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", HEAD),
            _s("11. Nature of Indirect Beneficial Ownership (Instr. 4)", HEAD),
        ],
        [
            "",
            "",
            "",
            "",
            _s("Code", HEAD_CENTER),
            _s("V", HEAD_CENTER),
            _s("(A)", HEAD_CENTER),
            _s("(D)", HEAD_CENTER),
            _s("Date Exercisable", HEAD_CENTER),
            _s("Expiration Date", HEAD_CENTER),
            _s("Title", HEAD_CENTER),
            _s("Amount or Number of Shares", HEAD_CENTER),
            "",
            "",
            "",
            "",
        ],
    ]
    body = []
    for row in filing.table_ii:
        underlying = row.underlying
        amount_underlying = (
            box_markup(underlying.shares, format_amount)
            if underlying.shares is not None
            else box_markup(underlying.value, format_price)
        )
        common = [
            _c(box_markup(row.security_title)),
            _c(box_markup(row.conversion_or_exercise_price, format_price), CELL_RIGHT),
        ]
        tail = [
            _c(box_markup(row.exercise_date, format_date), CELL_CENTER),
            _c(box_markup(row.expiration_date, format_date), CELL_CENTER),
            _c(box_markup(underlying.title), CELL_CENTER),
            _c(amount_underlying, CELL_RIGHT),
        ]
        if isinstance(row, DerivativeTransaction):
            code, early = _coding(row)
            amount = (
                box_markup(row.shares, format_amount)
                if row.shares is not None
                else box_markup(row.total_value, format_price)
            )
            direction = row.acquired_disposed.value
            acquired = amount if direction == "A" else ""
            disposed = amount if direction == "D" else ""
            if direction not in ("A", "D"):
                acquired = amount
            body.append(
                common
                + [
                    _c(box_markup(row.transaction_date, format_date), CELL_CENTER),
                    _c(box_markup(row.deemed_execution_date, format_date), CELL_CENTER),
                    _c(code, CELL_CENTER),
                    _c(early, CELL_CENTER),
                    _c(acquired, CELL_RIGHT),
                    _c(disposed, CELL_RIGHT),
                ]
                + tail
                + [_c(box_markup(row.price_per_share, format_price), CELL_RIGHT), _following(row), *_ownership(row)]
            )
        else:
            late = _refs(row.coding.footnote_ids) if row.coding else ""
            common[0] = _c(box_markup(row.security_title) + late)
            body.append(common + ["", "", "", "", "", ""] + tail + ["", _following(row), *_ownership(row)])
    style = _TABLE_STYLE + [
        ("SPAN", (0, 0), (-1, 0)),
        ("BOX", (0, 0), (-1, 0), 0, colors.white),
        ("SPAN", (4, 1), (5, 1)),
        ("SPAN", (6, 1), (7, 1)),
        ("SPAN", (8, 1), (9, 1)),
        ("SPAN", (10, 1), (11, 1)),
        *[("SPAN", (c, 1), (c, 2)) for c in (0, 1, 2, 3, 12, 13, 14, 15)],
        ("VALIGN", (0, 2), (-1, 2), "BOTTOM"),
    ]
    return _table(head + body, colWidths=TABLE_II_WIDTHS, repeatRows=3, style=TableStyle(style))


# -- after the tables --------------------------------------------------------------------------------------
def _reporting_owners(filing: Filing) -> list:
    rows = [
        [_s("<b>Reporting Owner Name / Address</b>", HEAD), _s("<b>Relationships</b>", HEAD_CENTER), "", "", ""],
        [
            "",
            _s("Director", HEAD_CENTER),
            _s("10% Owner", HEAD_CENTER),
            _s("Officer", HEAD_CENTER),
            _s("Other", HEAD_CENTER),
        ],
    ]
    for owner in filing.reporting_owners:
        address = owner.address or OwnerAddress()
        lines = [
            owner.name or (f"CIK {owner.cik}" if owner.cik else ""),
            address.street1,
            address.street2,
            " ".join(part for part in (address.city, _state_name(address), address.zip_code) if part),
            _country_name(address),
        ]
        r = owner.relationship
        rows.append(
            [
                _p("<br/>".join(escape(line) for line in lines if line)),
                _p("X" if r.is_director else "", CELL_CENTER),
                _p("X" if r.is_ten_percent_owner else "", CELL_CENTER),
                _p(escape(r.officer_title or "") if r.is_officer else "", CELL_CENTER),
                _p(escape(r.other_text or "") if r.is_other else "", CELL_CENTER),
            ]
        )
    table = _table(
        rows,
        colWidths=[260, 60, 60, 120, 120],
        repeatRows=2,
        hAlign="LEFT",
        style=TableStyle(
            _TABLE_STYLE + [("SPAN", (1, 0), (4, 0)), ("SPAN", (0, 0), (0, 1)), ("VALIGN", (0, 0), (-1, 1), "MIDDLE")]
        ),
    )
    return [Spacer(1, 6), CondPageBreak(60), Paragraph("Reporting Owners", SECTION), table, Spacer(1, 6)]


def _explanation(filing: Filing) -> list:
    items = [
        [
            _s("<b>*</b>", TEXT),
            _s("If the form is filed by more than one reporting person, <i>see</i> Instruction 4(b)(v).", TEXT),
        ],
        [
            _s("<b>**</b>", TEXT),
            _s(
                "Intentional misstatements or omissions of facts constitute Federal Criminal "
                "Violations. <i>See</i> 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
                TEXT,
            ),
        ],
    ]
    for footnote in filing.footnotes:
        items.append([_p(f"<b>({escape(footnote_number(footnote.id))})</b>", TEXT), _p(_text(footnote.text), TEXT)])
    table = _table(
        items,
        colWidths=[26, WIDTH - 26],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ],
    )
    return [CondPageBreak(60), Paragraph("Explanation of Responses:", SECTION), table]


def _remarks(filing: Filing) -> list:
    return [Spacer(1, 6), Paragraph("Remarks:", SECTION), Paragraph(_text(filing.remarks) or "&nbsp;", TEXT)]


def _signatures(filing: Filing) -> list:
    blocks = []
    for signature in filing.signatures or []:
        block = _table(
            [
                [
                    _p(escape(signature.name), _style("sig", 9)),
                    "",
                    _p(format_date(signature.date), _style("sigd", 9, align=TA_CENTER)),
                ],
                [_s("** Signature of Reporting Person", SMALL), "", _s("Date", _style("sd", 5.8, align=TA_CENTER))],
            ],
            colWidths=[300, 30, 90],
            style=[
                ("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                ("LINEBELOW", (2, 0), (2, 0), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, 0), 26),
            ],
            hAlign="LEFT",
        )
        blocks.append(block)
    if not blocks:
        blocks.append(
            _table(
                [["", "", ""], [_s("** Signature of Reporting Person", SMALL), "", _s("Date", SMALL)]],
                colWidths=[300, 30, 90],
                hAlign="LEFT",
                style=[
                    ("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                    ("LINEBELOW", (2, 0), (2, 0), 0.8, colors.black),
                    ("TOPPADDING", (0, 0), (-1, 0), 20),
                ],
            )
        )
    return [CondPageBreak(80), Paragraph("Signatures", SECTION), *blocks]


def _closing_notes() -> list:
    notes = [
        "Reminder: Report on a separate line for each class of securities beneficially owned directly or indirectly.",
        "* If the form is filed by more than one reporting person, <i>see</i> Instruction 4 (b)(v).",
        "** Intentional misstatements or omissions of facts constitute Federal Criminal Violations <i>See</i> "
        "18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
        "Note: File three copies of this Form, one of which must be manually signed. If space is insufficient, "
        "<i>see</i> Instruction 6 for procedure.",
        "Persons who respond to the collection of information contained in this form are not required to respond "
        "unless the form displays a currently valid OMB Number.",
    ]
    return [
        Spacer(1, 8),
        KeepTogether([Paragraph(note, _style("note", 7, leading=9, space_after=2)) for note in notes]),
    ]


class _CopyStart(Flowable):
    """Marks the first page of a copy, so that pages are numbered per copy."""

    def __init__(self, number: int):
        super().__init__()
        self.number = number
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv._form4_copy = self.number  # type: ignore[attr-defined]


def _story(filing: Filing, copy_number: int) -> list:
    return [
        _CopyStart(copy_number),
        _top(filing),
        Spacer(1, 4),
        Paragraph("(Print or Type Responses)", SMALL),
        _boxes(filing),
        Spacer(1, 8),
        table_i(filing),
        Spacer(1, 10),
        table_ii(filing),
        Spacer(1, 4),
        *_explanation(filing),
        *_remarks(filing),
        *_reporting_owners(filing),
        *_signatures(filing),
        *_closing_notes(),
    ]


def _numbered_canvas(footer_left: str, watermark: bool, copies: int):
    class NumberedCanvas(pdf_canvas.Canvas):
        """Defers each page until the end, so that "Page N of M" can count the pages of its copy."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._form4_copy = 1

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append({**self.__dict__, "_copy_of_page": self._form4_copy})
            self._startPage()

        def save(self):
            totals: dict[int, int] = {}
            for page in self._pages:
                totals[page["_copy_of_page"]] = totals.get(page["_copy_of_page"], 0) + 1
            seen: dict[int, int] = {}
            for page in self._pages:
                copy_number = page.pop("_copy_of_page")
                seen[copy_number] = seen.get(copy_number, 0) + 1
                self.__dict__.update(page)
                self._decorate(seen[copy_number], totals[copy_number], copy_number)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int, copy_number: int) -> None:
            self.saveState()
            self.setFont(FONT, 7)
            self.drawString(MARGIN, 12, footer_left)
            copy_text = f"Copy {copy_number} of {copies} \u2014 " if copies > 1 else ""
            self.drawRightString(PAGE[0] - MARGIN, 12, f"{copy_text}Page {number} of {total}")
            self.drawCentredString(PAGE[0] / 2, 12, "SEC 1474 (03-26)")
            if watermark:
                self.setFont(BOLD, 54)
                self.setFillColor(colors.red)
                self.setFillAlpha(0.18)
                self.translate(PAGE[0] / 2, PAGE[1] / 2)
                self.rotate(28)
                self.drawCentredString(0, -18, WATERMARK)
            self.restoreState()

    return NumberedCanvas


class UnsupportedForm(UserError, ValueError):
    """The printed layout exists for Form 4 and 4/A only, so far."""


def render_pdf(filing: Filing, *, copies: int = 1, draft: bool = False) -> bytes:
    """The filing as a PDF: `copies` complete copies, each numbered "Page N of M"; `draft` adds the
    "DRAFT — NOT FOR FILING" watermark (the app sets it while the filing has errors)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    if filing.form != "4":
        raise UnsupportedForm(
            f"Printing a Form {clip(filing.document_type, 4)} is not available yet; Form 4 and 4/A print."
        )
    filing = printable(filing)
    register_fonts()
    buffer = io.BytesIO()
    owner = filing.reporting_owners[0].name if filing.reporting_owners and filing.reporting_owners[0].name else ""
    title = f"Form {filing.document_type} \u2014 {filing.issuer.name or filing.issuer.trading_symbol or ''}" + (
        f" \u2014 {owner}" if owner else ""
    )
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
        # start each page in the embedded font: the default Helvetica is not embedded
        initialFontName=FONT,
        initialFontSize=8,
        initialLeading=10,
    )
    frame = Frame(
        MARGIN,
        MARGIN + 8,
        WIDTH,
        PAGE[1] - 2 * MARGIN - 8,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    story: list = []
    for number in range(1, copies + 1):
        if number > 1:
            story.append(PageBreak())
        story += _story(filing, number)
    document.build(story, canvasmaker=_numbered_canvas(title, draft, copies))
    return buffer.getvalue()
