"""What a paralegal new to the app met on Forms 3 and 5 (session 5): the draft list in period order and in the order
the user chose, the row selected always the open draft, the Draft menu naming the draft it acts on, an amendment of
an unfiled draft pointing to Mark filed, a start that greets with neither a modal window nor a wall of red, a filed
draft that says whether it was filed on time, a refusal that goes once corrected, and names read whole."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QRect, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from form4_desktop.edgar_xml import Copy, write_bytes  # noqa: E402
from form4_desktop.gui import dialogs  # noqa: E402
from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.gui.models import DraftListModel  # noqa: E402
from test_gui import draft, type_into  # noqa: E402

Button = dialogs.Button
PERIOD = DraftListModel.HEADERS.index("Period")
ISSUER = DraftListModel.HEADERS.index("Issuer")


def _action(window, name):
    return window.findChild(type(window.save_action), name)


def _column(window, column: int) -> list[str]:
    """What the list shows in `column`, top to bottom."""
    model = window.browser.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _click_heading(qtbot, window, column: int) -> None:
    header = window.browser.horizontalHeader()
    position = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(position, 5))


def _filing(period: date, issuer: str = "Ault Alliance, Inc.", ticker: str = "AULT"):
    filing = draft()
    filing.period_of_report = period
    filing.issuer.name, filing.issuer.trading_symbol = issuer, ticker
    return filing


def _import(window, script, tmp_path, filings) -> None:
    """File ▸ Import Folder on a folder holding `filings`, imported in the order given (the files' names)."""
    folder = tmp_path / f"import-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for number, filing in enumerate(filings):
        (folder / f"{number:02d}.xml").write_bytes(write_bytes(filing, Copy.RECORD))
    script.expect("folder", "Import", str(folder))
    script.expect("tell", "Folder imported", None, text=f"{len(filings)} file")
    _action(window, "import_folder").trigger()


# -- 1. the list's order --------------------------------------------------------------------------------------
def test_after_an_import_the_list_is_in_period_order_newest_first(window, qtbot, script, tmp_path):
    # The order of the screenshot: imported as 12/12/2022, 02/14/2020, 11/08/2022 (its files' order).
    _import(
        window, script, tmp_path, [_filing(date(2022, 12, 12)), _filing(date(2020, 2, 14)), _filing(date(2022, 11, 8))]
    )
    assert _column(window, PERIOD) == ["12/12/2022", "11/08/2022", "02/14/2020"]
    header = window.browser.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (PERIOD, Qt.SortOrder.DescendingOrder)
    # A later import (and any refresh) keeps the order: the new periods go where they belong.
    _import(window, script, tmp_path, [_filing(date(2021, 6, 1)), _filing(date(2023, 1, 9))])
    assert _column(window, PERIOD) == ["01/09/2023", "12/12/2022", "11/08/2022", "06/01/2021", "02/14/2020"]


def test_the_order_the_user_chose_holds_after_imports_refreshes_and_the_next_start(
    window, qtbot, script, tmp_path, settings, store
):
    _import(
        window,
        script,
        tmp_path,
        [_filing(date(2022, 12, 12), "Tesla, Inc.", "TSLA"), _filing(date(2020, 2, 14), "MICROVISION, INC.", "MVIS")],
    )
    _click_heading(qtbot, window, ISSUER)
    assert _column(window, ISSUER) == ["MICROVISION, INC. [MVIS]", "Tesla, Inc. [TSLA]"]
    _import(window, script, tmp_path, [_filing(date(2023, 1, 9), "SOLARCITY CORP", "SCTY")])
    shown = ["MICROVISION, INC. [MVIS]", "SOLARCITY CORP [SCTY]", "Tesla, Inc. [TSLA]"]
    assert _column(window, ISSUER) == shown
    with store.__class__(store.path) as other:  # another program saves: the list is read again, in the same order
        other.create(_filing(date(2019, 1, 2), "Endeavor Group Holdings, Inc.", "EDR"))
    window._refresh_if_changed()
    assert _column(window, ISSUER) == ["Endeavor Group Holdings, Inc. [EDR]"] + shown
    window.close()
    again = MainWindow(store, today=date(2023, 1, 11), settings=QSettings(settings.fileName(), settings.format()))
    qtbot.addWidget(again)
    assert _column(again, ISSUER) == ["Endeavor Group Holdings, Inc. [EDR]"] + shown
    assert again.browser.horizontalHeader().sortIndicatorSection() == ISSUER


# -- 2. the row selected is the open draft, and the Draft menu names it -------------------------------------------
def _row_of(window, draft_id: int) -> int:
    return next(n for n, r in enumerate(window.drafts_model.rows) if r.id == draft_id)


def _click_draft(qtbot, window, draft_id: int) -> None:
    """Click the draft's row in the list, as a person picks a draft."""
    index = window.drafts_model.index(_row_of(window, draft_id), 0)
    window.browser.scrollTo(index)
    qtbot.mouseClick(
        window.browser.viewport(), Qt.MouseButton.LeftButton, pos=window.browser.visualRect(index).center()
    )


def _selected_drafts(window) -> list[int]:
    return [window.drafts_model.rows[index.row()].id for index in window.browser.selectionModel().selectedRows()]


def test_a_click_opens_the_draft_and_the_row_selected_is_always_the_open_draft(window, qtbot, script):
    amendment, filed, other = (window.store.create(_filing(date(2023, 1, day))) for day in (9, 6, 3))
    window.refresh_browser()
    _click_draft(qtbot, window, amendment)  # one click opens it (it only highlighted it)
    qtbot.waitUntil(lambda: window.document.draft_id == amendment)
    assert _selected_drafts(window) == [amendment]
    assert f"(draft {amendment})" in window.windowTitle()
    # A new Form 5: no row is it, so none stays highlighted (the 3/A did).
    script.expect("choose", "New Form 5", 1, text="Issuer:")
    script.expect("choose", "New Form 5", 1, text="Reporting person:")
    _action(window, "new_form5").trigger()
    assert window.document.draft_id is None and _selected_drafts(window) == []
    assert _action(window, "delete").text().replace("&", "") == "Delete the new draft (to trash)"
    type_into(qtbot, window.editor.filing_tab.period, "12/31/2022")
    _action(window, "save").trigger()
    saved = window.document.draft_id
    assert saved is not None and _selected_drafts(window) == [saved]  # saved: its row is the one selected
    # The Draft menu says which draft it acts on: the open one, by its number as the list's Draft column shows it.
    window._name_draft_actions()
    for name, text in (
        ("duplicate", f"Duplicate draft {saved}"),
        ("delete", f"Delete draft {saved} (to trash)"),
        ("mark_filed", f"Mark draft {saved} filed…"),
        ("amend", f"Amend draft {saved}…"),
        ("history", f"History of draft {saved}…"),
    ):
        assert _action(window, name).text().replace("&", "") == text
    assert window.drafts_model.index(_row_of(window, saved), DraftListModel.NUMBER).data() == str(saved)
    # With changes typed, another row asks first; kept (Cancel), the selection goes back to the open draft.
    type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
    script.expect("ask", "Unsaved changes", Button.Cancel, text=f"(draft {saved})")
    _click_draft(qtbot, window, other)
    qtbot.waitUntil(lambda: not script.expected)
    qtbot.waitUntil(lambda: _selected_drafts(window) == [saved])
    assert window.document.draft_id == saved and window.document.filing.issuer.trading_symbol == "MINE"
    # Delete acts on the open draft, named, never on a row merely highlighted.
    script.expect("ask", "Move to the trash", Button.Cancel, text=f"(draft {saved}) to the trash?")
    _action(window, "delete").trigger()
    script.check()
    script.expect("ask", "Unsaved changes", Button.Discard, text=f"(draft {saved})")
    _click_draft(qtbot, window, filed)
    qtbot.waitUntil(lambda: window.document.draft_id == filed)
    assert _selected_drafts(window) == [filed]


def test_the_arrow_keys_open_the_draft_they_come_to(window, qtbot):
    first, second = window.store.create(_filing(date(2023, 1, 9))), window.store.create(_filing(date(2023, 1, 6)))
    window.refresh_browser()
    _click_draft(qtbot, window, first)
    qtbot.waitUntil(lambda: window.document.draft_id == first)
    qtbot.keyClick(window.browser, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.document.draft_id == second)
    assert _selected_drafts(window) == [second]


def test_in_the_trash_a_row_is_picked_to_restore_and_restore_names_it(window, qtbot, script):
    kept, trashed = window.store.create(_filing(date(2023, 1, 9))), window.store.create(_filing(date(2023, 1, 6)))
    window.store.delete(trashed)
    window.refresh_browser()
    _click_draft(qtbot, window, kept)
    qtbot.waitUntil(lambda: window.document.draft_id == kept)
    _action(window, "restore").trigger()
    assert "Show the trash" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.trash_button, Qt.MouseButton.LeftButton)
    _click_draft(qtbot, window, trashed)
    qtbot.wait(20)
    assert window.document.draft_id == kept  # the open draft stays: a trashed one is only picked
    window._name_draft_actions()
    assert _action(window, "restore").text().replace("&", "") == f"Restore draft {trashed} from trash"
    _action(window, "restore").trigger()
    assert window.store.list(trash=True) == []
    assert window.statusBar().currentMessage() == f"Draft {trashed} restored from the trash."


