"""The page layout every printed form shares: landscape US Letter, the form's top, its numbered boxes, Tables I and
II built from the form's description (model/forms.py: its boxes, headings and columns, in its order), the
explanation of responses, remarks, reporting owners, signatures and the closing notes; then pages numbered per
copy, the footer and the draft watermark. A form (form3.py, form4.py, form5.py) is a `PrintedForm`: which boxes
its top holds and where, its column widths, its closing wording and the order of its parts. It copies nothing.

Values are written as the SEC's stylesheets write them (dates MM/DD/YYYY; amounts with thousands separators;
prices with "$"); a footnote reference is a superscript "(n)" beside the value it annotates, and a box given
only by a footnote shows "(n)". A number, a date or a footnote mark is never broken across lines: a cell whose
such word is wider than the cell is set in a smaller font. Tables that do not fit flow onto further pages with
their headings repeated, a heading is never left alone at the foot of a page, and every page says "Page N of M"
(per copy). The font is embedded, so the page prints the same everywhere; a character it cannot draw (Chinese,
Japanese, Korean) prints as U+FFFD, and rule PRINT-CHARACTERS says so. The CCC is never printed.

A draft may hold what EDGAR would refuse (a 1,000-character city, a footnote of a thousand lines): the checks
report it, and the form still prints. A text longer than EDGAR allows in its box is cut at that length with
a visible mark ("… [970 more characters not shown]"), and remarks keep at most `MAX_LINE_BREAKS` line
breaks, so that no box grows taller than a page (which the layout cannot place). A footnote prints as the SEC's
stylesheets show it: its line breaks read as spaces.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
import re
import threading
import weakref
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Callable, Mapping, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.rl_config import _FUZZ
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from form4_desktop.errors import UserError
from form4_desktop.model import (
    DerivativeTransaction,
    Filing,
    Footnoted,
    NonDerivativeTransaction,
    OwnerAddress,
    ReportingOwner,
    Signature,
)
from form4_desktop.model.codes import COUNTRIES, OBSOLETE_COUNTRIES
from form4_desktop.model.display import format_date
from form4_desktop.model.forms import Box, Column, FormDescription, TableDescription
from form4_desktop.pdf import drawing
from form4_desktop.pdf.drawing import (
    FastTable,
    break_plain,
    plain_code,
    MarkedLine,
    MarkedLines,
    frag_paragraph_code,
    plain_lines,
    plain_paragraph_code,
    string_code,
)
from form4_desktop.rules.characters import printable_text

PAGE = landscape(letter)
MARGIN = 24
WIDTH = PAGE[0] - 2 * MARGIN
FONT, BOLD = "Form4Sans", "Form4Sans-Bold"
WATERMARK = "DRAFT \u2014 NOT FOR FILING"
SIGNATURES = ("manual", "conformed")
_fonts_registered = False


class UnsupportedForm(UserError, ValueError):
    """A form this program has no printed layout for."""


class _Font(TTFont):
    """The embedded font, measuring and encoding each string once: the maximal filing measures words 54,000 times
    (most of them again and again as tables are measured, split and drawn) and encodes a string for the page
    6,500 times. A width depends only on the text and the size; a string's encoding in a document depends only
    on the characters already given a code in that document's subset, which never change once given, so a
    string encoded once is encoded the same way again (kept with that document's state, and gone with it)."""

    _WIDTHS_KEPT = 100_000
    _SUBSETS_KEPT = 32

    def __init__(self, name: str, path: str):
        super().__init__(name, path)
        self._widths: dict[tuple[object, float, str], float] = {}
        self._last: tuple[Callable[[], object], dict, bool] = (lambda: None, {}, False)
        self._names: tuple[Callable[[], object], dict[int, str]] = (lambda: None, {})
        # the font file embedded for a subset of characters is the same for the same characters: made once
        make_subset, made = self.face.makeSubset, dict[tuple, bytes]()

        def subset_file(subset):
            key = tuple(subset)
            found = made.get(key)
            if found is None:
                if len(made) >= self._SUBSETS_KEPT:
                    made.clear()
                found = made[key] = make_subset(subset)
            return found

        self.face.makeSubset = subset_file
        # ... and compressed once: the font file's stream gets a Flate filter that keeps what it compressed
        add_subset_objects = self.face.addSubsetObjects

        def subset_objects(doc, fontname, subset):
            reference = add_subset_objects(doc, fontname, subset)
            font_file = doc.idToObject.get(f"fontFile:{self.face.filename}({fontname})")
            if font_file is not None and font_file.filters == [pdfdoc.PDFZCompress]:
                font_file.filters = [_FONT_FILE_FLATE]
            return reference

        self.face.addSubsetObjects = subset_objects

    def stringWidth(self, text, size, encoding="utf8"):
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= self._WIDTHS_KEPT:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width

    def splitString(self, text, doc, encoding="utf-8"):
        # the document last written is remembered (weakly): finding its state in reportlab's WeakKeyDictionary
        # cost a third of the encoding
        last_document, encoded, ascii_as_is = self._last
        if last_document() is not doc:
            state = self.state.get(doc)
            if state is None:
                result = super().splitString(text, doc, encoding)
                state = self.state[doc]
                state.form4_encoded = {text: list(result)}
                self._remember(doc, state)
                return result
            encoded, ascii_as_is = self._remember(doc, state)
        if ascii_as_is and drawing.DIRECT and text.isascii() and text.isprintable():
            # printable ASCII has its own codes in subset 0 from the start (reportlab's "ascii readable" subset)
            return [(0, text.encode("ascii"))] if text else []
        found = encoded.get(text)
        if found is None:
            found = encoded[text] = super().splitString(text, doc, encoding)
        return list(found)

    def getSubsetInternalName(self, subset, doc):  # noqa: N802 - reportlab's name
        # a subset's name in a document never changes once given; the last document's are kept
        last_document, names = self._names
        if last_document() is doc:
            name = names.get(subset)
            if name is not None:
                return name
        else:
            names = {}
            self._names = (weakref.ref(doc), names)
        name = names[subset] = super().getSubsetInternalName(subset, doc)
        return name

    def _remember(self, doc, state) -> tuple[dict, bool]:
        encoded = getattr(state, "form4_encoded", None)
        if encoded is None:
            encoded = state.form4_encoded = {}
        ascii_as_is = all(state.assignments.get(code) == code for code in range(32, 127))
        self._last = (weakref.ref(doc), encoded, ascii_as_is)
        return encoded, ascii_as_is


class _KeptFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate compression (reportlab's own) that keeps its results: for the embedded font's files, the same
    bytes for the same characters (see _Font)."""

    _KEPT = 32

    def __init__(self):
        self._compressed: dict[bytes, bytes] = {}

    def encode(self, text):
        found = self._compressed.get(text) if isinstance(text, bytes) else None
        if found is None:
            found = super().encode(text)
            if isinstance(text, bytes):
                if len(self._compressed) >= self._KEPT:
                    self._compressed.clear()
                self._compressed[text] = found
        return found


_FONT_FILE_FLATE = _KeptFlate()


def register_fonts() -> None:
    """Register the bundled DejaVu Sans Condensed (free licence; see fonts/DejaVu-LICENSE.txt)."""
    global _fonts_registered
    if _fonts_registered:
        return
    folder = resources.files("form4_desktop.pdf") / "fonts"
    for name, file_name in ((FONT, "DejaVuSansCondensed.ttf"), (BOLD, "DejaVuSansCondensed-Bold.ttf")):
        with resources.as_file(folder / file_name) as path:
            pdfmetrics.registerFont(_Font(name, str(path)))
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
    keep_with_next: bool = False,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.2,
        alignment=align,
        spaceAfter=space_after,
        keepWithNext=keep_with_next,
    )


# A markup's tags and entities; what lies between them is its text.
_TAGS = re.compile(r"(<[^>]*>|&[A-Za-z]+;|&#[0-9]+;)")
_PLACEHOLDERS = 0xE000  # private-use characters standing for a markup's texts in its shape
_FIRST = chr(_PLACEHOLDERS)
_PRIVATE = re.compile("[\ue000-\ue0ff]")
_shapes: dict[tuple[str, str, str, float], list] = {}
_SHAPES_KEPT = 10_000


def _template(shape: str, style: ParagraphStyle) -> list:
    """reportlab's fragments of a markup's shape in `style` (parsed once)."""
    key = (shape, style.name, style.fontName, style.fontSize)
    template = _shapes.get(key)
    if template is None:
        if len(_shapes) >= _SHAPES_KEPT:
            _shapes.clear()
        template = _shapes[key] = ReportlabParagraph(shape, style).frags
    return template


def _fragments(markup: str, style: ParagraphStyle) -> list | None:
    """reportlab's fragments of `markup`, without running its parser on every paragraph (a third of the time of a
    form of many cells; the maximal filing has 480 paragraphs). The fragments depend on the tags and entities
    alone, and each text between them becomes one fragment's text, as it is: so the markup's shape (its texts
    replaced by placeholders) is parsed once per style and its fragments copied with the texts put back. None
    when the text is not plain enough to be sure of that (reportlab's cleaning of line breaks and of leading or
    trailing spaces, or a placeholder character in the text): the caller then parses it as usual."""
    if (
        not drawing.DIRECT
        or not markup
        or markup[0].isspace()
        or markup[-1].isspace()
        or "\n" in markup
        or _PRIVATE.search(markup)
    ):
        return None
    if "<" not in markup and "&" not in markup:
        texts = [markup]  # most markups are one text: no tag, no entity
        shape = _FIRST
    else:
        pieces = _TAGS.split(markup)
        texts = pieces[0::2]
        if len(texts) > 256:
            return None
        shape = "".join(
            piece if index % 2 else (chr(_PLACEHOLDERS + index // 2) if piece else "")
            for index, piece in enumerate(pieces)
        )
    template = _template(shape, style)
    by_placeholder = {chr(_PLACEHOLDERS + index): text for index, text in enumerate(texts) if text}
    fragments = []
    for fragment in template:
        # as fragment.clone(text=...), without its keyword arguments
        copied = object.__new__(type(fragment))
        copied.__dict__.update(fragment.__dict__)
        text = fragment.text
        found = by_placeholder.get(text)
        copied.text = found if found is not None else text.translate({ord(k): v for k, v in by_placeholder.items()})
        fragments.append(copied)
    return fragments


class Paragraph(ReportlabParagraph):
    """A reportlab Paragraph that breaks its lines once per width. reportlab breaks them again on every wrap, and a
    table wraps its cells each time it is measured, split over a page or checked by KeepHeading: the maximal filing
    wrapped its paragraphs 2,205 times, a third of its time. The lines depend only on the width (the available
    height is not used, as nothing here shrinks or ellipsizes), so a second wrap at the same width is the first.
    Its markup is parsed by shape (see _fragments)."""

    form4_fixed = False  # the form's own wording, the same in every filing (_s)

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        if frags is None and style is not None and bulletText is None and isinstance(text, str):
            frags = _fragments(text, style)
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)

    def wrap(self, available_width, available_height):
        if getattr(self, "_wrapped_width", None) == available_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._wrapped_width = available_width
        return size

    def measured(self, width: float) -> tuple[float, float]:
        """Its size in a table cell `width` wide (drawing.FastTable)."""
        return self.wrap(width, 72000)

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        lines = plain_lines(self, width)
        return lines if lines is not None else super().breakLines(width)

    def draw(self) -> None:
        code = self.direct_code(self.canv, self.width, self.height)
        if code is None:
            super().draw()
        elif code:
            self.canv._code.append(code)

    def direct_code(self, canvas, width: float, height: float) -> str | None:
        """The PDF that draw() writes (drawing.FastTable), where it is written directly. The form's own wording
        (_s), drawn on every page its table reaches, is written once per document and width."""
        written = None
        if self.form4_fixed:
            written = getattr(canvas._doc, "form4_wording", None)
            if written is None:
                written = canvas._doc.form4_wording = {}
            found = written.get((id(self), getattr(self, "_wrapped_width", None)))
            if found is not None and found[0] is self:
                return found[1]
        code = plain_paragraph_code(self, canvas)
        if code is None:
            code = frag_paragraph_code(self, canvas)
        if written is not None and code is not None:
            written[id(self), getattr(self, "_wrapped_width", None)] = (self, code)
        return code


# A cell's lines are 1.4 times its font apart, so that a footnote mark raised on a wrapped line stays clear of
# the line above it.
CELL = _style("cell", 7.5, leading=10.5)
CELL_CENTER = _style("cell-center", 7.5, align=TA_CENTER, leading=10.5)
CELL_RIGHT = _style("cell-right", 7.5, align=TA_RIGHT, leading=10.5)
HEAD = _style("head", 6.2, leading=7.2)
HEAD_CENTER = _style("head-center", 6.2, leading=7.2, align=TA_CENTER)
LABEL = _style("label", 6.5)
SMALL = _style("small", 5.8, leading=6.8)
CAPTION = _style("cap", 5.5, leading=6.5)
VALUE = _style("value", 8.5, leading=11)
TITLE = _style("title", 10, bold=True, align=TA_CENTER, leading=12)
TEXT = _style("text", 7.5, leading=9.5)
SECTION = _style("section", 9, bold=True, leading=11, space_after=3)
NOTE = _style("note", 7, leading=9, space_after=2)


def _table(data: list, style=None, **options) -> Table:
    """A reportlab Table whose every cell, even an empty one, is set in the embedded font."""
    commands = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7)]
    if isinstance(style, TableStyle):
        commands += list(style.getCommands())
    elif style:
        commands += list(style)
    return FastTable(data, style=TableStyle(commands), **options)


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


_field_names: dict[type, tuple[str, ...]] = {}


def _fields_of(obj: object) -> tuple[str, ...]:
    """The names of a dataclass's fields (dataclasses.fields, looked up once per class)."""
    names = _field_names.get(type(obj))
    if names is None:
        names = _field_names[type(obj)] = tuple(one.name for one in dataclasses.fields(obj))  # type: ignore[arg-type]
    return names


def _fit(obj: object, name: str = "") -> None:
    """Clip, in place, every text of a copy of the filing to what its box can show (see the module's notes),
    and put U+FFFD for each character the font cannot draw."""
    for field_name in _fields_of(obj):
        value = getattr(obj, field_name)
        # A Footnoted box's value is limited by the box's name (security_title), anything else by its own.
        key = name if field_name == "value" else field_name
        if isinstance(value, str):
            limit = _SIGNATURE_NAME if isinstance(obj, Signature) else _LIMITS.get(key, _CODE_LIMIT)
            if key == "remarks":
                value = _fewer_lines(value)
            setattr(obj, field_name, printable_text(clip(value, limit)))
        elif field_name == "footnote_ids":
            setattr(obj, field_name, _clip_refs(value))
        elif isinstance(value, list):
            for item in value:
                if dataclasses.is_dataclass(item):
                    _fit(item, field_name)
        elif dataclasses.is_dataclass(value):
            _fit(value, field_name)


class _NotPlain(Exception):
    """The filing holds a part twice, or something other than texts, numbers, dates, lists and dataclasses."""


_SCALARS = (int, float, Decimal, date)


def _fitted(obj: object, name: str, seen: set[int]) -> object:
    """A copy of the dataclass `obj` fitted as _fit fits it, made in the same walk (texts, numbers and dates
    are kept as they are, lists and dataclasses copied); _NotPlain when the copy could differ from a deep copy
    fitted afterwards (a part reached twice, a part of another kind, state of its own beyond its fields)."""
    cls = type(obj)
    if cls not in _copied_plainly:
        if cls.__reduce_ex__ is not object.__reduce_ex__ or cls.__getstate__ is not object.__getstate__:
            raise _NotPlain
        _copied_plainly.add(cls)
    if id(obj) in seen:
        raise _NotPlain
    seen.add(id(obj))
    names = _fields_of(obj)
    state = dict(obj.__dict__)
    if len(state) != len(names):
        raise _NotPlain
    signature = isinstance(obj, Signature)
    for field_name in names:
        value = state[field_name]
        if isinstance(value, str):
            key = name if field_name == "value" else field_name
            limit = _SIGNATURE_NAME if signature else _LIMITS.get(key, _CODE_LIMIT)
            if key == "remarks":
                value = _fewer_lines(value)
            state[field_name] = printable_text(clip(value, limit))
        elif field_name == "footnote_ids":
            state[field_name] = _clip_refs(value)
        elif value is None or isinstance(value, _SCALARS):
            continue
        elif isinstance(value, list):
            items = []
            for item in value:
                if hasattr(type(item), "__dataclass_fields__"):
                    items.append(_fitted(item, field_name, seen))
                elif item is None or isinstance(item, (str, *_SCALARS)):
                    items.append(item)
                else:
                    raise _NotPlain
            state[field_name] = items
        elif hasattr(type(value), "__dataclass_fields__"):
            state[field_name] = _fitted(value, field_name, seen)
        else:
            raise _NotPlain
    copied = object.__new__(cls)
    copied.__dict__.update(state)
    return copied


_copied_plainly: set[type] = set()  # classes pickled as their fields (no state of their own to copy)


def printable(filing: Filing) -> Filing:
    """A copy of `filing` whose every text fits its box on the form."""
    try:
        return _fitted(filing, "", set())  # type: ignore[return-value]
    except _NotPlain:
        pass
    # The same deep copy as copy.deepcopy (shared parts stay shared), a third of the time for plain data.
    fitted = pickle.loads(pickle.dumps(filing, pickle.HIGHEST_PROTOCOL))
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


def _mark(scale: float = 1.0) -> str:
    return f'<super rise="{3 * scale:.2f}" size="{5.5 * scale:.2f}">'


MARK = _mark()


def refs(footnote_ids: Sequence[str]) -> str:
    """Footnote references as raised marks: "(1)(2)"."""
    if not footnote_ids:
        return ""
    marks = "".join(f"({escape(footnote_number(i))})" for i in footnote_ids)
    return f"{MARK}{marks}</super>"


def box_markup(box: Footnoted | None, render=str, joined: bool = False) -> str:
    """A box's value with its footnote references ("125,000 (1)"; a code's mark touches it: "M(1)"); "(n)" when a
    footnote alone gives it."""
    if box is None:
        return ""
    if box.value is None or box.value == "":
        return " ".join(f"({escape(footnote_number(i))})" for i in box.footnote_ids)
    text = render(box.value)
    if not isinstance(box.value, str):  # a number of a thousand digits (which the checks report) is cut
        text = clip(text, _NUMBER_LIMIT)
    marks = refs(box.footnote_ids)
    return escape(text) + ("" if joined or not marks else " ") + marks


def _p(markup: str, style: ParagraphStyle = CELL) -> Flowable:
    """A table cell's paragraph: its text in one font laid out directly (PlainText) where it is that."""
    markup = markup or "&nbsp;"
    plain = _plain_text(markup, style)
    return plain if plain is not None else Paragraph(markup, style)


def _plain_text(markup: str, style: ParagraphStyle) -> PlainText | None:
    """`markup` as a PlainText when reportlab would make one plain fragment of it: a text without tags or
    entities (and without the spaces and line breaks its parser cleans), "&nbsp;", or such a text in bold."""
    if not drawing.DIRECT:
        return None
    if markup == "&nbsp;":
        text, shape = "\xa0", "&nbsp;"
    elif markup.startswith("<b>") and markup.endswith("</b>"):
        text, shape = markup[3:-4], f"<b>{_FIRST}</b>"
    else:
        text, shape = markup, _FIRST
    if (
        not text
        or "<" in text
        or "&" in text
        or (shape != "&nbsp;" and (text[0].isspace() or text[-1].isspace()))
        or "\n" in text
        or _PRIVATE.search(text)
    ):
        return None
    template = _template(shape, style)
    if len(template) != 1:
        return None
    fragment = template[0]
    if fragment.us_lines or fragment.link or getattr(fragment, "backColor", None) or hasattr(fragment, "cbDefn"):
        return None
    return PlainText(markup, style, text, fragment.fontName, fragment.fontSize, fragment.textColor)


class PlainText(Flowable):
    """A table cell's text in one font: what reportlab's Paragraph makes of it (one plain fragment), its lines
    broken as reportlab breaks them (drawing.break_plain) and written as its drawPara writes them
    (drawing.plain_code), without the Paragraph; the Paragraph itself where the text asks for more (a soft
    hyphen, a word wider than the cell, an indent)."""

    def __init__(self, markup: str, style: ParagraphStyle, text: str, font_name: str, font_size: float, color):
        super().__init__()
        self.markup, self.style, self.text = markup, style, text
        self.font_name, self.font_size, self.color = font_name, font_size, color
        self._lines: list | None = None
        self._wrapped_width: float | None = None
        self._paragraph: Paragraph | None = None

    def wrap(self, available_width, available_height):
        if self._paragraph is not None:
            return self._paragraph.wrap(available_width, available_height)
        if available_width == self._wrapped_width:
            return self.width, self.height
        style = self.style
        # as Paragraph.wrap: the first line's width and the others'
        first = available_width - (style.leftIndent + style.firstLineIndent) - style.rightIndent
        others = available_width - style.leftIndent - style.rightIndent
        broken = None
        if available_width >= _FUZZ and first == others and not getattr(style, "bulletText", None):
            broken = break_plain(self.text, self.font_name, self.font_size, style.spaceShrinkage, first)
        if broken is None or not _plain_style(style):
            self._paragraph = Paragraph(self.markup, style)
            return self._paragraph.wrap(available_width, available_height)
        self._lines = broken[0]
        self.width, self.height = available_width, len(self._lines) * style.leading
        self._wrapped_width = available_width
        return self.width, self.height

    def measured(self, width: float) -> tuple[float, float]:
        """Its size in a table cell `width` wide (drawing.FastTable)."""
        return self.wrap(width, 72000)

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.spaceAfter

    def split(self, available_width, available_height):
        return []

    def direct_code(self, canvas, width: float, height: float) -> str | None:
        """The PDF that draw() writes (drawing.FastTable)."""
        if self._paragraph is not None:
            return self._paragraph.direct_code(canvas, width, height)
        return plain_code(canvas, self.style, self._lines, self.height, self.font_name, self.font_size, self.color)

    def draw(self) -> None:
        code = self.direct_code(self.canv, self.width, self.height)
        if code is not None:
            if code:
                self.canv._code.append(code)
            return
        if self._paragraph is None:  # written by reportlab's Paragraph, laid out the same way
            self._paragraph = Paragraph(self.markup, self.style)
            self._paragraph.wrap(self.width, self.height)
        self._paragraph.canv = self.canv
        self._paragraph.draw()
        del self._paragraph.canv


def _plain_style(style: ParagraphStyle) -> bool:
    """Whether a style lays out and draws a plain paragraph the way drawing.break_plain and plain_code do."""
    return not (
        style.alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT)
        or style.wordWrap
        or style.endDots
        or style.shaping
        or style.hyphenationLang
        or style.uriWasteReduce
        or style.embeddedHyphenation
        or style.backColor
        or (style.borderColor and style.borderWidth)
        or style.firstLineIndent
        or getattr(style, "autoLeading", "") not in ("", "off")
    )


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
        cache[key].form4_fixed = True
    return cache[key]


