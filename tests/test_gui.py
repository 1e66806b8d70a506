"""The desktop app, driven as a user drives it: keyboard and mouse on the widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QFocusEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPushButton,
)

from conftest import REFERENCE  # noqa: E402
from form4_desktop.edgar_xml import Copy, read_file, write_bytes  # noqa: E402
from form4_desktop.gui import dialogs  # noqa: E402
from form4_desktop.gui.delegates import DateEditor  # noqa: E402
from form4_desktop.gui.document import FilingDocument  # noqa: E402
from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.gui.models import DraftListModel, FindingsModel, FootnotesModel, RowsModel  # noqa: E402
from form4_desktop.model import Footnoted  # noqa: E402
from form4_desktop.pdf import render_pdf  # noqa: E402
from form4_desktop.rules import validate  # noqa: E402
from test_pdf import expected_texts, found, pages_text  # noqa: E402
from test_rules import draft  # noqa: E402

TODAY = date(2023, 1, 11)
CCC = "ab#45678"


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    """Click into a field, replace its text by typing, and leave it with Tab."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    widget.editingFinished.emit()  # offscreen, focus does not move on Tab: finish as focus-out would


def toggle(qtbot, box) -> None:
    """Tick or untick a check box from the keyboard (Space), as a keyboard user does."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def choose(qtbot, combo: QComboBox, typed: str) -> None:
    """Pick an entry of a closed combo box by typing its start, as a keyboard user does."""
    combo.setFocus()
    qtbot.keyClicks(combo, typed)


def edit_cell(qtbot, tab, row: int, column: int, keys: str):
    view = tab.view
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = [child for child in view.viewport().children() if isinstance(child, (QLineEdit, QComboBox, DateEditor))][
        -1
    ]
    if isinstance(editor, DateEditor):
        editor = editor.line
    if isinstance(editor, QLineEdit):
        editor.selectAll()
    qtbot.keyClicks(editor, keys)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(5)  # the delegate commits on the next turn of the event loop
    return editor


def check_cell(qtbot, tab, row: int, column: int) -> None:
    view = tab.view
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_Space)


def pick_footnotes(qtbot, script, tab, row: int, column: int, ids: list[str]) -> None:
    """Select a box, press Ctrl+Shift+F, check the footnotes in the dialog and press OK."""
    view = tab.view
    view.setCurrentIndex(view.model().index(row, column))

    def answer(dialog) -> int:
        listing = dialog.findChild(QListWidget, "footnote_picker_list")
        for number in range(listing.count()):
            item = listing.item(number)
            if item.data(Qt.ItemDataRole.UserRole) in ids:
                item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()
        return dialog.result()

    script.expect("run", "Footnotes for this box", answer)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    if script.expected:  # offscreen the shortcut may not reach the table: the button does the same
        tab.pick_footnotes()


def write_footnote(qtbot, text: str):
    """Answer the footnote editor as a person does: type the text, then Ctrl+Enter."""

    def answer(dialog) -> int:
        qtbot.keyClicks(dialog.edit, text)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if dialog.result() != 1:  # offscreen a shortcut may not fire: the OK button does the same
            dialog.accept()
        return dialog.result()

    return answer


def test_the_reference_filing_entered_through_the_widgets(window, qtbot, script, tmp_path):
    reference = read_file(REFERENCE)
    editor = window.editor
    # Filing
    filing_tab = editor.filing_tab
    type_into(qtbot, filing_tab.period, "01/09/2023")
    type_into(qtbot, filing_tab.issuer_cik, "0000896493")
    type_into(qtbot, filing_tab.issuer_name, "Ault Alliance, Inc.")
    type_into(qtbot, filing_tab.ticker, "AULT")
    # Reporting person
    editor.setCurrentIndex(1)
    owners = editor.owners_tab.fields
    for attribute, text in (
        ("cik", "0001767258"),
        ("ccc", CCC),
        ("name", "CRAGUN KENNETH S"),
        ("address.street1", "11411 SOUTHERN HIGHLANDS PARKWAY"),
        ("address.street2", "SUITE 240"),
        ("address.city", "LAS VEGAS"),
        ("address.zip_code", "89141"),
        ("relationship.officer_title", "Chief Financial Officer"),
    ):
        type_into(qtbot, owners[attribute], text)
    choose(qtbot, owners["address.state"], "Nevada")
    toggle(qtbot, owners["relationship.is_officer"])
    for attribute in ("is_director", "is_ten_percent_owner", "is_other"):  # answered "no", as the form shows them
        toggle(qtbot, owners[f"relationship.{attribute}"])
        toggle(qtbot, owners[f"relationship.{attribute}"])
    # Footnotes, written in the Footnotes tab
    editor.setCurrentIndex(4)
    for number, footnote in enumerate(reference.footnotes, start=1):
        script.expect("run", f"Footnote ({number})", write_footnote(qtbot, footnote.text))
        qtbot.mouseClick(editor.footnotes_tab.findChild(QPushButton, "add_footnote"), Qt.MouseButton.LeftButton)
    # Table I
    editor.setCurrentIndex(2)
    table = editor.table_i
    qtbot.mouseClick(table.buttons["add_transaction"], Qt.MouseButton.LeftButton)
    for column, keys in (
        (1, "Common Stock"),
        (2, "01/09/2023"),
        (4, "M"),
        (7, "125000"),
        (8, "A"),
        (9, "0"),
        (10, "200000"),
        (11, "D"),
    ):
        edit_cell(qtbot, table, 0, column, keys)
    pick_footnotes(qtbot, script, table, 0, 4, ["F1"])
    # Table II
    editor.setCurrentIndex(3)
    table = editor.table_ii
    for row, (amount, note) in enumerate((("50000", "F3"), ("75000", "F4"))):
        qtbot.mouseClick(table.buttons["add_transaction"], Qt.MouseButton.LeftButton)
        for column, keys in (
            (1, "Restricted Stock Grant"),
            (3, "01/09/2023"),
            (5, "M"),
            (8, amount),
            (9, "D"),
            (11, "01/09/2023"),
            (12, "Common Stock"),
            (13, amount),
            (14, "0"),
            (15, "0"),
            (16, "D"),
        ):
            edit_cell(qtbot, table, row, column, keys)
        pick_footnotes(qtbot, script, table, row, 2, ["F2"])
        pick_footnotes(qtbot, script, table, row, 10, [note])
    # Signature
    editor.setCurrentIndex(5)
    type_into(qtbot, editor.signatures_tab.name, "/s/ Kenneth S. Cragun")
    type_into(qtbot, editor.signatures_tab.date, "01/11/2023")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    if window.document.modified:  # offscreen the shortcut may not reach the window: the menu does
        window.save_action.trigger()

    entered = window.store.open(window.document.draft_id).filing
    expected = copy.deepcopy(reference)
    expected.schema_version = None
    expected.reporting_owners[0].ccc = CCC
    assert entered == expected
    assert [f for f in validate(entered, TODAY) if f.severity.value == "error"] == []
    write_bytes(entered, Copy.SUBMISSION)  # valid against the v5.5 schema, or it raises
    text = " ".join(pages_text(render_pdf(entered)))
    assert [needle for needle in expected_texts(entered) if not found(text, needle)] == []
    qtbot.waitUntil(lambda: window.status_text == "0 errors, 0 warnings")
    assert "— due Wed 01/11/2023 10 p.m. ET" in window.clock_label.text()


def test_undo_every_kind_of_edit(window, qtbot, script):
    window.document.load(draft(), None, None)
    document = window.document
    editor = window.editor

    def undone(action) -> None:
        before = copy.deepcopy(document.filing)
        action()
        assert document.filing != before, action
        document.undo_stack.undo()
        assert document.filing == before, action
        document.undo_stack.redo()
        document.undo_stack.undo()

    undone(lambda: type_into(qtbot, editor.filing_tab.ticker, "AULTX"))
    undone(lambda: toggle(qtbot, editor.filing_tab.aff10b5))
    undone(lambda: choose(qtbot, editor.owners_tab.fields["address.state"], "Texas"))
    undone(lambda: edit_cell(qtbot, editor.table_i, 0, 7, "1000"))
    undone(lambda: check_cell(qtbot, editor.table_i, 0, 6))
    undone(lambda: editor.table_i.add_holding())
    undone(lambda: (editor.table_ii.view.setCurrentIndex(editor.table_ii.model.index(1, 1)), editor.table_ii.move(-1)))
    undone(
        lambda: (editor.table_ii.view.setCurrentIndex(editor.table_ii.model.index(0, 1)), editor.table_ii.remove_row())
    )
    undone(lambda: pick_footnotes(qtbot, script, editor.table_i, 0, 1, ["F2"]))
    undone(lambda: editor.owners_tab.add())
    undone(lambda: editor.signatures_tab.add())
    document.set("table_i[0].coding.footnote_ids", ["F4"])  # out of order, so that renumbering changes them
    document.set("table_ii[1].exercise_date.footnote_ids", ["F1"])
    undone(editor.footnotes_tab.renumber)
    script.expect("run", "Footnote (", write_footnote(qtbot, "A new explanation."))
    undone(editor.footnotes_tab.add)

    def type_remarks() -> None:
        remarks = editor.footnotes_tab.remarks
        qtbot.keyClicks(remarks, "Remarks typed.")
        remarks.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))  # leaving the box commits it

    undone(type_remarks)


def test_a_click_on_a_finding_selects_its_cell(window, qtbot):
    filing = draft()
    filing.table_i[0].shares_owned_following = Footnoted(Decimal(100))
    filing.table_i.append(copy.deepcopy(filing.table_i[0]))
    filing.table_i[1].coding.footnote_ids = []
    filing.table_i[1].shares_owned_following = Footnoted(Decimal(1))  # 100 + 125,000 is 125,100
    window.document.load(filing, None, None)
    model = window.findings_model
    row = next(n for n, f in enumerate(model.findings) if f.rule_id == "HOLDINGS-ARITHMETIC")
    rect = window.findings_view.visualRect(model.index(row))
    qtbot.mouseClick(window.findings_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.currentIndex() == 2
    current = window.editor.table_i.view.currentIndex()
    assert (current.row(), window.editor.table_i.model.columns[current.column()].attribute) == (
        1,
        "shares_owned_following",
    )
    assert window.editor.tabText(2) == "Table I (1)"
    # a box on the owners tab: the field gets the focus
    window.document.set("reporting_owners[0].relationship.officer_title", "C" * 31)
    window.validate()
    widget = window.editor.go_to("reporting_owners[0].relationship.officer_title")
    assert widget is window.editor.owners_tab.fields["relationship.officer_title"]
    assert window.editor.currentIndex() == 1


def test_the_amount_editor_refuses_a_decimal_comma_and_keeps_the_text(window, qtbot):
    window.document.load(draft(), None, None)
    table = window.editor.table_i
    editor = edit_cell(qtbot, table, 0, 7, "1,25")
    assert window.document.filing.table_i[0].shares.value == Decimal(125000)
    assert editor.text() == "1,25"  # still open, with what was typed
    assert "a comma may only group thousands" in window.statusBar().currentMessage()
    editor.selectAll()
    qtbot.keyClicks(editor, "1250")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(5)
    assert window.document.filing.table_i[0].shares.value == Decimal(1250)


def test_a_date_cell_takes_what_is_typed_or_says_why_not(window, qtbot):
    window.document.load(draft(), None, None)
    table = window.editor.table_i
    edit_cell(qtbot, table, 0, 3, "01/10/2023")
    assert window.document.filing.table_i[0].deemed_execution_date.value == date(2023, 1, 10)
    editor = edit_cell(qtbot, table, 0, 2, "02/30/2023")
    assert editor.text() == "02/30/2023" and "February 2023 has 28 days" in window.statusBar().currentMessage()
    assert window.document.filing.table_i[0].transaction_date.value == date(2023, 1, 9)


def test_a_bad_date_in_a_field_is_refused_and_kept(window, qtbot):
    field = window.editor.filing_tab.period
    type_into(qtbot, field, "13/45/2023")
    assert field.text() == "13/45/2023"
    assert window.document.filing.period_of_report is None
    assert "there is no month 13" in window.statusBar().currentMessage()


def dead_slot() -> str:
    """The autosave slot of a window whose process is gone (as after a crash)."""
    import socket

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return f"window:{socket.gethostname()}:{child.stdout.strip()}:1"


def test_restore_after_a_crash(qtbot, store, script, settings):
    draft_id = store.create(draft())
    typed = store.open(draft_id).filing
    typed.remarks = "Typed, never saved."
    store.write_autosave(dead_slot(), typed, draft_id, 1)  # what the dead window's 2-second timer wrote
    script.expect("ask", "Restore unsaved work?", dialogs.Button.Yes, text=f"(draft {draft_id})")
    second = MainWindow(store, today=TODAY, settings=settings)
    qtbot.addWidget(second)
    assert second.offer_restore()
    assert second.document.filing.remarks == "Typed, never saved."
    assert second.document.modified and second.windowTitle().endswith("* — Form 4 Desktop — drafts.sqlite3")
    second.save_action.trigger()
    assert store.open(draft_id).filing.remarks == "Typed, never saved."
    assert [a.slot for a in store.autosaves()] == []


@pytest.mark.parametrize("answer", ["copy", "reopen", "cancel"])
def test_a_conflicting_save_is_refused_and_offers_a_copy_or_the_stores_version(window, store, script, answer):
    draft_id = store.create(draft())
    window.open_draft(draft_id)
    other = store.open(draft_id)
    other.filing.remarks = "Theirs."
    store.save(draft_id, other.filing, other.version)
    window.document.set("remarks", "Mine.")
    choice = {"copy": 0, "reopen": 1, "cancel": None}[answer]
    script.expect("pick", "Not saved", choice, text="changed in another window or program")
    if answer == "cancel":
        script.expect("tell", "Not saved", None, text="your changes are still here (File ▸ Save as Copy")
    window.save_action.trigger()
    assert store.open(draft_id).filing.remarks == "Theirs."  # never saved over
    if answer == "copy":
        assert window.document.draft_id != draft_id and not window.document.modified
        assert store.open(window.document.draft_id).filing.remarks == "Mine."
        assert window.drafts_model.rowCount() == 2
    elif answer == "reopen":
        assert window.document.draft_id == draft_id and window.document.filing.remarks == "Theirs."
        assert not window.document.modified
    else:
        assert window.document.modified and window.document.filing.remarks == "Mine."


def test_save_as_copy_keeps_the_typing_in_a_new_draft_and_leaves_the_first_as_it_was(window, qtbot, store, script):
    draft_id = store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "COPY")  # still being typed: taken first
    window.findChild(type(window.save_action), "save_copy").trigger()
    copy_id = window.document.draft_id
    assert copy_id != draft_id and not window.document.modified
    assert store.open(copy_id).filing.issuer.trading_symbol == "COPY"
    assert store.open(draft_id).filing.issuer.trading_symbol == "AULT" and store.open(draft_id).version == 1
    assert f"(draft {copy_id})" in window._draft_name()


def test_every_model_passes_the_model_tester(qtmodeltester, store):
    document = FilingDocument(draft())
    store.create(draft())
    lists = DraftListModel()
    lists.set_rows(store.list())
    findings = FindingsModel()
    findings.set_findings(validate(draft(), date(2023, 2, 1)))
    for model in (
        lists,
        RowsModel(document, "table_i"),
        RowsModel(document, "table_ii"),
        FootnotesModel(document),
        findings,
    ):
        qtmodeltester.check(model, force_py=True)


def test_the_preview_shows_the_pdf_that_prints(window, qtbot):
    window.document.load(draft(), None, None)
    pages = len(pages_text(render_pdf(window.document.filing)))
    dialog = window.print_preview()
    from PySide6.QtPdfWidgets import QPdfView

    view = dialog.findChild(QPdfView, "print_preview")
    assert view.document().pageCount() == pages >= 1
    assert "CRAGUN" in view.document().getAllText(0).text()
    dialog.close()


def test_the_smoke_test_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "form4_desktop.gui", "--smoke-test", "--store", str(tmp_path / "drafts.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown in ") and result.stdout.strip().endswith(" ms")


def test_table_ii_findings_go_to_table_ii(window, qtbot):
    filing = draft()
    filing.table_ii[0].ownership.nature_of_ownership = Footnoted("By trust")  # D with a nature: an error
    window.document.load(filing, None, None)
    model = window.findings_model
    row = next(n for n, f in enumerate(model.findings) if f.field_path.startswith("table_ii[0]"))
    window.go_to_finding(model.index(row))
    assert window.editor.currentIndex() == 3
    assert window.editor.tabText(3) == "Table II (1)" and window.editor.tabText(2) == "Table I"


def test_save_takes_the_field_still_being_typed_in(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    window.document.load(draft(), None, None)
    ticker = window.editor.filing_tab.ticker
    ticker.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ticker)
    ticker.selectAll()
    qtbot.keyClicks(ticker, "NEWT")  # no Tab: the field still has the focus
    assert window.save()
    assert window.store.open(window.document.draft_id).filing.issuer.trading_symbol == "NEWT"


def test_ctrl_z_in_an_untouched_field_undoes_the_last_edit_and_shows_it(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    window.document.load(draft(), None, None)
    edit_cell(qtbot, window.editor.table_i, 0, 7, "1000")
    window.editor.setCurrentIndex(0)
    ticker = window.editor.filing_tab.ticker
    ticker.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ticker)
    qtbot.keyClick(ticker, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.filing.table_i[0].shares.value == Decimal(125000)
    assert window.editor.currentIndex() == 2  # the undone box is shown


def test_the_due_date_stays_in_the_status_bar(window):
    window.document.load(draft(), None, None)
    window.say("Saved.")
    assert window.status_label.text().startswith("0 errors")
    assert "— due Wed 01/11/2023 10 p.m. ET" in window.clock_label.text()  # a permanent part: never hidden


def test_a_schema_finding_with_an_xml_path_shows_without_trouble(window):
    from form4_desktop.rules import Finding, Severity

    finding = Finding("SCHEMA", Severity.ERROR, "/ownershipDocument/issuer/issuerCik", "not valid")
    window.editor.show_findings([finding])
    assert window.editor.go_to(finding.field_path) is not None or window.editor.currentIndex() == 0
    assert window.editor.currentIndex() == 0


def test_footnote_usage_names_every_box_that_refers_to_it():
    from form4_desktop.gui.models import footnote_usage

    filing = draft()
    filing.table_ii[0].total_value = Footnoted(Decimal(10), ["F1"])  # a box with no column of its own
    usage = footnote_usage(FilingDocument(filing))
    assert usage["F1"] == ["Table I row 1, 3. Code", "Table II row 1, 5. Number"]
    assert usage["F3"] == ["Table II row 1, 6. Date Exercisable"]