# -- 3. amending a draft not marked filed ---------------------------------------------------------------------
def test_amending_a_draft_not_marked_filed_says_to_mark_it_filed_and_offers_to(window, qtbot, script):
    from test_rules import form3

    original = window.store.create(form3())  # event of 01/09/2023, signed 01/10/2023
    window.refresh_browser()
    _click_draft(qtbot, window, original)
    qtbot.waitUntil(lambda: window.document.draft_id == original)
    script.expect("pick", "Not amended", None, text="first record the date EDGAR filed it with Draft ▸ Mark filed…")
    _action(window, "amend").trigger()  # Cancel: nothing happens
    assert window.document.draft_id == original and len(window.store.list()) == 1
    assert script.shown[-1][2].startswith(f"Form 3 — AULT (draft {original}) is not marked filed, so it cannot be")
    assert "[Mark Filed, Then Amend… | Cancel]" in script.shown[-1][2]
    # Marked filed on the spot, then amended: what the user asked for.
    script.expect("pick", "Not amended", 0, text="Mark filed")
    script.expect("text", "Mark filed", "01/11/2023", text="Date filed")
    script.expect("text", "Mark filed", "", text="Accession")
    script.expect("ask", "Amend", Button.No, text="Date it today, 01/11/2023?")
    _action(window, "amend").trigger()
    assert window.store.open(original).status == "filed" and window.store.open(original).filed_on == "2023-01-11"
    amendment = window.document.draft_id
    assert amendment != original and window.document.filing.document_type == "3/A"
    assert window.store.open(amendment).amends_id == original
    assert _selected_drafts(window) == [amendment]