_smaller: dict[tuple[str, float], ParagraphStyle] = {}


def _at_size(style: ParagraphStyle, size: float) -> ParagraphStyle:
    key = (style.name, size)
    if key not in _smaller:
        _smaller[key] = ParagraphStyle(
            f"{style.name}@{size}", parent=style, fontSize=size, leading=max(size * 1.4, size + 2)
        )
    return _smaller[key]


def _plain(markup: str) -> str:
    """The words a cell's markup shows, for measuring (the marks' tags dropped, entities read)."""
    text = markup.replace("</super>", "")
    while "<super" in text:
        start = text.index("<super")
        text = text[:start] + text[text.index(">", start) + 1 :]
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")


# A cell's value and its footnote marks: the value's words, a space or none, one raised group of marks.
_VALUE_AND_MARKS = re.compile(r"([^<&\s\xad](?:[^<&\xad]*[^<&\s\xad])?)( ?)(<super [^>]*>)([^<&\s\xad]+)</super>")
_mark_fonts: dict[tuple[str, str, str, float], tuple[tuple, tuple] | None] = {}


def _marked_line(markup: str, style: ParagraphStyle, width: float) -> MarkedLine | MarkedLines | None:
    """`markup` as a value and its marks in a cell `width` wide (drawing.MarkedLine on one line, MarkedLines
    over several), when it is that; None otherwise (a Paragraph then lays it out)."""
    if not drawing.DIRECT:
        return None
    found = _VALUE_AND_MARKS.fullmatch(markup)
    if found is None:
        return None
    value, space, tag, marks = found.groups()
    words = value.split(" ")
    if "" in words or any(not word.isprintable() for word in words):
        return None  # spaces doubled, or another white space: reportlab's own word breaking
    key = (tag, style.name, style.fontName, style.fontSize)
    if key not in _mark_fonts:
        # the two fragments reportlab makes of such a markup: their font, size, colour and rise
        sample = [
            (one.fontName, one.fontSize, one.textColor, one.rise)
            for one in _fragments(f"x {tag}y</super>", style) or []
        ]
        _mark_fonts[key] = (sample[0], sample[1]) if len(sample) == 2 else None
    fonts = _mark_fonts[key]
    if fonts is None:
        return None
    line: MarkedLine | MarkedLines | None = MarkedLine.fitting(style, words, bool(space), marks, *fonts, width)
    if line is None:
        line = MarkedLines.broken(style, words, bool(space), marks, *fonts, width)
    if line is not None:
        line.markup = markup
    return line


