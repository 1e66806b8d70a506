"""The compliance desk's views: the deadline dashboard (overdue first and red, filters, sorting, a draft opened by
double-click) and the Item 405 register view with its Form 5 sweep and CSV export. The cases are those of
tests/test_compliance.py (worked by hand there)."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from form4_desktop.gui.dashboard import RED, DeadlineDashboard  # noqa: E402
from form4_desktop.gui.register_view import RegisterView  # noqa: E402
from form4_desktop.rules import deadline  # noqa: E402
from test_compliance import ISSUER, form4  # noqa: E402

NY = deadline.new_york()
FRIDAY_7PM = datetime(2024, 11, 22, 19, 0, tzinfo=NY)


def _fill(store):
    store.import_filed(form4("31", date(2024, 7, 3)), date(2024, 7, 9))  # 1: one business day late
    store.import_filed(form4("32", date(2024, 7, 3)), date(2024, 7, 8))  # 2: on time
    store.create(form4("33", date(2024, 10, 1), "S", ad="D", filed=False))  # 3: due 10/03, never filed
    store.create(form4("34", date(2024, 11, 20), filed=False))  # 4: due Fri 11/22/2024


def _texts(table, row):
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_the_dashboard_puts_overdue_drafts_first_in_red_and_opens_one(qtbot, store):
    _fill(store)
    opened = []
    view = DeadlineDashboard(store, opened.append, moment=FRIDAY_7PM)
    qtbot.addWidget(view)
    table = view.table
    assert table.rowCount() == 4
    assert _texts(table, 0)[:6] == [
        "OVERDUE",
        "4",
        "OWNER 33",
        "Ault Alliance, Inc. [AULT]",
        "10/03/2024",
        "late by 34 business days",
    ]
    assert table.item(0, 0).foreground().color() == RED
    assert _texts(table, 1)[0] == "Draft" and _texts(table, 1)[4:6] == ["11/22/2024", "3 h 0 min left"]
    assert table.item(1, 0).foreground().color() != RED
    # imported EDGAR copies whose filing date was given (not the signature date): not assumed
    assert _texts(table, 2)[5:] == ["filed 07/09/2024", "late by 1 business day"]
    assert _texts(table, 3)[6] == "on time"
    assert "1 overdue" in view.summary.text() and "1 due within two business days" in view.summary.text()
    # filter by insider, then by issuer
    view.owner_filter.setCurrentText("OWNER 34")
    assert [_texts(table, r)[2] for r in range(table.rowCount())] == ["OWNER 34"]
    view.owner_filter.setCurrentIndex(0)
    view.show_filed.setCurrentIndex(1)
    assert table.rowCount() == 2
    # sort by owner (a click on the heading), descending
    table.sortItems(2, Qt.SortOrder.DescendingOrder)
    assert [_texts(table, r)[2] for r in range(table.rowCount())] == ["OWNER 34", "OWNER 33"]
    # a double-click opens the draft through the callback
    table.doubleClicked.emit(table.model().index(1, 3))
    assert opened == [3]


def test_the_register_view_shows_the_register_and_the_sweep_and_exports_csv(qtbot, store, script, tmp_path):
    _fill(store)
    view = RegisterView(store, issuer_cik=ISSUER, year=2024, today=date(2024, 11, 22))
    qtbot.addWidget(view)
    table = view.table
    assert [_texts(table, r)[:6] for r in range(table.rowCount())] == [
        ["0000000031", "OWNER 31", "1", "1", "0", "no"],
        ["0000000033", "OWNER 33", "0", "1", "1", "no"],
    ]
    assert table.item(0, 2).foreground().color() == RED
    assert "due 07/08/2024" in _texts(table, 0)[6]
    view.all_insiders.setChecked(True)
    assert table.rowCount() == 4
    sweep = {
        view.sweep_table.item(r, 0).text(): _texts(view.sweep_table, r) for r in range(view.sweep_table.rowCount())
    }
    assert sweep["0000000033"][2:5] == ["owed", "02/14/2025", "1"]  # the overdue draft: a late Form 4 item
    assert sweep["0000000034"][2] == "not owed"  # its Form 4 is due today, 11/22: still in time
    out = tmp_path / "register.csv"
    script.expect("save_file", "Export the Item 405 register", str(out))
    script.expect("tell", "Item 405 register", None, "written to")
    view.export_button.click()
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert [row[:6] for row in rows[1:]] == [
        ["0000000031", "OWNER 31", "1", "1", "0", "no"],
        ["0000000033", "OWNER 33", "0", "1", "1", "no"],
    ]


def test_the_register_view_says_when_no_issuer_is_chosen(qtbot, store, script):
    view = RegisterView(store, today=date(2024, 12, 2))
    qtbot.addWidget(view)
    script.expect("tell", "Item 405 register", None, "Choose an issuer")
    view.findChild(type(view.export_button), "show").click()


def test_the_sweep_starts_a_form5_with_the_rows_and_opens_it(qtbot, store):
    _fill(store)
    opened = []
    view = RegisterView(store, open_draft=opened.append, issuer_cik=ISSUER, year=2024, today=date(2024, 12, 2))
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(1)
    owners = [view.sweep_table.item(r, 0).text() for r in range(view.sweep_table.rowCount())]
    assert not view.form5_button.isEnabled()
    view.sweep_table.selectRow(owners.index("0000000031"))  # not owed: nothing to start
    assert not view.form5_button.isEnabled()
    view.sweep_table.selectRow(owners.index("0000000033"))  # owed: the overdue sale as a late Form 4 item
    assert view.form5_button.isEnabled()
    view.form5_button.click()
    [draft_id] = opened
    filing = store.open(draft_id).filing
    assert (filing.document_type, filing.period_of_report, filing.table_i[0].coding.form_type) == (
        "5",
        date(2024, 12, 31),
        "4",
    )


# -- the issuer's fiscal year end, kept in the store ------------------------------------------------------------------
def test_the_register_view_uses_the_issuers_fiscal_year_end_and_keeps_one_typed(qtbot, store, script):
    _fill(store)
    store.set_fiscal_year_end(ISSUER, 6, 30)
    view = RegisterView(store, issuer_cik=ISSUER, today=date(2024, 11, 22))
    qtbot.addWidget(view)
    view.show()  # Enter in a box is the Show button's, as a person has it
    qtbot.waitExposed(view)
    # the store's 06/30, and the latest fiscal year ended by 11/22/2024: 07/01/2023 to 06/30/2024
    assert (view.fiscal_year_end.text(), view.year.value()) == ("06/30", 2024)
    assert "07/01/2023 to 06/30/2024" in view.summary.text()
    assert view.table.rowCount() == 0  # the late filing of 07/09/2024 falls in fiscal 2025
    view.year.setValue(2025)
    view.findChild(type(view.export_button), "show").click()
    assert [_texts(view.table, r)[:2] for r in range(view.table.rowCount())] == [
        ["0000000031", "OWNER 31"],
        ["0000000033", "OWNER 33"],
    ]
    # a fiscal year end typed and shown is kept with the issuer
    view.fiscal_year_end.clear()
    qtbot.keyClicks(view.fiscal_year_end, "09/30")
    qtbot.keyClick(view.fiscal_year_end, Qt.Key.Key_Return)
    assert store.fiscal_year_end(ISSUER) == (9, 30)
    assert "10/01/2024 to 09/30/2025" in view.summary.text() and "09/30 is now kept" in view.summary.text()
    # one that is not a day is said, naming the box, and neither kept nor lost
    view.fiscal_year_end.clear()
    qtbot.keyClicks(view.fiscal_year_end, "09/31")
    script.expect("tell", "Item 405 register", None, "Fiscal year end: '09/31' is not a day of the year")
    qtbot.keyClick(view.fiscal_year_end, Qt.Key.Key_Return)
    script.check()
    assert (store.fiscal_year_end(ISSUER), view.fiscal_year_end.text()) == ((9, 30), "09/31")


def test_another_issuer_shows_its_own_fiscal_year_end(qtbot, store):
    _fill(store)
    other = form4("35", date(2024, 3, 6))
    other.issuer.cik, other.issuer.name, other.issuer.trading_symbol = "1820953", "Affirm Holdings, Inc.", "AFRM"
    store.import_filed(other, date(2024, 3, 8))
    store.set_fiscal_year_end("1820953", 6, 30)
    view = RegisterView(store, issuer_cik=ISSUER, year=2024, today=date(2024, 11, 22))
    qtbot.addWidget(view)
    assert view.fiscal_year_end.text() == "12/31"
    view.issuer.setCurrentIndex(view.issuer.findData("1820953"))
    assert view.fiscal_year_end.text() == "06/30"


def test_the_register_view_exports_the_register_shown_as_a_pdf(qtbot, store, script, tmp_path):
    import io

    import pdfplumber

    _fill(store)
    view = RegisterView(store, issuer_cik=ISSUER, year=2024, today=date(2024, 11, 25))
    qtbot.addWidget(view)
    shown = [_texts(view.table, r)[:5] for r in range(view.table.rowCount())]
    view.year.setValue(2023)  # changed but not shown: the PDF is the register on screen
    out = tmp_path / "register.pdf"
    proposed = []
    script.expect("save_file", "Export the Item 405 register as PDF", lambda start: proposed.append(start) or str(out))
    script.expect("tell", "Item 405 register", None, "written to")
    view.pdf_button.click()
    script.check()
    assert proposed[0].endswith("item405-AULT-2024.pdf")  # named by ticker and the fiscal year shown
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as document:
        [page] = document.pages
        [table] = page.find_tables()
        rows = table.extract()
        text = page.extract_text()
    # by 11/25/2024 the purchase of 11/20 (due Fri 11/22) is a failure to file too
    assert (
        [row[:5] for row in rows[1:]]
        == shown
        == [
            ["0000000031", "OWNER 31", "1", "1", "0"],
            ["0000000033", "OWNER 33", "0", "1", "1"],
            ["0000000034", "OWNER 34", "0", "1", "1"],
        ]
    )
    assert "Fiscal year 2024: 01/01/2024 to 12/31/2024" in text and "judged as of 11/25/2024" in text
    assert "Ault Alliance, Inc. (CIK 0000896493)" in text


def test_a_fiscal_year_end_typed_in_a_read_only_store_is_used_but_not_kept(qtbot, tmp_path, script):
    import os

    from form4_desktop.store import DraftStore

    path = tmp_path / "s.sqlite3"
    with DraftStore(path) as writable:
        _fill(writable)
    os.chmod(path, 0o444)
    with DraftStore(path) as store:
        assert store.read_only is not None
        view = RegisterView(store, issuer_cik=ISSUER, year=2025, today=date(2024, 11, 25))
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        view.fiscal_year_end.clear()
        qtbot.keyClicks(view.fiscal_year_end, "06/30")
        qtbot.keyClick(view.fiscal_year_end, Qt.Key.Key_Return)
        assert "07/01/2024 to 06/30/2025" in view.summary.text()
        assert "not kept: the store is open for reading only" in view.summary.text()
        assert store.fiscal_year_end(ISSUER) == (12, 31)


def test_the_dashboard_says_when_an_issuers_form5s_are_due_from_its_fiscal_year_end(qtbot, store):
    _fill(store)
    october = datetime(2024, 10, 15, 9, 0, tzinfo=NY)
    view = DeadlineDashboard(store, lambda _: None, moment=october)
    qtbot.addWidget(view)
    assert not view.form5.isVisibleTo(view)  # fiscal 2023 ended 12/31/2023: its Form 5s were due 02/14/2024
    # a fiscal year ending 09/30: its Form 5s are due 45 days later, Thu 11/14/2024
    store.set_fiscal_year_end(ISSUER, 9, 30)
    view.refresh()
    assert view.form5.isVisibleTo(view)
    assert view.form5.text().startswith(
        "Form 5s of Ault Alliance, Inc. [AULT] for the fiscal year ended 09/30/2024 are due Thu 11/14/2024."
    )
    view = DeadlineDashboard(store, lambda _: None, moment=FRIDAY_7PM)  # 11/22/2024: past that day
    qtbot.addWidget(view)
    assert not view.form5.isVisibleTo(view)
