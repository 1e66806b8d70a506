"""Every value of Tables I and II printed in its own cell: its column (under its box's heading, and its part's)
and its row (the row's place in the table, over the pages), read back from the PDF's text positions and ruled
lines. Forms 3, 4 and 5, every filing of the corpus."""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from conftest import CORPUS, REFERENCE
from form4_desktop.edgar_xml import read_file
from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.model.forms import describe
from form4_desktop.pdf import format_amount, format_date, format_price, render_pdf

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


# -- what the PDF holds, by position ------------------------------------------------------------------------------
@dataclass
class Run:
    x: float
    y: float
    text: str


@dataclass
class Page:
    runs: list[Run] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # x, y0, y1

    def cell(self, x: float, y: float) -> tuple[float, float, float, float] | None:
        """(left, right, bottom, top) of the ruled rectangle around the point, or None outside any."""
        lefts = [v[0] for v in self.vertical if v[0] <= x + 0.6 and v[1] - 0.5 <= y <= v[2] + 0.5]
        rights = [v[0] for v in self.vertical if v[0] > x + 0.6 and v[1] - 0.5 <= y <= v[2] + 0.5]
        bottoms = [h[0] for h in self.horizontal if h[0] <= y and h[1] - 0.5 <= x <= h[2] + 0.5]
        tops = [h[0] for h in self.horizontal if h[0] > y and h[1] - 0.5 <= x <= h[2] + 0.5]
        if not (lefts and rights and bottoms and tops):
            return None
        return max(lefts), min(rights), max(bottoms), min(tops)

    def text_in(self, left: float, right: float, bottom: float, top: float) -> list[Run]:
        return [run for run in self.runs if left - 0.6 <= run.x < right - 0.6 and bottom < run.y < top]

    @property
    def text(self) -> str:
        return " ".join(run.text for run in sorted(self.runs, key=lambda run: (-run.y, run.x)))


def read_pages(pdf: bytes) -> list[Page]:
    pages = []
    for source in PdfReader(io.BytesIO(pdf)).pages:
        page = Page()
        state = {"at": (0.0, 0.0), "white": False}

        def point(cm, x, y):
            return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]

        def before(operator, args, cm, tm, page=page, state=state):
            if operator == b"RG":
                state["white"] = all(float(value) > 0.99 for value in args)
            elif operator == b"m":
                state["at"] = point(cm, float(args[0]), float(args[1]))
            elif operator == b"l":
                (x0, y0), (x1, y1) = state["at"], point(cm, float(args[0]), float(args[1]))
                state["at"] = (x1, y1)
                if state["white"]:
                    return
                if abs(y0 - y1) < 0.01:
                    page.horizontal.append((y0, min(x0, x1), max(x0, x1)))
                elif abs(x0 - x1) < 0.01:
                    page.vertical.append((x0, min(y0, y1), max(y0, y1)))

        def text(content, cm, tm, font, size, page=page):
            if content.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                page.runs.append(Run(x, y, content.strip("\n")))

        source.extract_text(visitor_operand_before=before, visitor_text=text)
        pages.append(page)
    return pages


def cell_text(runs: list[Run]) -> str:
    return " ".join(run.text for run in sorted(runs, key=lambda run: (-round(run.y), run.x)))


@dataclass
class PrintedTable:
    """A table read back from the pages: its columns' x-ranges by (box, part), and each row's cells."""

    columns: dict[tuple[str, str], tuple[float, float]]
    rows: list[dict[tuple[str, str], list[Run]]]
    headings: list[list[Run]]  # the runs of each box heading and part heading (to check where lines break)