class Cell(Flowable):
    """A table cell. A single line of plain text where it fits (what most cells hold: a date, an amount, a code;
    far cheaper than a Paragraph to measure and draw); otherwise a Paragraph. A cell that keeps its words whole
    (numbers, dates, codes, footnote marks) is set in a smaller font when one of them is wider than the cell,
    so that no number is ever broken across lines."""

    def __init__(self, markup: str, style: ParagraphStyle, whole: bool = False):
        super().__init__()
        self.markup, self.style, self.whole = markup, style, whole
        self._paragraph: Paragraph | None = None
        self._plain_line = "<" not in markup and "&" not in markup
        self._fits_in: float | None = None  # the width the single line was last found to fit
        self._marked: MarkedLine | MarkedLines | None = None  # a value and its marks, at the width _marked_in
        self._marked_in: float | None = None

    def wrap(self, available_width, available_height):
        style = self.style
        if self._paragraph is None:
            if self._marked is not None and available_width == self._marked_in:
                return self.width, self.height
            if self._plain_line:
                if available_width == self._fits_in:
                    return self.width, self.height
                width = pdfmetrics.stringWidth(self.markup, style.fontName, style.fontSize)
                if width <= available_width:
                    self.width, self.height = available_width, style.leading
                    self._fits_in = available_width
                    return self.width, self.height
            widest = 0.0
            if self.whole:
                widest = max(
                    (
                        pdfmetrics.stringWidth(word, style.fontName, style.fontSize)
                        for word in _plain(self.markup).split()
                    ),
                    default=0,
                )
            markup = self.markup if not self._plain_line else escape(self.markup)
            if self.whole and widest > available_width > 0:
                size = int(style.fontSize * available_width / widest * 10) / 10
                style = _at_size(style, size)
                markup = markup.replace(MARK, _mark(size / CELL.fontSize))  # the marks shrink with the number
            if self._marked_in != available_width:
                self._marked = _marked_line(markup, style, available_width)
                self._marked_in = available_width
                if self._marked is not None:
                    self.width, self.height = available_width, self._marked.height
                    return self.width, self.height
            self._paragraph = Paragraph(markup, style)
        return self._paragraph.wrap(available_width, available_height)

    def split(self, available_width, available_height):
        return []

    # what Flowable's own give a cell (it has no space of its own: its style's), without their attribute tests
    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.spaceAfter

    def measured(self, width: float) -> tuple[float, float]:
        """Its size in a table cell `width` wide (drawing.FastTable)."""
        return self.wrap(width, 72000)

    def direct_code(self, canvas, width: float, height: float) -> str | None:
        """The PDF that draw() writes (drawing.FastTable), where it is written directly."""
        if self._marked is not None and self._paragraph is None:
            code = self._marked.code(canvas) if drawing.DIRECT else None
            return None if code is None else f"q\n1 0 0 1 0 0 cm\n{code}\nQ"
        if self._paragraph is not None:
            code = self._paragraph.direct_code(canvas, width, height)
            if code is None:
                return None
            # as self._paragraph.drawOn(canvas, 0, 0)
            return f"q\n1 0 0 1 0 0 cm\n{code}\nQ" if code else "q\n1 0 0 1 0 0 cm\nQ"
        style, text = self.style, self.markup
        # the same line in the same place of a cell is written the same way throughout a document (a date, a
        # code, an empty cell recur down a column): written once per document
        written = getattr(canvas._doc, "form4_lines", None)
        if written is None:
            written = canvas._doc.form4_lines = {}
        key = (text, style.fontName, style.fontSize, style.alignment, width, height)
        code = written.get(key)
        if code is None:
            baseline = height - style.fontSize
            if style.alignment == TA_CENTER:
                x = width / 2 - 0.5 * pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
            elif style.alignment == TA_RIGHT:
                x = width - pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
            else:
                x = 0
            code = written[key] = string_code(canvas, x, baseline, text, style.fontName, style.fontSize)
        return code

    def draw(self) -> None:
        if self._marked is not None and self._paragraph is None:
            code = self.direct_code(self.canv, self.width, self.height)
            if code is None:  # written as reportlab writes it, by its Paragraph
                self._paragraph = Paragraph(self._marked.markup, self._marked.style)
                self._paragraph.wrap(self.width, self.height)
            else:
                self.canv._code.append(code)
                return
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        canvas, style = self.canv, self.style
        canvas.setFont(style.fontName, style.fontSize)
        baseline = self.height - style.fontSize
        if style.alignment == TA_CENTER:
            canvas.drawCentredString(self.width / 2, baseline, self.markup)
        elif style.alignment == TA_RIGHT:
            canvas.drawRightString(self.width, baseline, self.markup)
        else:
            canvas.drawString(0, baseline, self.markup)


