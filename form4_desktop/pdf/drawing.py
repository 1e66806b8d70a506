"""Drawing on the page exactly as reportlab would, with less work per cell and per line.

A printed form is mostly table cells and lines of text; reportlab spends more on its general machinery for each of
them (a text object, a graphics state saved as a copy of the canvas's, a cell measured again when drawn) than on
what it writes. Here the same PDF operators are written directly, byte for byte what reportlab writes (the tests
and the corpus comparison hold the two to that): what is not one of the plain cases below is left to reportlab.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus import Flowable, Table
from reportlab.platypus.paragraph import _wsc, _wsc_re_split
from reportlab.platypus.tables import CellStyle, TableStyle, _calc_pc, _isLineCommand, _setCellStyle

# a table's commands that are not a cell's own style (Table._addCommand keeps them apart)
_NOT_A_CELLS_OWN = ("BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "ROUNDEDCORNERS")

# Whether the printed form is laid out and drawn by the shortcuts here (and layout.py's parsing by shape and
# ASCII encoding): off, everything is reportlab's own way, which tests/test_pdf.py holds to the same bytes.
DIRECT = True


_SIZES: dict[tuple[float, float], str] = {}  # "7.5 Tf 9 TL" by size and leading, a few of them


def text_code(canvas, font_name: str, size: float, leading: float, text: str, subset: int = -1) -> tuple[str, int]:
    """The operators reportlab's text object writes for `text` (TextObject._formatText with a TrueType font): the
    font's subset named where it changes from `subset`, and each run of one subset shown. Returns them and the
    subset in use after them."""
    font = getFont(font_name)
    document = canvas._doc
    parts: list[str] = []
    for run_subset, run in font.splitString(text, document):
        if run_subset != subset:
            template = _SIZES.get((size, leading))
            if template is None:
                template = _SIZES[size, leading] = f"{fp_str(size)} Tf {fp_str(leading)} TL"
            parts.append(f"{font.getSubsetInternalName(run_subset, document)} {template}")
            subset = run_subset
        parts.append(f"({canvas._escape(run)}) Tj")
    return " ".join(parts), subset


def string_code(canvas, x: float, y: float, text: str, font_name: str, size: float) -> str:
    """What canvas.drawString(x, y, text) writes after canvas.setFont(font_name, size)."""
    code, _ = text_code(canvas, font_name, size, size * 1.2, text)
    return f"BT 1 0 0 1 {fp_str(x, y)} Tm {code} T* ET"


def draw_translated(canvas, x: float, y: float, code: str) -> None:
    """What a flowable's drawOn(canvas, x, y) writes around a drawing that leaves the canvas's state as it found
    it: the state saved, the origin moved, the drawing, the state restored."""
    # fp_str(1, 0, 0, 1, x, y) writes each number alone: the same as "1 0 0 1 " and fp_str(x, y)
    moved = f"1 0 0 1 {fp_str(x, y)} cm"
    canvas._code += ("q", moved, code, "Q") if code else ("q", moved, "Q")


def _covering(count: int, spans: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """For each of `count` rows (or columns), the numbers of the `spans` (first, last) that cover it: found once
    for each run of rows between the spans' ends, where it cannot change."""
    ends = {0, count, *(first for first, _ in spans), *(last + 1 for _, last in spans)}
    cuts = sorted(cut for cut in ends if 0 <= cut <= count)
    covering: list[tuple[int, ...]] = []
    for start, end in zip(cuts, cuts[1:]):
        if start >= count:
            break
        these = tuple(k for k, (first, last) in enumerate(spans) if first <= start <= last)
        covering += [these] * (min(end, count) - start)
    return covering