def _header(page: Page, table) -> tuple[dict, float, list] | None:
    """Columns by (box number, part) and the y of the header's foot, where `table`'s header is on the page."""
    first = squeeze(f"1. {table.boxes[0].heading}")
    rects: dict[tuple, list[Run]] = {}
    for run in page.runs:
        rect = page.cell(run.x, run.y)
        if rect is not None:
            rects.setdefault(rect, []).append(run)
    heads = [rect for rect, runs in rects.items() if squeeze(cell_text(runs)) == first]
    if not heads:
        return None
    [head] = heads
    columns: dict[tuple[str, str], tuple[float, float]] = {}
    boxes = []
    for box in table.boxes:
        wanted = squeeze(f"{box.number}. {box.heading}")
        [rect] = [r for r, runs in rects.items() if abs(r[3] - head[3]) < 0.6 and squeeze(cell_text(runs)) == wanted]
        boxes.append((box, rect))
    foot = min(rect[2] for _, rect in boxes)  # a box without parts spans the header's two rows
    headings = []
    for box, rect in boxes:
        headings.append(rects[rect])
        if rect[2] < foot + 0.6:
            columns[(box.number, "")] = (rect[0], rect[1])
            continue
        parts = [
            (r, squeeze(cell_text(runs)), runs)
            for r, runs in rects.items()
            if abs(r[3] - rect[2]) < 0.6 and r[0] >= rect[0] - 0.6 and r[1] <= rect[1] + 0.6
        ]
        for part_rect, part, runs in sorted(parts, key=lambda item: item[0][0]):
            columns[(box.number, part)] = (part_rect[0], part_rect[1])
            headings.append(runs)
    return columns, foot, headings


def printed_table(pages: list[Page], table) -> PrintedTable:
    columns: dict = {}
    rows: list = []
    headings: list = []
    for page in pages:
        found = _header(page, table)
        if found is None:
            continue
        columns, foot, heads = found
        headings += heads
        left, right = columns[("1", "")]
        # rows: bands between the ruled lines under the header, while the table's left rule goes on
        lines = sorted(
            {round(h[0], 1) for h in page.horizontal if h[0] < foot - 0.6 and h[1] <= left + 1 and h[2] >= right - 1},
            reverse=True,
        )
        top = foot
        for y in lines:
            if not any(abs(v[0] - left) < 0.6 and v[1] <= y + 0.6 and v[2] >= top - 0.6 for v in page.vertical):
                break
            rows.append({key: page.text_in(x0, x1, y, top) for key, (x0, x1) in columns.items()})
            top = y
    return PrintedTable(columns, rows, headings)


# -- what each cell must hold ---------------------------------------------------------------------------------------
def marks(ids) -> str:
    return "".join(f"({i[1:] if i.startswith('F') else i})" for i in ids)


def shown(box, render=str) -> str:
    if box is None:
        return ""
    return ("" if box.value in (None, "") else render(box.value)) + marks(box.footnote_ids)


def value(row, path: str):
    for name in path.split("."):
        row = getattr(row, name, None)
    return row


_PRICES = {"price_per_share", "conversion_or_exercise_price"}
_OTHERWISE = {
    "shares": "total_value",
    "shares_owned_following": "value_owned_following",
    "underlying.shares": "underlying.value",
}


def form5_code(row) -> str:
    """5_X09.xsl: code, /K, then 4 for a Form 4 item, 5 for a late Form 5 item; 3 for a Form 3 holding."""
    coding = row.coding
    if coding is None:
        return ""
    transaction = isinstance(row, (NonDerivativeTransaction, DerivativeTransaction))
    swap = "/K" if getattr(coding, "equity_swap_involved", False) else ""
    if coding.form_type == "3" or not transaction:
        text = "3" if coding.form_type == "3" else ""
    elif coding.form_type == "4":
        text = coding.code + swap + "4"
    else:
        text = coding.code + swap + ("5" if row.timeliness is not None and row.timeliness.value == "L" else "")
    ids = list(coding.footnote_ids) + (list(row.timeliness.footnote_ids) if transaction and row.timeliness else [])
    return text + marks(ids)