def _text(text: str | None) -> str:
    """Escaped text with its line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


def check(checked: bool) -> str:
    return "\u2612" if checked else "\u2610"  # ☒ / ☐ (drawn by the embedded font)


class KeepHeading(CondPageBreak):
    """Starts a new page unless the heading and the first rows of what it heads (a table's header and first row,
    or a paragraph's first lines) fit: a heading is never left alone at the foot of a page."""

    def __init__(self, heading: Flowable, following: Flowable, rows: int = 1):
        super().__init__(0)
        self.heading, self.following, self.rows = heading, following, rows

    def wrap(self, available_width, available_height):
        needed = self.heading.wrap(available_width, available_height)[1] + self.heading.getSpaceAfter()
        following = self.following
        if isinstance(following, Table):
            following.wrap(available_width, available_height)
            # rows past what fits are left unmeasured (None): then they do not fit
            heights = following._rowHeights[: following.repeatRows + self.rows]
            needed += available_height if None in heights else sum(heights)
        else:
            needed += min(following.wrap(available_width, PAGE[1])[1], 40)
        self.height = needed + 1
        return super().wrap(available_width, available_height)


def headed(title: str, following: Flowable, rows: int = 1) -> list:
    heading = Paragraph(title, SECTION)
    return [KeepHeading(heading, following, rows), heading, following]


# -- the form's top: its title, the check boxes under it, the SEC's title and the OMB box -----------------------
@dataclass(frozen=True)
class TopCheck:
    text: str  # the form's wording beside the box
    checked: Callable[[Filing], bool]


def top(form: PrintedForm, filing: Filing) -> Table:
    form_box = _table(
        [
            [
                Paragraph(
                    form.description.title + ("/A" if filing.is_amendment else ""),
                    _style("form", 18, bold=True, align=TA_CENTER, leading=21),
                )
            ]
        ],
        colWidths=[120],
        style=[("BOX", (0, 0), (-1, -1), 1.2, colors.black)],
    )
    rows: list = [[form_box]]
    if form.top_checks:
        rows.append(
            [
                _table(
                    [
                        [_p(check(item.checked(filing)), _style("chk", 11, leading=12)), _s(item.text, SMALL)]
                        for item in form.top_checks
                    ],
                    colWidths=[14, 160],
                    style=[
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ],
                )
            ]
        )
    left = _table(rows, colWidths=[176], style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])
    centre = [
        _s("UNITED STATES SECURITIES AND EXCHANGE COMMISSION", TITLE),
        _s("Washington, D.C. 20549", _style("c2", 8.5, align=TA_CENTER)),
        Spacer(1, 6),
        _s(form.description.statement, TITLE),
        Spacer(1, 3),
        _s(
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
                        [_s("OMB Number:", LABEL), _s(form.omb_number, _style("o2", 6.5, align=TA_RIGHT))],
                        [
                            _s("Estimated average burden hours per response:", LABEL),
                            _s(form.burden_hours, _style("o3", 6.5, align=TA_RIGHT)),
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


# -- the numbered boxes under the top: pieces a form arranges ------------------------------------------------
US = "X1"  # EDGAR's country code of the United States


def is_foreign(address: OwnerAddress) -> bool:
    """A non-US address: flagged so (TS cm(9)), or given a country other than the United States."""
    return bool(address.non_us_address) or bool(address.country and address.country.strip() not in ("", US))


def state_name(address: OwnerAddress) -> str:
    """The State box as EDGAR shows it: a US state's code ("NV", not "NEVADA"); abroad, the region."""
    if is_foreign(address):
        return address.non_us_state_territory or ""
    return address.state or ""


def country_name(address: OwnerAddress) -> str:
    """The country of a non-US address, by name; none for a US address (EDGAR shows no country for it)."""
    if not is_foreign(address):
        return ""
    code = address.country or ""
    return COUNTRIES.get(code) or OBSOLETE_COUNTRIES.get(code) or code


def owners_of(filing: Filing) -> list[ReportingOwner]:
    return filing.reporting_owners or [ReportingOwner()]


def box(rows: list, width: float, lines_below: Sequence[int] = ()) -> Table:
    """One box of the form: its label and value rows, in a cell `width` wide."""
    return _table(
        [[row] for row in rows],
        colWidths=[width],
        style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            *[("LINEBELOW", (0, row), (-1, row), 0.4, colors.black) for row in lines_below],
        ],
    )


def owner_box(filing: Filing, width: float) -> Table:
    """Box 1: the first reporting person's name and address, with the form's captions."""
    owners = owners_of(filing)
    owner, count = owners[0], len(owners)
    address = owner.address or OwnerAddress()
    heading = "1. Name and Address of Reporting Person*" + (f" (1 of {count})" if count > 1 else "")
    name = escape(owner.name or (f"CIK {owner.cik}" if owner.cik else ""))
    street = "<br/>".join(escape(line) for line in (address.street1, address.street2) if line)
    thirds = [width / 2.2, width / 3, width - width / 2.2 - width / 3 - 4]

    def captions(*texts: str) -> Table:
        return _table(
            [[_s(text, CAPTION) for text in texts]],
            colWidths=thirds,
            style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.black)],
        )

    rows = [
        _p(heading, LABEL),
        _p(name or "&nbsp;", VALUE),
        captions("(Last)", "(First)", "(Middle)"),
        _p(street or "&nbsp;", VALUE),
        _s("(Street)", CAPTION),
        _table(
            [
                [
                    _p(escape(address.city or ""), VALUE),
                    _p(escape(state_name(address)), VALUE),
                    _p(escape(address.zip_code or ""), VALUE),
                ]
            ],
            colWidths=thirds,
            style=[("LEFTPADDING", (0, 0), (-1, -1), 0)],
        ),
        captions("(City)", "(State)", "(Zip)"),
    ]
    country = country_name(address)
    if country:
        rows += [_p(escape(country), VALUE), _s("(Country)", CAPTION)]
    return box(rows, width)