class FastTable(Table):
    """A reportlab Table that measures and draws the cells it knows with less work, writing the same PDF.

    A cell that is one flowable with a `measured(width)` method (its size at that width, or None) is measured by
    that alone, where reportlab measures it through its general cell machinery; one with a `direct_code(canvas,
    width, height)` method (the PDF it writes when drawn at the origin, or None) is drawn with that. Every other cell
    is reportlab's."""

    def __init__(self, data, colWidths=None, rowHeights=None, style=None, **options):  # noqa: N803
        self._form4_shared = DIRECT and options.get("cellStyles") is None
        if self._form4_shared:
            options["cellStyles"] = []  # made by setStyle, one CellStyle for the cells that are alike
        super().__init__(data, colWidths, rowHeights, style, **options)
        if self._form4_shared:  # no style given
            self._form4_shared = False
            self._cellStyles = self._shared_styles([])

    def setStyle(self, tblstyle):  # noqa: N802, N803 - reportlab's names
        """Table.setStyle; on a new table, a cell's own commands (paddings, alignment, font) make one CellStyle
        for all the cells they make alike, instead of one per cell set command by command (the same values
        on every cell: reportlab only reads them, and compares a cell's with the one before)."""
        if not getattr(self, "_form4_shared", False):
            return super().setStyle(tblstyle)
        self._form4_shared = False
        if not isinstance(tblstyle, TableStyle):
            tblstyle = TableStyle(tblstyle)
        commands = list(tblstyle.getCommands())
        if any(
            len(command) >= 3 and any(isinstance(one, str) for one in (*command[1], *command[2]))
            for command in commands
        ):
            self._cellStyles = [[CellStyle(repr((i, j))) for j in range(self._ncols)] for i in range(self._nrows)]
            return super().setStyle(tblstyle)  # special rows, or reportlab's error for a bad coordinate
        own = []
        for command in commands:
            if command[0] in _NOT_A_CELLS_OWN or _isLineCommand(command):
                self._addCommand(command)
            else:
                own.append(command)
        self._cellStyles = self._shared_styles(own)
        for key, value in tblstyle._opts.items():
            setattr(self, key, value)
        for name in ("spaceBefore", "spaceAfter"):
            if not hasattr(self, name) and hasattr(tblstyle, name):
                setattr(self, name, getattr(tblstyle, name))
        return None

    def _shared_styles(self, commands) -> list[list[CellStyle]]:
        """The cells' styles after `commands` (Table._addCommand's, cell by cell), a CellStyle per set of
        commands that covers a cell."""
        rows, columns = self._nrows, self._ncols
        ranges = []
        for op, (sc, sr), (ec, er), *values in commands:
            sc, ec, sr, er = self.normCellRange(sc, ec, sr, er)
            ranges.append((op, values, sc, ec, sr, er))
        by_row = _covering(rows, [(one[4], one[5]) for one in ranges])
        by_column = _covering(columns, [(one[2], one[3]) for one in ranges])
        made: dict[tuple, CellStyle] = {}
        matrix = []
        for i in range(rows):
            row = []
            for j in range(columns):
                key = (by_row[i], by_column[j])
                style = made.get(key)
                if style is None:
                    style = made[key] = CellStyle(repr((i, j)))
                    covering = set(by_row[i]) & set(by_column[j])
                    for k in sorted(covering):
                        _setCellStyle([[style]], 0, 0, ranges[k][0], ranges[k][1])
                row.append(style)
            matrix.append(row)
        return matrix

    def _calc(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        """Table._calc, once: with every row's height known it depends on the width alone (it stops early
        only while a height is unknown), and a table is measured again for the frame, its split and the
        heading it follows."""
        if DIRECT and getattr(self, "_form4_calculated_for", None) == availWidth:
            return
        super()._calc(availWidth, availHeight)
        if DIRECT and None not in self._rowHeights and self._hmax == len(self._rowHeights):
            self._form4_calculated_for = availWidth

    def _calc_height(self, availHeight, availWidth, H=None, W=None):  # noqa: N803 - reportlab's names
        if DIRECT and None in self._argH and not getattr(self, "_form4_measured", False):
            self._form4_measured = True
            self._measure_rows(W or _calc_pc(self._argW, availWidth))
        return super()._calc_height(availHeight, availWidth, H=H, W=W)

    def _measure_rows(self, widths) -> None:
        """Fill in the height of each row reportlab would measure the plain way (no spanned cell, each cell a text
        or one flowable that measures itself), computed as reportlab computes it (Table._calc_height)."""
        if None in widths or self._minRowHeights:
            return
        spanned = set(self._rowSpanCells) | set(self._colSpanCells) if self._spanCmds else set()
        heights = list(getattr(self, "_argH"))  # noqa: B009 - mypy cannot type reportlab's attribute
        for i, (values, styles) in enumerate(zip(self._cellvalues, self._cellStyles)):
            if heights[i] is not None:
                continue
            h = 0
            for j, (value, style, width) in enumerate(zip(values, styles, widths)):
                if (j, i) in spanned:
                    break
                if isinstance(value, Flowable):
                    measured = getattr(value, "measured", None)
                    if measured is None or value.getSpaceBefore() or value.getSpaceAfter():
                        break
                    size = measured(width - style.leftPadding - style.rightPadding)
                    if size is None:
                        break
                    t = size[1]
                elif isinstance(value, (list, tuple)):
                    break
                else:
                    lines = (value is not None and str(value) or "").split("\n")
                    t = (style.leading or 1.2 * style.fontsize) * len(lines)
                t += style.bottomPadding + style.topPadding
                if t > h:
                    h = t
            else:
                heights[i] = h
        self._argH = self._rowHeights = heights

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802,N803 - reportlab's names
        value = cellval[0] if isinstance(cellval, (list, tuple)) and len(cellval) == 1 else cellval
        direct = getattr(value, "direct_code", None)
        if not DIRECT or direct is None or cellstyle.href or cellstyle.destination:
            return super()._drawCell(cellval, cellstyle, pos, size)
        colpos, rowpos = pos
        colwidth, rowheight = size
        measured = value.measured(colwidth - cellstyle.leftPadding - cellstyle.rightPadding)
        if measured is None or value.getSpaceBefore() or value.getSpaceAfter():
            return super()._drawCell(cellval, cellstyle, pos, size)
        w, h = measured
        code = direct(self.canv, w, h)
        if code is None:
            return super()._drawCell(cellval, cellstyle, pos, size)
        # as Table._drawCell: the cell's colour and font, then the flowable placed by its alignment
        if self._curcellstyle is not cellstyle:
            current = self._curcellstyle
            if current is None or cellstyle.color != current.color:
                self.canv.setFillColor(cellstyle.color)
            if (
                current is None
                or cellstyle.leading != current.leading
                or cellstyle.fontname != current.fontname
                or cellstyle.fontsize != current.fontsize
            ):
                self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        just, valign = cellstyle.alignment, cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + h
        else:
            y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - w
        elif just in ("CENTRE", "CENTER"):
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - w) / 2.0
        else:
            return super()._drawCell(cellval, cellstyle, pos, size)
        y -= h
        draw_translated(self.canv, x, y, code)
        return None