def expected_cells(form: str, table_name: str, row, columns: dict) -> dict[tuple[str, str], str]:
    """What each printed column of `row` must read: the form's description says which value is under which box
    and part; a value whose part the paper does not print goes to its box's first part."""
    table = describe(form).table(table_name)
    transaction = isinstance(row, (NonDerivativeTransaction, DerivativeTransaction))
    cells: dict[tuple[str, str], str] = {key: "" for key in columns}

    def put(number: str, part: str, text: str) -> None:
        key = (number, squeeze(part))
        if key not in cells:
            key = min(k for k in cells if k[0] == number)  # the box's first part, or the box itself
        cells[key] += text

    for column in table.columns:
        form5_code_column = form == "5" and column.kind == "code"  # a Form 3 holding reported late reads "3"
        if not column.number or not (transaction or column.holding or form5_code_column):
            continue
        path = column.attribute
        if column.kind == "code":
            coding = row.coding
            if form == "5":
                put(column.number, column.part, form5_code(row))
            elif coding is not None:
                put(column.number, column.part, coding.code + ("/K" if coding.equity_swap_involved else ""))
                put(column.number, column.part, marks(coding.footnote_ids))
        elif column.kind == "v":
            if form != "5":
                early = "V" if row.coding is not None and row.coding.form_type == "5" else ""
                put(column.number, column.part, early + marks(row.timeliness.footnote_ids if row.timeliness else []))
        elif column.kind in ("k", "timeliness", "form"):  # printed with the code
            continue
        elif column.kind == "date":
            put(column.number, column.part, shown(value(row, path), format_date))
        elif column.kind == "decimal":
            box = value(row, path)
            if box is None and path in _OTHERWISE:
                text = shown(value(row, _OTHERWISE[path]), format_price)
            else:
                text = shown(box, format_price if path in _PRICES else format_amount)
            if path == "shares" and (column.number, "(A)") in cells:  # the paper's (A) and (D) columns
                direction = row.acquired_disposed
                side = "(D)" if direction.value == "D" else "(A)"
                cells[(column.number, side)] += text + marks(direction.footnote_ids)
            else:
                put(column.number, column.part, text)
        elif column.kind == "ad" and (column.number, "(A)") in cells:
            continue
        else:
            put(column.number, column.part, shown(value(row, path)))
    if not transaction and row.coding is not None and row.coding.footnote_ids and form != "5":
        has_code = any(column.kind == "code" for column in table.columns)
        code_key = next((k for k in cells if has_code and k[0] == table.column("coding.code").number), ("1", ""))
        cells[code_key] += marks(row.coding.footnote_ids)
    return {key: squeeze(text) for key, text in cells.items()}


NUMBERS = re.compile(r"^\$?[0-9][0-9,]*(\.[0-9]+)?|^[0-9]{2}/[0-9]{2}/[0-9]{4}")


def misplaced(filing: Filing, pdf: bytes | None = None) -> list[str]:
    """Every table value not in its cell, and every number or date broken across lines, as a sentence."""
    form = filing.form
    pages = read_pages(pdf or render_pdf(filing))
    problems = []
    for table_name in ("table_i", "table_ii"):
        table = describe(form).table(table_name)
        printed = printed_table(pages, table)
        rows = getattr(filing, table_name)
        if rows and not printed.columns:
            problems.append(f"{table_name}: no header found")
            continue
        if printed.columns:  # the boxes left to right in the form's order (its description's, the stylesheet's)
            order = [number for number, _ in sorted(printed.columns, key=lambda key: printed.columns[key][0])]
            order = [number for index, number in enumerate(order) if index == 0 or order[index - 1] != number]
            if order != [box.number for box in table.boxes]:
                problems.append(f"{table_name}: boxes printed in the order {order}")
            for box in table.boxes:  # and a box's parts in the description's order ("Code", "V"; "Title", "Amount")
                named = list(
                    dict.fromkeys(c.part for c in table.columns if c.number == box.number and c.part and c.printed)
                )
                wanted = [squeeze(part) for part in named] if len(named) > 1 else [""]
                keys = sorted((key for key in printed.columns if key[0] == box.number), key=printed.columns.get)
                parts = [part for _, part in keys]
                if parts != wanted and parts != ["(A)", "(D)"]:  # the paper splits Table II's box 5 into (A), (D)
                    problems.append(f"{table_name}: box {box.number} printed with parts {parts}, expected {wanted}")
        if len(printed.rows) != len(rows):
            problems.append(f"{table_name}: {len(printed.rows)} rows printed, {len(rows)} in the filing")
        for index, (row, cells) in enumerate(zip(rows, printed.rows)):
            for key, wanted in expected_cells(form, table_name, row, printed.columns).items():
                runs = cells[key]
                got = squeeze(cell_text(runs))
                if got != wanted:
                    problems.append(f"{table_name} row {index + 1} column {key}: printed {got!r}, expected {wanted!r}")
                number = NUMBERS.match(wanted)
                if number and not any(number.group() in squeeze(run.text) for run in runs):
                    problems.append(f"{table_name} row {index + 1} column {key}: {number.group()} broken")
    return problems


FORMS = {path: read_file(path) for path in CORPUS}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_table_value_is_in_its_column_and_row(path):
    assert misplaced(FORMS[path]) == []


def test_the_corpus_holds_forms_3_4_and_5():
    forms = [filing.form for filing in FORMS.values()]
    assert forms.count("3") >= 20 and forms.count("5") >= 2 and forms.count("4") >= 285