def issuer_box(filing: Filing, number: str, width: float) -> Table:
    """The issuer's name and ticker, and the foreign trading symbol under it (box 2 and 2a; 3 and 3a on Form 3)."""
    issuer = filing.issuer
    issuer_text = escape(issuer.name or (f"CIK {issuer.cik}" if issuer.cik else "")) + (
        f" [{escape(issuer.trading_symbol)}]" if issuer.trading_symbol else ""
    )
    return box(
        [
            _s(f"{number}. Issuer Name <b>and</b> Ticker or Trading Symbol", LABEL),
            _p(issuer_text, VALUE),
            _s(f"{number}a. Foreign Trading Symbol", LABEL),
            _p(escape(issuer.foreign_trading_symbol or ""), VALUE),
        ],
        width,
        lines_below=[1],
    )


def date_box(label: str, value, width: float) -> Table:
    return box([_s(label, LABEL), _p(format_date(value), VALUE)], width)


def relationship_box(filing: Filing, number: str, width: float) -> Table:
    """The first reporting person's relationship to the issuer (box 5; box 4 on Form 3)."""
    owners = owners_of(filing)
    r = owners[0].relationship
    more = f"<br/>(and {len(owners) - 1} more: see Reporting Owners)" if len(owners) > 1 else ""
    mark = _style("mark", 7, leading=8.4)
    half = (width - 4) / 2
    lines: list[list[Paragraph | str]] = [
        [
            _p(f"{check(bool(r.is_director))} Director", mark),
            _p(f"{check(bool(r.is_ten_percent_owner))} 10% Owner", mark),
        ],
        [
            _p(f"{check(bool(r.is_officer))} Officer (give title below)", mark),
            _p(f"{check(bool(r.is_other))} Other (specify below)", mark),
        ],
    ]
    detail = " / ".join(escape(text) for text in (r.officer_title, r.other_text) if text)
    lines.append([_p(detail or "&nbsp;", _style("title-below", 8, align=TA_CENTER)), ""])
    marks = _table(
        lines,
        colWidths=[half, half],
        style=[
            ("SPAN", (0, 2), (1, 2)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 2), (1, 2), 0.4, colors.black),
        ],
    )
    return box(
        [_p(f"{number}. Relationship of Reporting Person(s) to Issuer (Check all applicable)" + more, LABEL), marks],
        width,
    )


