"""What the screen shows is what is saved, printed and filed; nothing is lost or fails silently.

Each test drives the widgets as a person does and answers each dialog explicitly (`script`); an unexpected
dialog, or an expected one that never comes, fails the test. Each names the defect it guards against.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QPushButton  # noqa: E402

from form4_desktop.gui import actions, dialogs  # noqa: E402
from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.model import Footnoted  # noqa: E402
from form4_desktop.store import DraftStore  # noqa: E402
from test_gui import TODAY, check_cell, choose, draft, edit_cell, type_into  # noqa: E402
from test_pdf import pages_text  # noqa: E402

Button = dialogs.Button


def findings_of(window, rule_id: str) -> list[tuple[str, str]]:
    window.validate()
    return [(f.field_path, f.message) for f in window.findings if f.rule_id == rule_id]


# -- 1. the state picker ------------------------------------------------------------------------------------
def test_typing_a_state_code_picks_that_state_and_a_name_works_too(window, qtbot):
    window.document.load(draft(), None, None)
    window.editor.setCurrentIndex(1)
    state = window.editor.owners_tab.fields["address.state"]
    choose(qtbot, state, "NV")
    assert window.document.filing.reporting_owners[0].address.state == "NV"
    assert state.currentText().startswith("NV")
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search
    choose(qtbot, state, "Texas")
    assert window.document.filing.reporting_owners[0].address.state == "TX"
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    choose(qtbot, state, "ne")  # a code in lower case
    assert window.document.filing.reporting_owners[0].address.state == "NE"
    country = window.editor.owners_tab.country
    choose(qtbot, country, "X0")
    assert window.document.filing.reporting_owners[0].address.country == "X0"
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    choose(qtbot, country, "Japan")
    assert window.document.filing.reporting_owners[0].address.country == "M0"


# -- 2. a box whose text cannot be taken -------------------------------------------------------------------
def test_a_refused_date_is_an_error_and_nothing_is_saved_printed_or_closed_as_if_it_were_taken(window, qtbot, script):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    period = window.editor.filing_tab.period
    type_into(qtbot, period, "02/30/2023")
    assert period.text() == "02/30/2023"  # the typing is kept
    assert findings_of(window, "TYPED-VALUE") == [
        (
            "period_of_report",
            "Box 3, Date of Earliest Transaction: '02/30/2023': February 2023 has 28 days. This box "
            "is not saved until it is corrected or cleared.",
        )
    ]
    assert window.status_label.text().startswith("1 error")
    assert window.windowTitle().endswith("* — Form 4 Desktop — drafts.sqlite3")
    script.expect("tell", "Not saved", None, text="February 2023 has 28 days")
    window.save_action.trigger()
    assert window.store.open(draft_id).version == 1  # nothing was saved
    assert window.statusBar().currentMessage() != "Saved."
    script.expect("tell", "No preview", None, text="Nothing was printed")
    window.findChild(type(window.save_action), "preview").trigger()
    script.expect("tell", "Not exported", None, text="Nothing was exported")
    window.findChild(type(window.save_action), "export_record").trigger()
    script.expect("ask", "Unsaved changes", Button.Cancel, text="(draft 1)")
    assert not window.close()  # quitting asks, and Cancel keeps the window and the typing
    assert period.text() == "02/30/2023"
    type_into(qtbot, period, "01/09/2023")  # corrected: taken, and the error is gone
    assert findings_of(window, "TYPED-VALUE") == []
    window.save_action.trigger()
    assert window.store.open(draft_id).version == 2


def test_a_refused_amount_in_a_table_is_an_error_on_its_cell_and_shown_as_typed(window, qtbot, script):
    window.document.load(draft(), None, None)
    table = window.editor.table_i
    edit_cell(qtbot, table, 0, 7, "1,25")  # Return with a decimal comma: the box stays open, with a sentence
    table.view.setFocus()  # leaving the box: not taken, kept on screen
    qtbot.wait(10)
    assert window.document.filing.table_i[0].shares.value == Decimal(125000)  # unchanged: it was not taken
    index = table.model.index(0, 7)
    assert index.data() == "1,25"  # the cell shows what was typed, not the old amount
    [(path, message)] = findings_of(window, "TYPED-VALUE")
    assert path == "table_i[0].shares" and "a comma may only group thousands" in message
    assert table.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None  # coloured
    script.expect("tell", "Not saved", None, text="Table I, row 1, column 4, Amount")
    window.save_action.trigger()
    assert window.document.draft_id is None


# -- 3. choosing another draft, deleting ----------------------------------------------------------------------
def test_choosing_another_draft_keeps_the_open_draft_and_its_unsaved_typing(window, qtbot, script):
    other = window.store.create(draft())
    mine = window.store.create(draft())
    window.refresh_browser()
    window.open_draft(mine)
    type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
    row = next(n for n, r in enumerate(window.drafts_model.rows) if r.id == other)
    script.expect("ask", "Unsaved changes", Button.Cancel, text=f"(draft {mine})")
    window.browser.setCurrentIndex(window.drafts_model.index(row, 0))  # the other draft would open: asks first
    qtbot.waitUntil(lambda: window.selected_id() == mine)  # kept: the selection is back on the open draft
    assert window.document.draft_id == mine and window.document.filing.issuer.trading_symbol == "MINE"
    assert window.document.modified
    assert window.store.list(trash=True) == []
    labels = [
        label
        for label in window.statusBar().findChildren(type(window.status_label))
        if label.objectName() == "status_summary"
    ]
    assert labels == [window.status_label]  # one summary, however many deletes
    row = next(n for n, r in enumerate(window.drafts_model.rows) if r.id == mine)
    window.browser.setCurrentIndex(window.drafts_model.index(row, 0))
    script.expect("ask", "Move to the trash", Button.Yes, text=f"(draft {mine}) to the trash?")
    script.expect("ask", "Unsaved changes", Button.Discard, text=f"(draft {mine})")
    window.findChild(type(window.save_action), "delete").trigger()  # the open draft: asks first
    assert window.document.draft_id is None
    assert (
        len(
            [
                label
                for label in window.statusBar().findChildren(type(window.status_label))
                if label.objectName() == "status_summary"
            ]
        )
        == 1
    )


# -- 4. failures are said, once, and logged ------------------------------------------------------------------
def test_a_failed_save_says_one_sentence_and_logs_the_cause(window, qtbot, script, caplog):
    import sqlite3

    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "NEWT")
    with sqlite3.connect(window.store.path) as other:  # another program breaks the store under the app
        other.execute("DROP TABLE revisions")
    script.expect("tell", "Not saved", None)
    with caplog.at_level(logging.INFO, logger="form4_desktop"):
        window.save_action.trigger()
    [(kind, title, text)] = script.shown
    assert "\n" not in text and "Traceback" not in text and text.endswith(".")
    assert window.document.modified and window.editor.filing_tab.ticker.text() == "NEWT"  # nothing typed is lost
    assert any(record.exc_info for record in caplog.records)  # the cause is in the log


def test_a_failed_export_says_where_it_could_not_write(window, script, tmp_path):
    window.document.load(draft(), None, None)
    target = str(tmp_path / "no such folder" / "out.xml")
    script.expect("save_file", "Export the record XML", target)
    script.expect("tell", "Not exported", None, text="does not exist")
    window.findChild(type(window.save_action), "export_record").trigger()


def test_anything_unexpected_is_logged_and_shown(window, script, caplog):
    script.expect("tell", "Form 4 Desktop", None, text="RuntimeError: boom")
    with caplog.at_level(logging.ERROR, logger="form4_desktop"):
        try:
            raise RuntimeError("boom")
        except RuntimeError as error:
            actions.excepthook(RuntimeError, error, error.__traceback__)
    assert "boom" in caplog.text and "Traceback" in caplog.text


def test_the_app_installs_its_excepthook(monkeypatch):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    actions.install_excepthook()
    assert sys.excepthook is actions.excepthook


# -- 5. a filed draft is judged on its filing date -------------------------------------------------------------
def test_a_draft_marked_filed_on_its_due_date_is_not_late(qtbot, store, script, settings):
    later = MainWindow(store, today=date(2026, 11, 24), settings=settings)  # years after the trade
    qtbot.addWidget(later)
    later.document.load(draft(), None, None)
    later.save_action.trigger()
    assert findings_of(later, "LATE")  # as a draft today, it is late
    script.expect("text", "Mark filed", "01/11/2023", text="Date filed")
    script.expect("text", "Mark filed", "0001767258-23-000002", text="Accession")
    later.findChild(type(later.save_action), "mark_filed").trigger()
    assert later.document.read_only and later.document.filed_on == "2023-01-11"
    assert findings_of(later, "LATE") == []
    assert "filed on 01/11/2023" in later.windowTitle()


# -- 6. printing --------------------------------------------------------------------------------------------
def test_print_to_a_pdf_file_through_the_print_dialog_writes_three_vector_copies(window, qtbot, script, tmp_path):
    window.document.load(draft(), None, None)
    target = tmp_path / "printed.pdf"

    def answer(dialog) -> int:
        assert dialog.printer().copyCount() == 3  # the form asks for three copies
        dialog.printer().setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted

    script.expect("run", "Print", answer)
    window.findChild(type(window.save_action), "print").trigger()
    qtbot.waitUntil(lambda: window.print_job.done, timeout=20_000)
    pages = pages_text(target.read_bytes())
    assert len(pages) % 3 == 0 and "Copy 3 of 3" in pages[-1]
    assert "CRAGUN" in pages[0] and "DRAFT" not in " ".join(pages)  # text, not pictures of text
    assert target.stat().st_size < 500_000


def test_the_preview_after_an_edit_uses_the_findings_of_that_moment(window, qtbot):
    from PySide6.QtPdfWidgets import QPdfView

    window.document.load(draft(), None, None)
    window.document.set("issuer.trading_symbol", "")  # an error, and no time for the debounced check
    dialog = window.print_preview()
    view = dialog.findChild(QPdfView, "print_preview")
    pdf = view.document()
    text = pdf.getAllText(0).text()
    dialog.close()
    assert "DRAFT" in text


# -- 7. autosave and restore ---------------------------------------------------------------------------------
def test_autosave_has_the_text_being_typed(window, qtbot):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    ticker = window.editor.filing_tab.ticker
    ticker.setFocus()
    ticker.selectAll()
    qtbot.keyClicks(ticker, "TYPED")  # still in the box: not taken yet
    window.autosaver.flush()  # what the 2-second timer does; then the process is killed
    [left] = window.store.autosaves()
    assert left.filing.issuer.trading_symbol == "TYPED" and left.draft_id == draft_id


def test_undoing_back_to_the_saved_draft_leaves_nothing_to_restore(qtbot, store, script, settings):
    draft_id = store.create(draft())
    first = MainWindow(store, today=TODAY, settings=settings)
    first.open_draft(draft_id)
    first.document.set("remarks", "A change.")
    first.autosaver.flush()
    assert store.autosaves()
    first.document.undo_stack.undo()
    assert store.autosaves() == []  # back to what is saved: no recovery entry
    first.close()  # no question: nothing unsaved
    second = MainWindow(store, today=TODAY, settings=settings)
    qtbot.addWidget(second)
    assert not second.offer_restore()  # and no "Restore unsaved work?" (the script would fail on it)


def test_a_restore_names_the_draft_and_an_autosave_equal_to_the_saved_draft_is_not_offered(
    qtbot, store, script, settings
):
    from test_gui import dead_slot

    draft_id = store.create(draft())
    store.write_autosave(dead_slot(), store.open(draft_id).filing, draft_id, 1)  # nothing unsaved in it
    window = MainWindow(store, today=TODAY, settings=settings)
    qtbot.addWidget(window)
    assert not window.offer_restore() and store.autosaves() == []


# -- 8. findings follow the typing ---------------------------------------------------------------------------
def test_findings_follow_the_typing_before_the_box_is_left(window, qtbot):
    window.document.load(draft(), None, None)
    window.editor.setCurrentIndex(1)
    title = window.editor.owners_tab.fields["relationship.officer_title"]
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " and Treasurer of the Company")  # over 30 characters, and still typing
    qtbot.waitUntil(lambda: any(f.rule_id == "RELATIONSHIP-TEXT-LENGTH" for f in window.findings), timeout=3000)
    [finding] = [f for f in window.findings if f.rule_id == "RELATIONSHIP-TEXT-LENGTH"]
    assert finding.field_path == "reporting_owners[0].relationship.officer_title"
    assert window.document.filing.reporting_owners[0].relationship.officer_title == "Chief Financial Officer"


# -- 9. V and K change only on purpose ------------------------------------------------------------------------
def test_a_click_beside_the_v_box_only_selects_and_a_v_shows_in_the_findings(window, qtbot):
    window.document.load(draft(), None, None)
    window.editor.setCurrentIndex(2)
    view = window.editor.table_i.view
    column = 5  # V
    rect = view.visualRect(view.model().index(0, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 2, rect.top() + 2))
    assert window.document.filing.table_i[0].coding.form_type == "4"  # a stray click: nothing ticked
    assert view.currentIndex().column() == column
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # on the box itself
    assert window.document.filing.table_i[0].coding.form_type == "5"
    window.validate()
    shown = [window.findings_model.index(n).data() for n in range(window.findings_model.rowCount())]
    assert any(line.startswith("INFO: Table I, row 1, column 3") and "marked V" in line for line in shown)
    check_cell(qtbot, window.editor.table_i, 0, column)  # Space: a deliberate untick
    assert window.document.filing.table_i[0].coding.form_type == "4"


# -- comforts ------------------------------------------------------------------------------------------------
def test_the_window_fits_the_screen_and_remembers_its_size_and_folders(qtbot, store, script, settings, tmp_path):
    first = MainWindow(store, today=TODAY, settings=settings)
    first.show()
    available = QApplication.primaryScreen().availableGeometry()
    assert first.frameGeometry().height() <= available.height()  # the status bar is on the screen
    assert first.minimumSizeHint().width() <= 1280 and first.minimumSizeHint().height() <= 760
    first.resize(798, 700)
    first.remember_folder("export", str(tmp_path / "out.xml"))
    first.close()
    second = MainWindow(store, today=TODAY, settings=settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (798, 700)
    second.document.load(draft(), None, None)
    script.expect(
        "save_file",
        "Export the submission XML",
        None,
        text=os.path.join(str(tmp_path), "form4-AULT-CRAGUN-2023-01-09-submission.xml"),
    )
    second.findChild(type(second.save_action), "export_submission").trigger()
    script.expect("save_file", "Export the record XML", None, text="form4-AULT-CRAGUN-2023-01-09-record.xml")
    second.findChild(type(second.save_action), "export_record").trigger()


def test_a_row_is_duplicated_below_itself(window, qtbot):
    window.document.load(draft(), None, None)
    table = window.editor.table_ii
    window.editor.setCurrentIndex(3)
    table.view.setCurrentIndex(table.model.index(1, 1))
    qtbot.mouseClick(table.buttons["duplicate_row"], Qt.MouseButton.LeftButton)
    rows = window.document.filing.table_ii
    assert len(rows) == 3 and rows[2] == rows[1] and rows[2] is not rows[1]
    assert table.view.currentIndex().row() == 2
    window.document.undo_stack.undo()
    assert len(window.document.filing.table_ii) == 2


def test_the_footnote_editor_shows_its_number_and_ctrl_enter_takes_it(window, qtbot, script):
    window.document.load(draft(), None, None)
    window.editor.setCurrentIndex(4)
    long_text = "A long explanation that wraps. " * 12

    def answer(dialog) -> int:
        assert "(5)" in dialog.windowTitle()  # the reference filing has four footnotes
        assert dialog.edit.lineWrapMode() == dialog.edit.LineWrapMode.WidgetWidth
        qtbot.keyClicks(dialog.edit, long_text)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    script.expect("run", "Footnote (5)", answer)
    qtbot.mouseClick(window.editor.footnotes_tab.findChild(QPushButton, "add_footnote"), Qt.MouseButton.LeftButton)
    assert window.document.filing.footnotes[-1].text == long_text.strip()
    model = window.editor.footnotes_tab.model
    assert model.index(4, 0).data() == "(5)"


def test_history_says_what_changed_and_a_restore_can_be_undone(window, qtbot, script):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "NEWT")
    window.save_action.trigger()
    seen = {}

    def answer(dialog) -> int:
        seen["lines"] = [dialog.list.item(n).text() for n in range(dialog.list.count())]
        dialog.list.setCurrentRow(1)  # version 1
        dialog.restore_button.click()
        return dialog.result()

    script.expect("run", f"History of draft {draft_id}", answer)
    window.findChild(type(window.save_action), "history").trigger()
    newest = seen["lines"][0]
    assert newest.startswith("Version 2 — saved ") and "changed: Box 2, ticker or trading symbol" in newest
    assert "/" in newest.split("saved ")[1][:10]  # MM/DD/YYYY, local time
    assert window.document.filing.issuer.trading_symbol == "AULT" and window.document.modified
    window.document.undo_stack.undo()  # the restore is undone
    assert window.document.filing.issuer.trading_symbol == "NEWT"


def test_findings_are_in_the_order_of_the_form_and_footnotes_are_named_as_printed(window):
    filing = draft()
    filing.table_ii[1].ownership.nature_of_ownership = Footnoted("By trust")  # Table II row 2: D with a nature
    filing.table_i[0].coding.footnote_ids = ["F1", "F1"]  # Table I row 1, footnote (1) twice
    filing.issuer.trading_symbol = ""  # the Filing tab
    window.document.load(filing, None, None)
    paths = [f.field_path for f in window.findings if f.severity.value != "info"]
    assert paths == ["issuer.trading_symbol", "table_i[0].coding", "table_ii[1].ownership.nature_of_ownership"]
    repeated = next(f for f in window.findings if f.rule_id == "FOOTNOTE-REPEATED")
    assert "footnote (1)" in repeated.message and "F1" not in repeated.message


def test_a_new_amendment_asks_to_date_the_signature_today(window, script):
    draft_id = window.store.create(draft())
    window.store.mark_filed(draft_id, date(2023, 1, 11))
    window.open_draft(draft_id)
    window.today = date(2023, 2, 1)  # amended three weeks later
    script.expect("ask", "Amend", Button.Yes, text="dated 01/11/2023")
    window.findChild(type(window.save_action), "amend").trigger()
    assert window.document.filing.document_type == "4/A"
    assert window.document.filing.signatures[0].date == date(2023, 2, 1)
    assert window.document.filing.date_of_original_submission == date(2023, 1, 11)


def test_a_new_draft_signs_with_the_name_as_the_person_writes_it(window, script):
    window.store.create(draft())
    script.expect("choose", "New Form 4", 1, text="Issuer")
    script.expect("choose", "New Form 4", 1, text="Reporting person")
    window.findChild(type(window.save_action), "new").trigger()
    assert window.document.filing.signatures[0].name == "/s/ Kenneth S. Cragun"


def test_open_a_file_already_in_the_store_opens_its_draft(window, script, reference_path):
    script.expect("open_file", "Open EDGAR XML", str(reference_path))
    window.findChild(type(window.save_action), "open").trigger()
    first = window.document.draft_id
    script.expect("open_file", "Open EDGAR XML", str(reference_path))
    window.findChild(type(window.save_action), "open").trigger()
    assert window.document.draft_id == first and len(window.store.list()) == 1
    assert "already in the store" in window.statusBar().currentMessage()


def test_store_fixture_is_private(store):
    assert isinstance(store, DraftStore)


def test_naming_the_reporting_person_signs_the_blank_signature_as_the_person_writes_it(window, qtbot):
    window.editor.setCurrentIndex(1)
    type_into(qtbot, window.editor.owners_tab.fields["name"], "CRAGUN KENNETH S")
    qtbot.waitUntil(lambda: window.document.filing.signatures[0].name == "/s/ Kenneth S. Cragun", timeout=2000)
    assert window.document.filing.signatures[0].date is not None
    window.document.undo_stack.undo()  # the signing is its own step
    assert window.document.filing.signatures[0].name == ""
    assert window.document.filing.reporting_owners[0].name == "CRAGUN KENNETH S"


def test_a_refused_box_gets_one_finding_not_also_required(window, qtbot):
    type_into(qtbot, window.editor.filing_tab.period, "02/30/2023")
    window.validate()
    assert [f.rule_id for f in window.findings if f.field_path == "period_of_report"] == ["TYPED-VALUE"]


def test_a_draft_marked_filed_after_its_due_date_says_it_was_filed_late_not_to_file_it(qtbot, store, script, settings):
    later = MainWindow(store, today=date(2026, 11, 24), settings=settings)
    qtbot.addWidget(later)
    later.document.load(draft(), None, None)  # a trade of 01/09/2023: due 01/11/2023
    later.save_action.trigger()
    script.expect("text", "Mark filed", "01/13/2023", text="Date filed")
    script.expect("text", "Mark filed", "", text="Accession")
    later.findChild(type(later.save_action), "mark_filed").trigger()
    [(path, message)] = findings_of(later, "LATE")
    assert path == "table_i[0].transaction_date"
    assert message.startswith("Filed on 01/13/2023, 2 business days late: it was due by 10 p.m. Eastern")
    assert "File it as soon as possible" not in message  # it was filed: nothing left to do