def test_a_value_in_the_wrong_column_or_row_is_found():
    filing = read_file(REFERENCE)
    assert misplaced(filing) == []
    swapped = read_file(REFERENCE)
    swapped.table_ii[0].shares, swapped.table_ii[1].shares = swapped.table_ii[1].shares, swapped.table_ii[0].shares
    assert misplaced(filing, render_pdf(swapped))  # rows swapped
    moved = read_file(REFERENCE)
    moved.table_i[0].shares_owned_following, moved.table_i[0].shares = (
        moved.table_i[0].shares,
        moved.table_i[0].shares_owned_following,
    )
    assert misplaced(filing, render_pdf(moved))  # columns swapped


def heading_breaks(pdf: bytes, form: str) -> list[str]:
    """Headings whose lines break inside a word: the lines joined by spaces are not the heading's words."""
    pages = read_pages(pdf)
    broken = []
    for table_name in ("table_i", "table_ii"):
        table = describe(form).table(table_name)
        for runs in printed_table(pages, table).headings:
            lines = [run.text.strip() for run in sorted(runs, key=lambda run: (-run.y, run.x))]
            words = " ".join(lines).split()
            joined = " ".join(words)
            whole = {word for box in table.boxes for word in f"{box.number}. {box.heading}".split()}
            whole |= {word for column in table.columns for word in column.part.split()}
            if any(word not in whole for word in words):
                broken.append(joined)
    return broken


FORM3 = next(path for path in CORPUS if FORMS[path].form == "3" and FORMS[path].table_ii)
FORM5 = next(path for path in CORPUS if FORMS[path].form == "5")


@pytest.mark.parametrize("path", [REFERENCE, FORM3, FORM5], ids=["form4", "form3", "form5"])
def test_no_heading_breaks_inside_a_word(path):
    filing = read_file(path)
    assert heading_breaks(render_pdf(filing), filing.form) == []


def test_the_footer_never_runs_into_the_form_number():
    filing = read_file(REFERENCE)
    filing.issuer.name = "A VERY LONG ISSUER NAME HOLDINGS INCORPORATED " * 4
    filing.reporting_owners[0].name = "AN EQUALLY LONG NAME OF A REPORTING PERSON " * 4
    for page in read_pages(render_pdf(filing)):
        [left] = [run for run in page.runs if run.y < 20 and run.text.startswith("Form 4")]
        [centre] = [run for run in page.runs if run.y < 20 and run.text.startswith("SEC 1474")]
        assert left.x + stringWidth(left.text, "Form4Sans", 7) < centre.x - 6
        assert left.text.endswith("\u2026")


def test_box_6_is_under_box_5():
    [page, *_] = read_pages(render_pdf(read_file(REFERENCE)))
    [five] = [run for run in page.runs if run.text.startswith("5. Relationship")]
    [six] = [run for run in page.runs if run.text.startswith("6. Individual")]
    assert abs(five.x - six.x) < 1 and six.y < five.y - 30


def test_form5_code_column_reads_as_the_stylesheet_writes_it():
    """5_X09.xsl's one code column: "4" after the code of a Form 4 transaction reported late, "5" after a late Form
    5 item, "/K" for an equity swap, "3" for a Form 3 holding reported late (no corpus Form 5 has any of these)."""
    from form4_desktop.model import Footnoted, HoldingCoding

    filing = read_file(FORM5)
    late_form4, late_form5, swap = (copy.deepcopy(filing.table_i[0]) for _ in range(3))
    late_form4.coding.form_type = "4"
    late_form5.coding.form_type, late_form5.timeliness = "5", Footnoted("L", ["F2"])
    swap.coding.form_type, swap.coding.equity_swap_involved = "4", True
    holding = next(row for row in filing.table_i if not isinstance(row, NonDerivativeTransaction))
    holding.coding = HoldingCoding("3")
    filing.table_i = [late_form4, late_form5, swap, *filing.table_i]
    assert misplaced(filing) == []
    printed = printed_table(read_pages(render_pdf(filing)), describe("5").table_i)
    codes = [squeeze(cell_text(row[("3", "")])) for row in printed.rows]
    assert codes[:3] == ["G4(1)", "G5(1)(2)", "G/K4(1)"]
    assert codes[3 + filing.table_i[3:].index(holding)] == "3"