def joint_box(
    filing: Filing, number: str, width: float, label: str = "Individual or Joint/Group Filing (Check Applicable Line)"
) -> Table:
    joint = len(owners_of(filing)) > 1
    mark = _style("m6", 7, leading=8.4)
    return box(
        [
            _s(f"{number}. {label}", LABEL),
            _p(f"{check(not joint)} Form filed by One Reporting Person", mark),
            _p(f"{check(joint)} Form filed by More than One Reporting Person", mark),
        ],
        width,
    )


def grid(columns: Sequence[tuple[float, Sequence[Flowable]]]) -> Table:
    """Boxes in columns, each column's boxes one under the other, ruled as the paper form."""
    cells = []
    for width, boxes in columns:
        cells.append(
            _table(
                [[one] for one in boxes],
                colWidths=[width],
                style=[
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *[("LINEBELOW", (0, row), (-1, row), 0.8, colors.black) for row in range(len(boxes) - 1)],
                ],
            )
        )
    return _table(
        [cells],
        colWidths=[width for width, _ in columns],
        style=[
            ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
    )


# -- Tables I and II, from the form's description -------------------------------------------------------------
@dataclass(frozen=True)
class PrintedColumn:
    """A column of the printed table: under box `box`, part `part` ("" when the box is one column), showing
    the description's columns `columns` (a code and its K and timeliness marks share one cell)."""

    box: Box
    part: str
    columns: tuple[Column, ...]


def printed_columns(table: TableDescription, parts: Mapping[str, tuple[str, ...]]) -> list[PrintedColumn]:
    """The printed columns of `table`, in the description's order: one per part of a box (a part-less column
    joins its box's first part), one per box that has a single part or none. `parts` names the printed parts of
    a box that the paper divides otherwise than the description ("5": ("(A)", "(D)"))."""
    by_box: dict[str, list[Column]] = {}
    for column in table.columns:
        if column.number and column.printed:
            by_box.setdefault(column.number, []).append(column)
    printed = []
    for number, columns in by_box.items():
        heading = table.box(number)
        if number in parts:
            printed += [PrintedColumn(heading, part, tuple(columns)) for part in parts[number]]
            continue
        named = [column.part for column in columns if column.part]
        if len(named) <= 1:
            printed.append(PrintedColumn(heading, "", tuple(columns)))
            continue
        for part in named:
            mine = [column for column in columns if column.part == part]
            if part == named[0]:
                mine += [column for column in columns if not column.part]
            printed.append(PrintedColumn(heading, part, tuple(mine)))
    return printed


_ALIGN = {"text": CELL, "date": CELL_CENTER, "decimal": CELL_RIGHT}
_PRICES = {"price_per_share", "conversion_or_exercise_price"}
# A box given as a value instead of a number of shares: printed in the same place, with "$".
_ALTERNATIVES = {
    "shares": "total_value",
    "shares_owned_following": "value_owned_following",
    "underlying.shares": "underlying.value",
}


def attribute_of(row: object, path: str):
    value = row
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def is_transaction(row: object) -> bool:
    return isinstance(row, (NonDerivativeTransaction, DerivativeTransaction))


def value_markup(row: object, column: Column) -> str:
    """A value of a row as the form prints it, by the kind of its column."""
    attribute = column.attribute or ""
    box_ = attribute_of(row, attribute)
    if column.kind == "date":
        return box_markup(box_, format_date)
    if column.kind == "decimal":
        if box_ is None and attribute in _ALTERNATIVES:
            return box_markup(attribute_of(row, _ALTERNATIVES[attribute]), format_price)
        return box_markup(box_, format_price if attribute in _PRICES else format_amount)
    if column.kind == "code":
        coding = getattr(row, "coding", None)
        if coding is None or not is_transaction(row):
            return ""
        return escape(coding.code) + ("/K" if coding.equity_swap_involved else "") + refs(coding.footnote_ids)
    if column.kind == "v":
        coding = getattr(row, "coding", None)
        if not is_transaction(row):
            return ""
        early = "V" if coding is not None and coding.form_type == "5" else ""
        timeliness = getattr(row, "timeliness", None)
        return early + (refs(timeliness.footnote_ids) if timeliness is not None else "")
    if column.kind in ("k", "timeliness", "kind"):
        return ""  # printed with the code (K) or by the form that prints it
    return box_markup(box_)


def _joined(parts: Sequence[str]) -> str:
    return "".join(part for part in parts if part)


@dataclass(frozen=True)
class TableLayout:
    """How a form prints one of its tables: the column widths (in printed-column order, see printed_columns) and
    the parts the paper divides a box into where the description does not."""

    widths: tuple[float, ...]
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def table(form: PrintedForm, filing: Filing, name: str) -> Table:
    description = form.description.table(name)
    layout = form.table_i if name == "table_i" else form.table_ii
    columns = printed_columns(description, layout.parts)
    assert len(columns) == len(layout.widths), f"Form {form.description.form} {name}: one width per column"
    title = f"<b>{escape(description.title)}</b>"
    if description.subtitle:
        title += "<br/>" + escape(description.subtitle).replace("e.g.", "<i>e.g.</i>")
    head: list[list] = [[_s(title, _style(f"{name}-title", 8, align=TA_CENTER))] + [""] * (len(columns) - 1)]
    boxes_row: list = []
    parts_row: list = []
    style = [
        ("SPAN", (0, 0), (-1, 0)),
        ("GRID", (0, 1), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 1), (-1, -1), 1, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 2), (-1, 2), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 3), (-1, -1), 3),  # room for a raised footnote mark under the rule above
    ]
    for index, column in enumerate(columns):
        first = index == 0 or columns[index - 1].box != column.box
        boxes_row.append(_s(f"{column.box.number}. {escape(column.box.heading)}", HEAD) if first else "")
        parts_row.append(_s(escape(column.part), HEAD_CENTER) if column.part else "")
        if not column.part:
            style.append(("SPAN", (index, 1), (index, 2)))
        elif first:
            last = index
            while last + 1 < len(columns) and columns[last + 1].box == column.box:
                last += 1
            if last > index:
                style.append(("SPAN", (index, 1), (last, 1)))
    head += [boxes_row, parts_row]
    body = [[form.cell(form, filing, row, column, columns) for column in columns] for row in getattr(filing, name)]
    return _table(head + body, colWidths=list(layout.widths), repeatRows=3, style=TableStyle(style))