# -- paragraphs of one font (reportlab's "kind 0": a footnote, a heading, a name) ------------------------------
_widths: dict[tuple[str, float, str], dict[str, float]] = {}
_WIDTHS_KEPT = 50_000  # words per font and size


def _word_widths(font_name: str, size: float, encoding: str) -> dict[str, float]:
    """The widths of words measured so far in a font at a size (what stringWidth gives: one lookup, no call)."""
    key = (font_name, size, encoding)
    known = _widths.get(key)
    if known is None or len(known) > _WIDTHS_KEPT:
        known = _widths[key] = {}
    return known


def plain_lines(paragraph, widths):
    """paragraph.breakLines(widths) for a paragraph of one plain fragment, computed as reportlab computes it
    (Paragraph.breakLines, its single-fragment case) without its general machinery; None when the paragraph is
    not that simple case (hyphens to honour, a word wider than the line, indents, right-to-left text...): the
    caller breaks it as usual."""
    style, frags = paragraph.style, paragraph.frags
    if not DIRECT:
        return None
    if not isinstance(widths, (list, tuple)):
        widths = [widths]
    if (
        len(frags) != 1
        or paragraph.bulletText
        or len(set(widths)) != 1
        or style.wordWrap
        or style.endDots
        or style.shaping
        or style.hyphenationLang
        or style.uriWasteReduce
        or style.embeddedHyphenation
        or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
    ):
        return None
    fragment = frags[0]
    text = getattr(fragment, "text", None)
    if not isinstance(text, str) or hasattr(fragment, "cbDefn") or hasattr(fragment, "backColor"):
        return None
    font_size, font_name = fragment.fontSize, fragment.fontName
    broken = break_plain(text, font_name, font_size, style.spaceShrinkage, widths[0], paragraph.encoding)
    if broken is None:
        return None
    lines, widest = broken
    ascent, descent = getAscentDescent(font_name, font_size)
    paragraph.height = 0
    paragraph._width_max = widest
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    return fragment.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


