"""The Item 405 register as a PDF table for the proxy drafter (pdf/register.py; `form4 late --pdf`): each value read
back from the page in its own ruled cell, under its column's heading and on its insider's row; the title names the
issuer and the fiscal year; "assumed" filing dates are marked; the moment it was produced is on every page."""

from __future__ import annotations

import io
from datetime import date, datetime

import pdfplumber
import pytest

from form4_desktop import cli
from form4_desktop.app.register_export import pdf_rows
from form4_desktop.pdf.register import HEADINGS, register_pdf
from form4_desktop.rules import deadline
from form4_desktop.rules.register import FiscalYear, RegisterLine
from test_compliance import ISSUER, _fill

PRODUCED = datetime(2026, 11, 25, 15, 4, tzinfo=deadline.new_york())
LATE = RegisterLine(
    "0001222287",
    "BOTHA ROELOF",
    3,
    4,
    0,
    True,
    ["Form 4 filed 02/01/2019 (assumed from the signature), 3 business days late: due 01/29/2019 (draft 1)"],
)
NEVER = RegisterLine("0000000033", "OWNER 33", 0, 1, 1, False, ["Form 4 due 10/03/2024 never filed (draft 3)"])
ON_TIME = RegisterLine("0000000034", "OWNER 34")


def _pdf(lines, year=FiscalYear(2019), issuer="Natera, Inc.") -> bytes:
    return register_pdf(
        pdf_rows(lines),
        insiders=len(lines),
        issuer=issuer,
        issuer_cik="0001604821",
        fiscal_year=year,
        produced=PRODUCED,
        as_of=date(2026, 11, 25),
    )


def _cells(pdf: bytes) -> list[list[tuple[str, tuple[float, float]]]]:
    """Every ruled cell of the register's table on every page: (text, (left, right)), row by row."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            [table] = page.find_tables()
            for row in table.rows:
                texts = []
                for box in row.cells:
                    text = page.crop(box).extract_text() if box is not None else ""
                    texts.append((" ".join(text.split()), (box[0], box[2]) if box is not None else (0.0, 0.0)))
                found.append(texts)
    return found


def _pages_text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() for page in document.pages]


def test_each_value_is_in_its_column_on_its_insiders_row():
    cells = _cells(_pdf([LATE, ON_TIME, NEVER]))
    heading, *rows = cells
    assert [text for text, _ in heading] == list(HEADINGS)
    # one row per delinquent insider, in the register's order; the insider with nothing late is not listed
    assert [[text for text, _ in row] for row in rows] == [
        [
            "0001222287",
            "BOTHA ROELOF",
            "3",
            "4",
            "0",
            "assumed",
            "\u2022 Form 4 filed 02/01/2019 (assumed from the signature), 3 business days late: due 01/29/2019 "
            "(draft 1)",
        ],
        ["0000000033", "OWNER 33", "0", "1", "1", "known", "\u2022 Form 4 due 10/03/2024 never filed (draft 3)"],
    ]
    # each value sits under its own heading: the same left and right rules
    for row in rows:
        assert [span for _, span in row] == [span for _, span in heading]


def test_the_title_names_the_issuer_the_fiscal_year_and_when_it_was_produced():
    [text] = _pages_text(_pdf([LATE], FiscalYear(2019, 6, 30)))
    lines = text.splitlines()
    assert lines[:3] == [
        "Item 405 register: Delinquent Section 16(a) Reports",
        "Natera, Inc. (CIK 0001604821)",
        "Fiscal year 2019: 07/01/2018 to 06/30/2019",
    ]
    assert "Produced 11/25/2026 3:04 p.m. ET" in lines[3] and "as of 11/25/2026" in lines[3]
    assert "Filing dates \u201cassumed\u201d" in text  # the note that says what "assumed" means
    assert lines[-1].endswith("Page 1 of 1") and "Produced 11/25/2026 3:04 p.m. ET" in lines[-1]


def test_known_dates_only_leave_out_the_assumed_note_and_none_late_says_so():
    [text] = _pages_text(_pdf([NEVER]))
    assert "\u201cassumed\u201d" not in text
    cells = _cells(_pdf([ON_TIME]))
    assert cells[1][0][0] == "No insider filed a report late or failed to file a required form in this fiscal year."
    assert "0 insiders listed; 1 other insider" in _pages_text(_pdf([ON_TIME]))[0]


def test_a_long_register_repeats_its_headings_and_numbers_every_page():
    many = [RegisterLine(f"{n:010d}", f"INSIDER {n:03d}", 1, 2, 0, n % 2 == 0, ["x"] * 2) for n in range(1, 61)]
    pdf = _pdf(many)
    pages = _pages_text(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert text.splitlines()[-1].endswith(f"Page {number} of {len(pages)}")
    cells = _cells(pdf)
    headings = [row for row in cells if row[0][0] == "Owner CIK"]
    assert len(headings) == len(pages)
    rows = [[text for text, _ in row] for row in cells if row[0][0] != "Owner CIK"]
    assert [row[1] for row in rows] == [f"INSIDER {n:03d}" for n in range(1, 61)]
    assert [row[5] for row in rows] == ["assumed" if n % 2 == 0 else "known" for n in range(1, 61)]


def test_form4_late_pdf_writes_the_lines_it_prints(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    _fill(path).close()
    out = tmp_path / "register.pdf"
    args = ["late", "--store", str(path), "--issuer", ISSUER, "--year", "2024", "--today", "11/25/2024"]
    assert cli.main([*args, "--pdf", str(out)]) == 0
    printed = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    cells = _cells(out.read_bytes())
    rows = [[text for text, _ in row] for row in cells[1:]]
    assert (
        [row[:5] for row in rows]
        == [line[:5] for line in printed]
        == [
            ["0000000031", "OWNER 31", "1", "1", "0"],
            ["0000000033", "OWNER 33", "0", "1", "1"],
        ]
    )
    assert [row[5] for row in rows] == ["known", "known"]  # imported with their filing dates given
    text = _pages_text(out.read_bytes())[0]
    assert "Ault Alliance, Inc. (CIK 0000896493)" in text and "Fiscal year 2024: 01/01/2024 to 12/31/2024" in text
    assert "judged as of 11/25/2024" in text


def test_form4_late_pdf_into_a_folder_says_so(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    _fill(path).close()
    args = ["late", "--store", str(path), "--issuer", ISSUER, "--year", "2024", "--pdf", str(tmp_path)]
    assert cli.main(args) == 2
    assert f"{tmp_path} is a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("year", "said"),
    [
        (FiscalYear(2024, 2, 29), "Fiscal year 2024: 03/01/2023 to 02/29/2024"),  # February's last day
        (FiscalYear(2023, 2, 29), "Fiscal year 2023: 03/01/2022 to 02/28/2023"),
        (FiscalYear(2024, 9, 30), "Fiscal year 2024: 10/01/2023 to 09/30/2024"),
    ],
)
def test_the_title_gives_the_fiscal_years_first_and_last_day(year, said):
    assert _pages_text(_pdf([LATE], year))[0].splitlines()[2] == said


def test_assumed_dates_stand_out_in_bold():
    with pdfplumber.open(io.BytesIO(_pdf([LATE, NEVER]))) as document:
        [page] = document.pages
        words = page.extract_words(extra_attrs=["fontname"])
    fonts = {word["text"]: word["fontname"] for word in words if word["text"] in ("assumed", "known")}
    assert fonts["assumed"].endswith("-Bold") and not fonts["known"].endswith("-Bold")  # DejaVu Sans Condensed