def cell(form: PrintedForm, filing: Filing, row: object, column: PrintedColumn, columns: list[PrintedColumn]):
    """A table cell as most forms print it: the values of its description's columns, one after another; a
    holding shows only what a holding has; a part "(A)" or "(D)" shows the amount when the row's (A) or (D) is
    that (a holding's coding marks go with its code, or with its title where the table has no code column)."""
    transaction = is_transaction(row)
    kinds, style, whole, shown_in, has_code = _column_facts(column, columns)
    if column.part in ("(A)", "(D)"):
        direction = row.acquired_disposed if transaction else None  # type: ignore[attr-defined]
        code = direction.value if direction is not None else None
        amount = next(one for one in column.columns if one.attribute == "shares")
        mine = (code == "D") if column.part == "(D)" else (code != "D")
        markup = ""
        if transaction and mine:
            markup = value_markup(row, amount) + refs(direction.footnote_ids if direction else [])
        return Cell(markup, CELL_RIGHT, whole=True)
    markup = _joined([value_markup(row, one) for one in shown_in[transaction]])
    coding = getattr(row, "coding", None)
    if not transaction and coding is not None and coding.footnote_ids:
        if ("code" in kinds) or (not has_code and column is columns[0]):
            markup += refs(coding.footnote_ids)
    return Cell(markup, style, whole=whole)


_facts: dict[int, tuple] = {}


def _column_facts(column: PrintedColumn, columns: list[PrintedColumn]) -> tuple:
    """What a column's cells share, found once per table: its kinds of value, its style, whether its words are
    kept whole, the columns it shows for a transaction and for a holding, and whether the table has a code."""
    found = _facts.get(id(column))
    if found is not None and found[0] is column and found[1] is columns:
        return found[2]
    kinds = {one.kind for one in column.columns}
    style = _ALIGN.get(column.columns[0].kind, CELL_CENTER)
    if column.columns[0].attribute == "underlying.title":
        style = CELL_CENTER
    shown_in = {
        True: [one for one in column.columns],
        False: [one for one in column.columns if one.holding],
    }
    has_code = any(one.kind == "code" for one in (c for p in columns for c in p.columns))
    facts = (kinds, style, not kinds & {"text"}, shown_in, has_code)
    if len(_facts) > 1000:
        _facts.clear()
    _facts[id(column)] = (column, columns, facts)
    return facts


# -- after the tables ----------------------------------------------------------------------------------------
def reporting_owners(form: PrintedForm, filing: Filing, options: Options) -> list:
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
            " ".join(part for part in (address.city, state_name(address), address.zip_code) if part),
            country_name(address),
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
    owners = _table(
        rows,
        colWidths=[260, 60, 60, 120, 120],
        repeatRows=2,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("SPAN", (1, 0), (4, 0)),
                ("SPAN", (0, 0), (0, 1)),
                ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
            ]
        ),
    )
    return [Spacer(1, 6), *headed("Reporting Owners", owners), Spacer(1, 6)]


def explanation(form: PrintedForm, filing: Filing, options: Options) -> list:
    """The * and ** notes (printed here only) and the footnotes."""
    items = [
        [_s("<b>*</b>", TEXT), _s(form.star_note, TEXT)],
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
        # as the SEC's stylesheets show a footnote: its line breaks and runs of spaces read as one space (a filing's
        # footnotes are often hard-wrapped in the XML); remarks keep their line breaks, as there
        text = escape(" ".join(footnote.text.split()))
        items.append([_p(f"<b>({escape(footnote_number(footnote.id))})</b>", TEXT), _p(text, TEXT)])
    notes = _table(
        items,
        colWidths=[26, WIDTH - 26],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ],
    )
    notes.repeatRows = 0
    return [Spacer(1, 4), *headed("Explanation of Responses:", notes, rows=2)]