def break_plain(text: str, font_name: str, font_size: float, shrinkage: float, max_width: float, encoding="utf8"):
    """The lines reportlab breaks a text of one font into (its single fragment's case), each (the room left,
    its words), and the widest; None for no text, a soft hyphen (where reportlab may hyphenate) or a word wider
    than the line (which reportlab splits)."""
    if "\xad" in text:
        return None
    text = text.strip(_wsc)  # reportlab's strip and split: on white space, a no-break space kept in its word
    if not text:
        return None
    words = _wsc_re_split(text) if "\xa0" in text else text.split()
    font = getFont(font_name)
    known = _word_widths(font_name, font_size, encoding)
    space = font.stringWidth(" ", font_size, encoding)
    shrink = shrinkage * space
    lines = []
    line: list[str] = []
    widest = 0
    current = -space
    for word in words:
        word_width = known.get(word)
        if word_width is None:
            word_width = known[word] = font.stringWidth(word, font_size, encoding)
        if word_width > max_width:
            return None  # reportlab splits a word wider than the line
        new_width = current + space + word_width
        if new_width <= max_width + shrink * len(line) or not line:
            line.append(word)
            current = new_width
        else:
            if current > widest:
                widest = current
            lines.append((max_width - current, line))
            line = [word]
            current = word_width
    if current > widest:
        widest = current
    lines.append((max_width - current, line))
    return lines, widest


class TextCode:
    """reportlab's text object (pdfgen.textobject.PDFTextObject) for what a paragraph's lines use, writing the
    same operators into a list of its own instead of through the canvas's state."""

    def __init__(self, canvas, x: float, y: float):
        self.canvas = canvas
        self.code = ["BT", f"1 0 0 1 {fp_str(x, y)} Tm"]
        self.subset = -1
        self.font_name, self.size, self.leading = "", 0.0, 0.0

    def set_font(self, name: str, size: float, leading: float) -> None:
        self.font_name, self.size, self.leading = name, size, leading
        self.subset = -1

    def set_x(self, dx: float) -> None:
        """setXPos (moveCursor(dx, 0)), which folds a move into the move just before it."""
        if -1e-6 <= dx <= 1e-6:
            return
        code, dy = self.code, 0.0
        if code[-1].endswith(" Td"):
            parts = code[-1].split()
            if len(parts) == 3:
                del code[-1]
            else:
                code[-1] = "".join(parts[:-4])
            dx += float(parts[-3])
            dy -= float(parts[-2])
        code.append(f"{fp_str(dx, -dy)} Td")

    def word_space(self, space: float) -> None:
        self.code.append(f"{fp_str(space)} Tw")

    def line(self, text: str) -> None:
        """_textOut(text, TStar=1)."""
        self.out(text, True)

    def out(self, text: str, line_ends: bool) -> None:
        """_textOut(text, TStar)."""
        shown, self.subset = text_code(self.canvas, self.font_name, self.size, self.leading, text, self.subset)
        self.code.append(f"{shown} T*" if line_ends else shown)

    def set_leading(self, leading: float) -> None:
        self.leading = leading
        self.code.append(f"{fp_str(leading)} TL")

    def set_rise(self, rise: float) -> None:
        """setRise, which replaces a rise set just before."""
        rise_code = f"{fp_str(rise)} Ts"
        if self.code[-1].endswith(" Ts"):
            self.code[-1] = rise_code
        else:
            self.code.append(rise_code)

    def finished(self) -> str:
        return " ".join(self.code) + " ET"