def test_amending_a_new_draft_says_there_is_nothing_filed_to_amend(window, script):
    script.expect("tell", "Not amended", None, text="The new draft has not been filed, so there is nothing to amend")
    _action(window, "amend").trigger()  # it said nothing at all
    assert window.document.draft_id is None and window.store.list() == []


# -- 4. the start: the deadlines beside the work, a new draft's empty boxes to fill --------------------------------
def test_at_start_the_deadlines_show_only_when_something_is_due_soon_and_never_modal(window, qtbot, script):
    from datetime import timedelta

    from form4_desktop.gui.dashboard import DeadlineDashboard
    from test_deadline import one_sale
    from test_rules import form3

    today = date.today()
    later = form3()
    later.period_of_report = today  # a Form 3 is due 10 days after its event: not within two business days
    window.store.create(later)
    window.store.import_filed(one_sale(today - timedelta(days=40)), today - timedelta(days=30))  # filed late: done
    window.show_deadlines_if_due()
    assert window.deadline_window is None and window.findChildren(DeadlineDashboard) == []
    overdue = window.store.create(one_sale(today - timedelta(days=30)))
    window.show_deadlines_if_due()
    dashboard = window.deadline_window
    qtbot.addWidget(dashboard)
    assert dashboard.isVisible() and dashboard.windowTitle() == "Deadlines"
    assert not dashboard.isModal() and dashboard.windowModality() == Qt.WindowModality.NonModal
    assert dashboard.parent() is None  # a window of its own: not kept in front of the user's draft
    assert script.shown == []  # nothing waited for an answer
    assert "1 overdue" in dashboard.summary.text()
    # The main window takes typing while the dashboard shows.
    type_into(qtbot, window.editor.filing_tab.ticker, "MVIS")
    assert window.document.filing.issuer.trading_symbol == "MVIS"
    # A double-click in it opens the draft in the main window (asking first about what was typed).
    script.expect("ask", "Unsaved changes", Button.Discard, text="The new draft")
    row = next(n for n in range(dashboard.table.rowCount()) if dashboard.table.item(n, 0).text() == "OVERDUE")
    dashboard.table.doubleClicked.emit(dashboard.table.model().index(row, 0))
    assert window.document.draft_id == overdue and not dashboard.isVisible()
    # Compliance ▸ Deadlines while it shows brings it forward, no second one.
    window.show_deadlines_if_due()
    second = window.deadline_window
    qtbot.addWidget(second)
    _action(window, "deadlines").trigger()  # no modal dialog: the script would fail on one
    assert second.isVisible()
    window.close()
    assert not second.isVisible()  # it goes with the main window


