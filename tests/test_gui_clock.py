"""The New York clock in the status bar, the filing day the app judges by, and a bad closures file (issue 12)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402

from form4_desktop.app import closures, clock  # noqa: E402
from form4_desktop.gui import main_window  # noqa: E402
from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.rules import deadline  # noqa: E402
from test_deadline import one_sale  # noqa: E402
from test_gui import edit_cell  # noqa: E402


def _at(monkeypatch, *moment) -> None:
    monkeypatch.setattr(clock, "new_york_now", lambda: datetime(*moment, tzinfo=deadline.new_york()))


def _window(qtbot, store, settings) -> MainWindow:
    opened = MainWindow(store, settings=settings)  # no fixed "today": the app's own clock
    qtbot.addWidget(opened)
    opened.show()
    return opened


def test_the_status_bar_shows_new_york_time_the_due_date_and_the_time_left(
    qtbot, store, settings, monkeypatch, tmp_path, script
):
    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")
    _at(monkeypatch, 2026, 11, 23, 17, 36)  # Monday 5:36 p.m.: the due day of Thursday's sale
    window = _window(qtbot, store, settings)
    window.document.load(one_sale(date(2026, 11, 19)), None, None)
    window.validate()
    label = window.clock_label
    assert label.text() == "New York 5:36 p.m. — due Mon 11/23/2026 10 p.m. ET — 4 h 24 min left"
    assert "b00020" in label.styleSheet()  # red: less than a day left
    _at(monkeypatch, 2026, 11, 20, 9, 0)  # Friday morning: due Monday, more than a day away
    window.update_clock()
    assert label.text() == "New York 9:00 a.m. — due Mon 11/23/2026 10 p.m. ET — 3 days 13 h left"
    assert label.styleSheet() == ""
    _at(monkeypatch, 2026, 11, 22, 23, 0)  # Sunday 11 p.m.: 23 hours left, red although not the due day
    window.update_clock()
    assert label.text().endswith("— 23 h 0 min left") and "b00020" in label.styleSheet()
    _at(monkeypatch, 2026, 11, 23, 22, 30)  # after the cut-off: EDGAR would file it Tuesday, a day late
    window.update_clock()
    assert label.text() == "New York 10:30 p.m. — due Mon 11/23/2026 10 p.m. ET — past due"
    assert "b00020" in label.styleSheet()
    window.validate()
    assert [f.rule_id for f in window.findings if f.rule_id == "LATE"] == ["LATE"]
    # An edit moves the deadline, and the clock follows it without waiting for the minute.
    _at(monkeypatch, 2026, 11, 23, 17, 36)
    edit_cell(qtbot, window.editor.table_i, 0, 2, "11/20/2026")  # the sale was on Friday: due Tuesday
    qtbot.waitUntil(lambda: "due Tue 11/24/2026 10 p.m. ET — 1 day 4 h left" in label.text(), timeout=3000)
    assert label.styleSheet() == ""
    assert "due" not in window.status_label.text()  # the count of findings; the deadline is the clock's
    # A filed draft has no deadline to run: the clock alone.
    window.document.load(one_sale(date(2026, 11, 19)), 1, 1, "filed", "2026-11-23")
    window.update_clock()
    assert label.text() == "New York 5:36 p.m." and label.styleSheet() == ""
    window.document.load(one_sale(date(2026, 11, 19)), None, None)


def test_the_clock_is_read_again_on_the_minute(qtbot, store, settings, monkeypatch, script):
    _at(monkeypatch, 2026, 11, 23, 17, 36, 45)
    window = _window(qtbot, store, settings)
    window.update_clock()
    assert 15_000 <= window.clock_timer.interval() <= 15_100  # 5:37:00, not a minute after the window opened
    assert window.clock_timer.isActive()


def test_a_bad_closures_file_is_said_once_at_start_and_the_programs_table_is_used(
    qtbot, store, settings, monkeypatch, tmp_path, script
):
    bad = tmp_path / "edgar-closures.txt"
    bad.write_text("tomorrow  EDGAR closed\n")
    monkeypatch.setattr(closures, "closures_file", lambda: bad)
    monkeypatch.setattr(main_window, "_CLOSURES_SAID", False)  # a program just started
    window = _window(qtbot, store, settings)
    script.expect("tell", "EDGAR closures file not read", None, text="line 1: 'tomorrow' is not a date")
    window.tell_read_only()
    script.check()
    window.document.load(one_sale(date(2026, 11, 19)), None, None)
    window.validate()  # no second message: the script fails on any
    assert window.calendar is closures.DEFAULT_CALENDAR
    # Another store opened in a window of its own (File ▸ New Store) says nothing of it again.
    script.expect("save_file", "New store", str(tmp_path / "second.sqlite3"))
    window.findChild(type(window.save_action), "new_store").trigger()
    [other] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not window and w.isVisible()
    ]
    assert other.calendar is closures.DEFAULT_CALENDAR and other.closures_problem is not None
    other.close()
    window.document.load(window.document.filing, None, None)


def test_mark_filed_proposes_edgars_filing_day_not_the_computers_date(qtbot, store, settings, monkeypatch, script):
    _at(monkeypatch, 2026, 11, 25, 22, 15)  # Wednesday after 10 p.m.; Thursday is Thanksgiving: Friday 11/27
    window = _window(qtbot, store, settings)
    draft_id = store.create(one_sale(date(2026, 11, 24)))
    window.open_draft(draft_id)
    script.expect("text", "Mark filed", None, text="Date filed with EDGAR")
    seen = {}

    def answer(value):
        seen["proposed"] = value
        return None  # cancel

    script.expected[-1].answer = answer
    window.findChild(type(window.save_action), "mark_filed").trigger()
    assert seen["proposed"] == "11/27/2026"


def test_amend_dates_the_signature_with_new_yorks_day_not_the_computers(qtbot, store, settings, monkeypatch, script):
    """At 11:30 p.m. on Friday in New York, the computer's own clock may say Saturday (abroad) and EDGAR's
    filing day is Monday: a signature made now is dated Friday, the day it is in New York."""
    monkeypatch.setattr(clock, "new_york_now", lambda: datetime(2026, 11, 20, 23, 30, tzinfo=deadline.new_york()))
    window = _window(qtbot, store, settings)
    draft_id = store.create(one_sale(date(2026, 11, 19)))
    store.mark_filed(draft_id, date(2026, 11, 20), None, 1)
    window.open_draft(draft_id)
    Button = main_window.dialogs.Button
    script.expect("ask", "Amend", Button.Yes, text="Date it today, 11/20/2026?")
    window.findChild(type(window.save_action), "amend").trigger()
    assert [signature.date for signature in window.document.filing.signatures] == [date(2026, 11, 20)]
    window.document.load(window.document.filing, None, None)