def fill_code(canvas, color) -> str | None:
    """What canvas.setFillColor(color) writes when the fill's transparency stays as it is; None otherwise."""
    if type(color) is not Color or canvas._enforceColorSpace:
        return None
    alpha = getattr(color, "alpha", None)
    if alpha is not None:
        if canvas._extgstate.getValue("ca") != alpha:
            return None
        canvas._doc.ensureMinPdfVersion("transparency")
    return f"{fp_str((color.red, color.green, color.blue))} rg"


def plain_paragraph_code(paragraph, canvas) -> str | None:
    """What paragraph.draw() writes (Paragraph.drawPara) for lines of one font, left, centred or right; None
    when the paragraph is drawn otherwise (justified, a border or background, a bullet, indents...)."""
    style, lines_of = paragraph.style, getattr(paragraph, "blPara", None)
    if (
        not DIRECT
        or lines_of is None
        or lines_of.kind != 0
        or style.alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT)
        or style.backColor
        or (style.borderColor and style.borderWidth)
        or paragraph.bulletText
        or style.firstLineIndent
        or hasattr(paragraph, "_offsets")
        or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
        or lines_of.us_lines
        or lines_of.link
        or not canvas.bottomup
        or getattr(paragraph, "debug", 0)
    ):
        return None
    return plain_code(
        canvas, style, lines_of.lines, paragraph.height, lines_of.fontName, lines_of.fontSize, lines_of.textColor
    )


def plain_code(canvas, style, lines, height: float, font_name: str, font_size: float, color) -> str | None:
    """What Paragraph.drawPara writes for `lines` of one font (its kind 0) in a paragraph `height` high; None
    when the colour is not written the plain way."""
    if not lines:
        return ""
    fill = fill_code(canvas, color)
    if fill is None:
        return None
    text = TextCode(canvas, style.leftIndent, height - font_size)
    text.set_font(font_name, font_size, style.leading)
    alignment = style.alignment
    for extra, words in lines:
        joined = " ".join(words)
        simple = extra > -1e-8
        spaces = 0
        if not simple:
            spaces = len(words) + joined.count("\xa0") - 1
            simple = spaces <= 0
        if alignment == TA_LEFT:
            if simple:
                text.line(joined)
            else:
                text.word_space(extra / float(spaces))
                text.line(joined)
                text.word_space(0)
            continue
        if simple:
            move = 0.5 * extra if alignment == TA_CENTER else extra
            text.set_x(move)
            text.line(joined)
        else:
            move = 0
            text.word_space(extra / float(spaces))
            text.set_x(move)
            text.line(joined)
            text.word_space(0)
        text.set_x(-move)
    return f"q\n{fill}\n{text.finished()}\nQ"