def _findings_shown(window) -> list[str]:
    model = window.findings_model
    return [model.index(row).data() for row in range(model.rowCount())]


def test_a_new_draft_shows_its_empty_boxes_to_fill_until_it_is_edited(window, qtbot):
    shown = _findings_shown(window)  # the start's new Form 4, untouched
    assert len(shown) == 9 and all(line.startswith("TO FILL: ") for line in shown), shown
    assert "TO FILL: Box 1, reporting person: CIK is required." in shown
    assert window.status_label.text() == "9 boxes to fill, 0 errors, 0 warnings"
    assert [window.editor.tabText(n) for n in range(window.editor.count())] == list(window.editor.TAB_NAMES)
    # The findings themselves are all there, as errors (what Save, Print and Export judge by).
    assert sum(finding.rule_id != "" and finding.severity.value == "error" for finding in window.findings) == 9
    # The first edit shows them as what they are.
    type_into(qtbot, window.editor.filing_tab.ticker, "MVIS")
    qtbot.waitUntil(lambda: window.status_label.text() == "8 errors, 0 warnings")
    shown = _findings_shown(window)
    assert len(shown) == 8 and all(line.startswith("ERROR: ") for line in shown)
    assert window.editor.tabText(0) != window.editor.TAB_NAMES[0]  # the tabs count them again
    # Draft ▸ Check Now (F7) does the same for a new draft not yet edited.
    window.load_new(window.document.filing.__class__(document_type="4"))
    assert window.status_label.text().endswith("to fill, 0 errors, 0 warnings")
    _action(window, "check").trigger()
    assert "to fill" not in window.status_label.text() and window.status_label.text().endswith("errors, 0 warnings")
    assert all(line.startswith("ERROR: ") for line in _findings_shown(window))


@pytest.mark.parametrize("how", ["save", "export_submission", "preview"])
def test_nothing_is_saved_printed_or_exported_before_every_finding_shows_as_an_error(window, qtbot, script, how):
    assert window.status_label.text() == "9 boxes to fill, 0 errors, 0 warnings"
    seen = {}
    if how == "export_submission":
        script.expect(
            "save_file", "Export", lambda start: seen.setdefault("status", window.status_label.text()) and None
        )
    _action(window, how).trigger()
    if how == "preview":  # the preview shows the form watermarked as a draft, with the findings of that moment
        [preview] = [child for child in window.findChildren(QDialog) if child.windowTitle() == "Print preview"]
        preview.close()
    assert seen.get("status", window.status_label.text()) == "9 errors, 0 warnings"
    assert all(line.startswith("ERROR: ") for line in _findings_shown(window))