def remarks(form: PrintedForm, filing: Filing, options: Options) -> list:
    return [Spacer(1, 6), *headed("Remarks:", Paragraph(_text(filing.remarks) or "&nbsp;", TEXT))]


def _signed_name(name: str) -> str:
    """The name without the "/s/" a conformed signature carries."""
    stripped = name.strip()
    return stripped[3:].strip() if stripped.lower().startswith("/s/") else stripped


def signatures(form: PrintedForm, filing: Filing, options: Options) -> list:
    """A ruled line per signature, left blank to sign by hand with the name and date under it; a conformed copy
    prints "/s/ name" on the line instead."""
    blocks = []
    rule = [
        ("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
        ("LINEBELOW", (2, 0), (2, 0), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, 0), 26),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]
    labels = [_s("** Signature of Reporting Person", SMALL), "", _s("Date", _style("sd", 5.8, align=TA_CENTER))]
    for signature in filing.signatures or [Signature()]:
        name = _signed_name(signature.name)
        signed_date = format_date(signature.date)
        if options.signature == "conformed" and name:
            rows = [
                [
                    _p(f"/s/ {escape(name)}", _style("sig", 9)),
                    "",
                    _p(signed_date, _style("sigd", 9, align=TA_CENTER)),
                ],
                labels,
            ]
        else:
            rows = [
                ["", "", ""],
                [
                    _p(escape(name), _style("sig-name", 8)),
                    "",
                    _p(signed_date, _style("sig-date", 8, align=TA_CENTER)),
                ],
                labels,
            ]
        blocks.append(_table(rows, colWidths=[300, 30, 90], style=rule, hAlign="LEFT"))
    heading = Paragraph("Signatures", SECTION)
    return [KeepHeading(heading, blocks[0], rows=3), heading, *(KeepTogether([block]) for block in blocks)]


def closing_notes(form: PrintedForm, filing: Filing, options: Options) -> list:
    return [Spacer(1, 8), KeepTogether([Paragraph(note, NOTE) for note in form.closing_notes])]


def reminder(form: PrintedForm, filing: Filing, options: Options) -> list:
    """The line under Table I on Forms 3 and 5: the reminder, the OMB notice and the form's number."""
    line = _table(
        [
            [
                _s(
                    "Reminder: Report on a separate line for each class of securities beneficially owned directly "
                    "or indirectly.",
                    NOTE,
                ),
                _s(
                    "<b>Persons who respond to the collection of information contained in this form are not "
                    "required to respond unless the form displays a currently valid OMB control number.</b>",
                    NOTE,
                ),
                _s(escape(form.description.sec_number), _style("secno", 7, align=TA_RIGHT)),
            ]
        ],
        colWidths=[WIDTH * 0.4, WIDTH * 0.48, WIDTH * 0.12],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 1)],
    )
    return [Spacer(1, 4), line, Spacer(1, 6)]


def print_or_type(form: PrintedForm, filing: Filing, options: Options) -> list:
    return [Spacer(1, 4), _s("(Print or Type Responses)", SMALL)]


def boxes(form: PrintedForm, filing: Filing, options: Options) -> list:
    return [Spacer(1, 2), form.boxes(filing)]


def table_i(form: PrintedForm, filing: Filing, options: Options) -> list:
    return [Spacer(1, 8), table(form, filing, "table_i")]


def table_ii(form: PrintedForm, filing: Filing, options: Options) -> list:
    return [Spacer(1, 10), table(form, filing, "table_ii")]


# Forms 3 and 5 as their stylesheets (3_X07.xsl, 5_X09.xsl) lay them out after the top: the same parts in the same
# order, and the same OMB notice at the foot (4_X09.xsl has an order and a notice of its own).
PARTS_OF_FORMS_3_AND_5 = (
    boxes,
    table_i,
    reminder,
    table_ii,
    reporting_owners,
    signatures,
    explanation,
    remarks,
    closing_notes,
)
OMB_NOTICE_OF_FORMS_3_AND_5 = (
    "Potential persons who are to respond to the collection of information contained in this form are not "
    "required to respond unless the form displays a currently valid OMB number."
)


# -- a printed form ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    signature: str = "manual"  # "manual": a blank line to sign by hand; "conformed": "/s/ name" on it


Part = Callable[["PrintedForm", Filing, Options], list]


@dataclass(frozen=True)
class PrintedForm:
    """Everything one form prints differently: see form3.py, form4.py and form5.py."""

    description: FormDescription
    omb_number: str
    burden_hours: str
    footer_number: str  # the form's number at the foot of each page ("SEC 1474 (03-26)")
    top_checks: tuple[TopCheck, ...]
    boxes: Callable[[Filing], Flowable]  # the numbered boxes under the top
    table_i: TableLayout
    table_ii: TableLayout
    star_note: str  # "* If the form is filed by more than one reporting person, see Instruction 4(b)(v)."
    closing_notes: tuple[str, ...]
    parts: tuple[Part, ...]  # the form's parts in order, from its top to its closing notes
    cell: Callable = cell  # how a table cell prints (a form may print a column its own way)


def _footer_text(text: str, room: float) -> str:
    """`text` cut with "…" to fit `room` points, so that it never runs into the form's number."""
    if pdfmetrics.stringWidth(text, FONT, 7) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "\u2026", FONT, 7) > room:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def _numbered_canvas(footer_left: str, footer_centre: str, watermark: bool, copies: int):
    room = PAGE[0] / 2 - MARGIN - pdfmetrics.stringWidth(footer_centre, FONT, 7) / 2 - 12
    footer_left = _footer_text(footer_left, room)

    class NumberedCanvas(pdf_canvas.Canvas):
        """Defers each page until the end, so that "Page N of M" can count the pages of its copy."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._form4_copy = 1

        def showPage(self):
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
            self.drawCentredString(PAGE[0] / 2, 12, footer_centre)
            if watermark:
                self.setFont(BOLD, 54)
                self.setFillColor(colors.red)
                self.setFillAlpha(0.18)
                self.translate(PAGE[0] / 2, PAGE[1] / 2)
                self.rotate(28)
                self.drawCentredString(0, -18, WATERMARK)
            self.restoreState()

    return NumberedCanvas


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


def render(
    form: PrintedForm, filing: Filing, *, copies: int = 1, draft: bool = False, signature: str = "manual"
) -> bytes:
    """`filing` printed as `form`: see pdf.render_pdf."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    if signature not in SIGNATURES:
        raise ValueError(f"signature must be one of {', '.join(SIGNATURES)}")
    options = Options(signature=signature)
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
        story += [_CopyStart(number), top(form, filing)]
        for part in form.parts:
            story += part(form, filing, options)
    document.build(story, canvasmaker=_numbered_canvas(title, form.footer_number, draft, copies))
    return buffer.getvalue()