# -- paragraphs of several fonts (reportlab's "kind 1": a value and its raised footnote marks, bold in plain) -----
def frag_paragraph_code(paragraph, canvas) -> str | None:
    """What paragraph.draw() writes (Paragraph.drawPara, _putFragLine) for lines of text fragments, left, centred
    or right; None when the paragraph has more than text (an image, a link, underlining, a background) or is drawn
    otherwise."""
    style, lines_of = paragraph.style, getattr(paragraph, "blPara", None)
    if (
        not DIRECT
        or lines_of is None
        or lines_of.kind != 1
        or style.alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT)
        or style.backColor
        or (style.borderColor and style.borderWidth)
        or paragraph.bulletText
        or style.firstLineIndent
        or style.endDots
        or style.wordWrap
        or hasattr(paragraph, "_offsets")
        or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
        or not canvas.bottomup
        or getattr(paragraph, "debug", 0)
    ):
        return None
    lines = lines_of.lines
    if not lines:
        return ""
    for line in lines:
        for fragment in line.words:
            if (
                hasattr(fragment, "cbDefn")
                or fragment.us_lines
                or fragment.link
                or getattr(fragment, "backColor", None)
                or not isinstance(fragment.text, str)
            ):
                return None
    text = TextCode(canvas, style.leftIndent, paragraph.height - lines[0].fontSize)
    # as drawPara starts: no leading, font or colour yet, no rise
    leading_set = False
    font: tuple[object, object] = (None, None)
    color, rise = None, 0
    alignment, leading = style.alignment, style.leading
    for line in lines:
        extra = line.extraSpace
        simple = extra > -1e-8
        spaces = 0
        if not simple:
            spaces = line.wordCount + sum(fragment.text.count("\xa0") for fragment in line.words) - 1
            simple = spaces <= 0
        if simple:
            move = 0 if alignment == TA_LEFT else 0.5 * extra if alignment == TA_CENTER else extra
            text.set_x(move)
        else:
            move = 0
            text.word_space(extra / float(spaces))
        # _putFragLine: the line's fragments, each in its font, colour and rise
        if not leading_set or text.leading != leading:
            text.set_leading(leading)
            leading_set = True
        words = line.words
        last = words[-1]
        for fragment in words:
            if font != (fragment.fontName, fragment.fontSize):
                font = (fragment.fontName, fragment.fontSize)
                text.font_name, text.size = fragment.fontName, fragment.fontSize
                text.subset = -1
            if color != fragment.textColor:
                color = fragment.textColor
                fill = fill_code(canvas, color)
                if fill is None:
                    return None
                text.code.append(fill)
            if rise != fragment.rise:
                rise = fragment.rise
                text.set_rise(rise)
            text.out(fragment.text, fragment is last)
        if not simple:
            text.word_space(0)
        text.set_x(-move)
    return f"q\n{text.finished()}\nQ"