def test_an_error_about_a_box_filled_in_is_never_shown_to_fill(window):
    from form4_desktop.model.operations import new_filing

    filing = new_filing("4")
    filing.issuer.cik = "12345678901"  # eleven digits, from an address book gone wrong
    window.load_new(filing)
    shown = _findings_shown(window)
    assert "ERROR: Box 2, issuer CIK '12345678901' must be 1 to 10 digits." in shown
    assert window.status_label.text() == "8 boxes to fill, 1 error, 0 warnings"


# -- 5. a filed form says whether it was filed on time ---------------------------------------------------------
def test_a_form3_marked_filed_says_it_was_filed_on_time_not_when_it_is_due(window, qtbot, script):
    from test_rules import form3

    draft_id = window.store.create(form3())  # event of 01/09/2023: due Thursday 01/19/2023
    window.refresh_browser()
    _click_draft(qtbot, window, draft_id)
    qtbot.waitUntil(lambda: window.document.draft_id == draft_id)
    assert [line for line in _findings_shown(window) if line.startswith("INFO: Due by 10 p.m. Eastern on Thursday")]
    script.expect("text", "Mark filed", "01/11/2023", text="Date filed")
    script.expect("text", "Mark filed", "", text="Accession")
    _action(window, "mark_filed").trigger()
    assert window.document.status == "filed"
    shown = _findings_shown(window)
    assert [line for line in shown if "Due by" in line] == []  # 112.png: "INFO: Due by …" on a filed form
    [line] = [line for line in shown if line.startswith("INFO: Filed on")]
    assert line.startswith(
        "INFO: Filed on 01/11/2023, on time: due by 10 p.m. Eastern on Thursday, January 19, 2023: 10 days after "
        "the event of 01/09/2023 (Box 2)"
    )


# -- 6. a refusal goes once the box is corrected -------------------------------------------------------------
def test_a_refused_amount_leaves_the_status_bar_once_it_is_corrected(window, qtbot):
    from decimal import Decimal

    from test_gui import edit_cell

    window.document.load(draft(), None, None)
    table = window.editor.table_i
    column = table.model.column_of("shares.value")
    editor = edit_cell(qtbot, table, 0, column, "1,25")  # a decimal comma: refused, the text stays in the box
    refusal = window.statusBar().currentMessage()
    assert "1,25" in refusal, refusal
    editor.selectAll()
    qtbot.keyClicks(editor, "125")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(5)
    assert table.model.rows[0].shares.value == Decimal(125)
    assert window.statusBar().currentMessage() == ""  # 11.png: the refusal stayed after the amount was taken


def test_a_refused_date_is_said_until_its_box_is_corrected_and_no_longer(window, qtbot):
    window.document.load(draft(), None, None)
    period = window.editor.filing_tab.period
    type_into(qtbot, period, "02/30/2023")
    refusal = window.statusBar().currentMessage()
    assert "February 2023 has 28 days" in refusal
    type_into(qtbot, window.editor.filing_tab.ticker, "MVIS")  # another box: the date is still refused
    assert window.statusBar().currentMessage() == refusal
    type_into(qtbot, period, "02/28/2023")
    assert window.document.filing.period_of_report == date(2023, 2, 28)
    assert window.statusBar().currentMessage() == ""


# -- 7. names read whole --------------------------------------------------------------------------------------
NAMES = [
    ("Musk Elon", "Tesla, Inc.", "TSLA"),
    ("Musk Elon", "TESLA MOTORS INC", "TSLA"),
    ("Musk Elon", "SOLARCITY CORP", "SCTY"),
    ("Musk Elon", "Endeavor Group Holdings, Inc.", "EDR"),
    ("Rivera Maria L", "MICROVISION, INC.", "MVIS"),
]