# -- a value and its footnote marks on one line (the most common cell after a plain one) -----------------------
class MarkedLine:
    """A value and its raised footnote marks on one line of a cell: what reportlab makes of the markup "value
    <super ...>(1)(2)</super>" (a Paragraph of two fragments, broken into words, laid on a line, written by
    _putFragLine), measured and written directly. The value's words are separated by single spaces; the marks
    follow the last word after a space, or touch it ("M(1)")."""

    __slots__ = ("style", "value", "marks", "value_font", "mark_font", "width", "extra", "markup", "height")

    def __init__(self, style, value: str, marks: str, value_font: tuple, mark_font: tuple, width: float, extra: float):
        self.style, self.value, self.marks = style, value, marks
        self.value_font, self.mark_font = value_font, mark_font
        self.width, self.extra = width, extra
        self.markup = ""  # the cell's markup, for reportlab to lay out instead
        self.height = style.leading

    @classmethod
    def fitting(cls, style, words: list[str], spaced: bool, marks: str, value_font: tuple, mark_font: tuple, width):
        """The line when it fits `width` (reportlab's own sum of the words' widths and spaces, in its order);
        None when reportlab would break it (or squeeze it: then it is left to reportlab)."""
        value_name, value_size = value_font[0], value_font[1]
        value_widths = _word_widths(value_name, value_size, "utf8")
        mark_widths = _word_widths(mark_font[0], mark_font[1], "utf8")
        space = getFont(value_name).stringWidth(" ", value_size, "utf8")
        current = 0.0
        space_before = 0.0
        word_width = 0.0
        last = len(words) - 1
        for index, word in enumerate(words):
            known = value_widths.get(word)
            if known is None:
                known = value_widths[word] = getFont(value_name).stringWidth(word, value_size, "utf8")
            word_width = known
            if index == last and not spaced:
                break
            current = current + space_before + word_width
            space_before = space
        marks_width = mark_widths.get(marks)
        if marks_width is None:
            marks_width = mark_widths[marks] = getFont(mark_font[0]).stringWidth(marks, mark_font[1], "utf8")
        if spaced:
            current = current + space_before + marks_width
        else:  # the marks touch the last word: one word of two fragments
            current = current + space_before + (word_width + marks_width)
        if current > width:
            return None
        value = " ".join(words) + (" " if spaced else "")
        return cls(style, value, marks, value_font, mark_font, width, width - current)

    def code(self, canvas) -> str | None:
        """What drawing the Paragraph writes (drawPara of one line of two fragments; see frag_paragraph_code)."""
        style = self.style
        value_name, value_size, value_color, value_rise = self.value_font
        mark_name, mark_size, mark_color, mark_rise = self.mark_font
        leading = style.leading
        text = TextCode(canvas, style.leftIndent, leading - max(value_size, mark_size))
        alignment = style.alignment
        move = 0 if alignment == TA_LEFT else 0.5 * self.extra if alignment == TA_CENTER else self.extra
        text.set_x(move)
        text.set_leading(leading)
        fill = fill_code(canvas, value_color)
        if fill is None:
            return None
        text.code.append(fill)
        text.font_name, text.size = value_name, value_size
        if value_rise:
            text.set_rise(value_rise)
        text.out(self.value, False)
        if (mark_name, mark_size) != (value_name, value_size):
            text.font_name, text.size, text.subset = mark_name, mark_size, -1
        if mark_color != value_color:
            fill = fill_code(canvas, mark_color)
            if fill is None:
                return None
            text.code.append(fill)
        if mark_rise != value_rise:
            text.set_rise(mark_rise)
        text.out(self.marks, True)
        text.set_x(-move)
        return f"q\n{text.finished()}\nQ"