def _fill_list(window, names, count: int = 40) -> None:
    for number in range(count):
        owner, issuer, ticker = names[number % len(names)]
        filing = _filing(date(2022, 1 + number % 12, 1), issuer, ticker)
        filing.reporting_owners[0].name = owner
        window.store.create(filing)
    window.refresh_browser()


def _at_1280x800(window, qtbot) -> None:
    """The window as a 1280x800 screen first shows it (the list as wide as it first is)."""
    window.resize(1280, 800)
    window._sized = False
    window.hide()
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the list's first width is set on the next turn of the event loop


def _cut_names(window) -> list[str]:
    """The owners and issuers the list does not show whole in their cells (wrapped between words at most)."""
    view, model = window.browser, window.drafts_model
    metrics = view.fontMetrics()
    wrap = int(Qt.TextFlag.TextWordWrap) if view.wordWrap() else 0  # as the list lays the text out
    cut = []
    for row in range(model.rowCount()):
        for column in (0, 1):
            index = model.index(row, column)
            room = view.visualRect(index).adjusted(4, 1, -4, -1)  # the cell's text margins
            needed = metrics.boundingRect(QRect(0, 0, room.width(), 10_000), wrap, index.data())
            if needed.width() > room.width() or needed.height() > room.height():
                cut.append(index.data())
    return cut


def test_the_owners_and_issuers_read_whole_at_1280x800(window, qtbot):
    _fill_list(window, NAMES)
    _at_1280x800(window, qtbot)
    assert window.browser.verticalScrollBar().isVisible()
    assert _cut_names(window) == []  # 24.png, 97.png: "Musk …", "River…", "MICROVISI…"
    header = window.browser.horizontalHeader()
    assert header.sectionViewportPosition(5) + header.sectionSize(5) <= header.viewport().width()  # all in sight
    assert window.width() <= 1280


def test_a_list_narrowed_by_an_earlier_start_is_widened_for_its_names(qtbot, store, script, settings):
    first = MainWindow(store, today=date(2023, 1, 11), settings=settings)
    qtbot.addWidget(first)
    _fill_list(first, NAMES)
    first.resize(1280, 800)
    first.show()
    qtbot.waitExposed(first)
    qtbot.wait(50)
    first.resizeDocks([first.browser_dock], [330], Qt.Orientation.Horizontal)  # as an older version left it
    qtbot.wait(50)
    assert _cut_names(first)
    first.close()
    again = MainWindow(store, today=date(2023, 1, 11), settings=QSettings(settings.fileName(), settings.format()))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.wait(50)
    assert _cut_names(again) == []


def test_rows_have_room_for_a_second_line_only_when_a_name_needs_it(window, qtbot):
    _fill_list(window, [("Musk Elon", "Tesla, Inc.", "TSLA")], count=5)
    _at_1280x800(window, qtbot)
    assert _cut_names(window) == []
    one_line = window.browser.rowHeight(0)  # room for one line: more rows in sight
    _fill_list(window, NAMES, count=5)  # longer names come (an import): the list widens, and wraps what must
    qtbot.wait(50)
    assert _cut_names(window) == []
    assert window.browser.rowHeight(0) > one_line


def test_mark_filed_on_a_filed_draft_says_it_is_filed_without_asking_for_a_date(window, qtbot, script):
    filed = window.store.import_filed(_filing(date(2023, 1, 9)), date(2023, 1, 11))
    window.refresh_browser()
    _click_draft(qtbot, window, filed)
    qtbot.waitUntil(lambda: window.document.draft_id == filed)
    window._name_draft_actions()
    mark = _action(window, "mark_filed")
    assert mark.text() == f"Mark filed (draft {filed} was filed on 01/11/2023)" and not mark.isEnabled()
    script.expect("tell", "Not marked filed", None, text=f"(draft {filed}) is already marked filed (on 01/11/2023)")
    window.mark_filed()  # it asked for a date, then said it was filed already