class MarkedLines:
    """A value and its raised footnote marks over several lines of a cell ("By Family Trust (8)" in a narrow
    column): the lines reportlab's Paragraph makes of the two fragments (Paragraph.breakLines, its fragments'
    case, followed step by step for this one kind of paragraph: the value's words, then the marks as a word of
    their own or touching the last word), measured and written directly (Paragraph.drawPara, _putFragLine)."""

    __slots__ = ("style", "fonts", "lines", "markup", "height")

    def __init__(self, style, fonts: tuple[tuple, tuple], lines: list):
        self.style, self.fonts, self.lines = style, fonts, lines
        self.markup = ""  # the cell's markup, for reportlab to lay out instead
        self.height = len(lines) * style.leading

    @classmethod
    def broken(cls, style, words: list[str], spaced: bool, marks: str, value_font: tuple, mark_font: tuple, width):
        """The lines at `width`; None where reportlab would do more than break between words (split a word
        wider than the line), or where the two fragments could look alike to it."""
        if value_font[1] == mark_font[1] and value_font[3] == mark_font[3]:
            return None
        value_widths = _word_widths(value_font[0], value_font[1], "utf8")
        value_face = getFont(value_font[0])
        mark_width = _word_widths(mark_font[0], mark_font[1], "utf8").get(marks)
        if mark_width is None:
            mark_width = getFont(mark_font[0]).stringWidth(marks, mark_font[1], "utf8")
        # the fragment words (_getFragWords): (width, [(fragment, text), ...], followed by a space)
        fragment_words = []
        for index, word in enumerate(words):
            word_width = value_widths.get(word)
            if word_width is None:
                word_width = value_widths[word] = value_face.stringWidth(word, value_font[1], "utf8")
            if index == len(words) - 1 and not spaced:
                fragment_words.append((word_width + mark_width, [(0, word), (1, marks)], False))
            else:
                fragment_words.append((word_width, [(0, word)], True))
        if spaced:
            fragment_words.append((mark_width, [(1, marks)], False))
        fonts = (value_font, mark_font)
        shrinkage = style.spaceShrinkage
        lines: list = []
        line: list[list] = []  # the line's fragments: [which font, text]
        count = 0
        space_width = current = 0.0
        for word_width, parts, followed in fragment_words:
            if not line:
                count = 0
                space_width = current = 0.0
            new_width = current + space_width + word_width if word_width > 0 else current
            which, text = parts[0]
            limit = width
            if shrinkage:
                shrink = space_width
                for one in line:
                    spaces = one[1].count(" ")
                    if spaces:
                        shrink += spaces * getFont(fonts[one[0]][0]).stringWidth(" ", fonts[one[0]][1], "utf8")
                shrink *= shrinkage
                limit += shrink
            if new_width > limit and word_width > width:
                return None  # reportlab would split this word
            last_font = fonts[parts[-1][0]]
            if new_width > limit and count > 0:  # the line ends before this word
                lines.append((width - current, count, line))
                space_width = getFont(last_font[0]).stringWidth(" ", last_font[1], "utf8") if followed else 0
                current = word_width
                count = 1
                line = [[part_font, piece] for part_font, piece in parts]
                continue
            if text:
                count += 1
            if not line:
                line = [[which, text]]
            elif line[-1][0] != which:
                if space_width:
                    if not line[-1][1].endswith(" "):
                        line[-1][1] += " "
                line.append([which, text])
            elif space_width:
                line[-1][1] += (" " + text) if not line[-1][1].endswith(" ") else text
            else:
                line[-1][1] += text
            first_font = fonts[which]
            space_width = getFont(last_font[0]).stringWidth(" ", first_font[1], "utf8") if followed else 0
            real = False
            for part_font, piece in parts[1:]:
                line.append([part_font, piece])
                real = real or bool(piece)
            if not text and real:
                count += 1
            current = new_width
        if line:
            lines.append((width - current, count, line))
        return cls(style, fonts, lines)

    def code(self, canvas) -> str | None:
        """What drawing the Paragraph writes (see frag_paragraph_code)."""
        style = self.style
        alignment, leading = style.alignment, style.leading
        top = max(font[1] for _, _, line in self.lines[:1] for font in (self.fonts[one[0]] for one in line))
        text = TextCode(canvas, style.leftIndent, self.height - top)
        leading_set = False
        font: tuple = (None, None)
        color, rise = None, 0
        for extra, count, line in self.lines:
            simple = extra > -1e-8
            spaces = 0
            if not simple:
                spaces = count - 1
                simple = spaces <= 0
            if simple:
                move = 0 if alignment == TA_LEFT else 0.5 * extra if alignment == TA_CENTER else extra
                text.set_x(move)
            else:
                move = 0
                text.word_space(extra / float(spaces))
            if not leading_set:
                text.set_leading(leading)
                leading_set = True
            for number, (which, piece) in enumerate(line):
                name, size, fragment_color, fragment_rise = self.fonts[which]
                if font != (name, size):
                    font = (name, size)
                    text.font_name, text.size, text.subset = name, size, -1
                if color != fragment_color:
                    color = fragment_color
                    fill = fill_code(canvas, color)
                    if fill is None:
                        return None
                    text.code.append(fill)
                if rise != fragment_rise:
                    rise = fragment_rise
                    text.set_rise(rise)
                text.out(piece, number == len(line) - 1)
            if not simple:
                text.word_space(0)
            text.set_x(-move)
        return f"q\n{text.finished()}\nQ"
