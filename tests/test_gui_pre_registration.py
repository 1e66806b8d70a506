"""Marking a Form 4 transaction as reported under Rule 16a-2(a) in the editor: the row's context menu offers the
mark (ticked as the row has it), the row's number says so, the change is one undoable edit, the findings follow
(PRE-REGISTRATION asks for the footnote the filed form shows; the row starts no deadline) and a save keeps it."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QContextMenuEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

from form4_desktop.gui.editor import PRE_REGISTRATION_TEXT  # noqa: E402
from form4_desktop.model import Footnoted, operations  # noqa: E402
from form4_desktop.model.operations import change_form_type  # noqa: E402
from test_gui_trust import findings_of  # noqa: E402
from test_rules import draft  # noqa: E402


def menu_of(qtbot, table, row: int, column: int = 1, choose: str | None = None) -> dict[str, bool | None]:
    """Right-click the box (row, column) of `table`, as a person does; the menu's entries, each with whether it is
    ticked (None: not tickable). With `choose`, that entry is picked with the keyboard; else the menu is closed."""
    view = table.view
    rect = view.visualRect(view.model().index(row, column))
    seen: dict[str, bool | None] = {}

    def answer() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.text():
                seen[action.text()] = action.isChecked() if action.isCheckable() else None
        if choose is None:
            menu.close()
            return
        [action] = [action for action in menu.actions() if action.text() == choose]
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), view.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(view.viewport(), event)
    assert seen, "no menu was shown"
    return seen


def heading_width(table) -> int:
    QApplication.processEvents()
    return table.view.verticalHeader().width()


def row_heading(table, row: int) -> str:
    return table.model.headerData(row, Qt.Orientation.Vertical)


def test_a_form_4_transaction_is_marked_rule_16a_2a_from_its_context_menu_undoably_and_saved(window, qtbot):
    filing = draft()  # Table I row 1 and Table II: transactions of 01/09/2023, the reporting person an officer
    filing.table_i[0].transaction_date = Footnoted(date(2022, 7, 11))  # bought before the issuer's IPO
    filing.period_of_report = date(2022, 7, 11)
    window.document.load(filing, None, None)
    window.editor.setCurrentIndex(2)
    table = window.editor.table_i
    assert findings_of(window, "PRE-REGISTRATION") == []
    offered = menu_of(qtbot, table, 0)
    assert offered[PRE_REGISTRATION_TEXT] is False  # offered, not ticked
    assert row_heading(table, 0) == "1"
    unmarked_width = heading_width(table)
    menu_of(qtbot, table, 0, choose=PRE_REGISTRATION_TEXT)
    row = window.document.filing.table_i[0]
    assert row.pre_registration is True
    assert [row.pre_registration for row in window.document.filing.table_ii] == [False, False]  # only that row
    assert row_heading(table, 0) == "1 16a-2(a)"
    qtbot.waitUntil(lambda: heading_width(table) > unmarked_width)  # the heading is painted wide enough for it
    assert "Rule 16a-2(a)" in table.model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert menu_of(qtbot, table, 0)[PRE_REGISTRATION_TEXT] is True  # the menu shows it ticked
    # the findings follow: the footnote the filed form needs, on the row's transaction date
    [(path, message)] = findings_of(window, "PRE-REGISTRATION")
    assert path == "table_i[0].transaction_date" and "add a footnote on the row" in message
    # one edit on the undo stack, named in the form's words
    stack = window.document.undo_stack
    assert stack.undoText() == "Mark row 1 as reported under Rule 16a-2(a)"
    stack.undo()
    assert window.document.filing.table_i[0].pre_registration is False and row_heading(table, 0) == "1"
    assert menu_of(qtbot, table, 0)[PRE_REGISTRATION_TEXT] is False  # the menu follows the row, not its last use
    stack.redo()
    assert window.document.filing.table_i[0].pre_registration is True and row_heading(table, 0) == "1 16a-2(a)"
    # what the screen shows is what is saved
    window.save_action.trigger()
    assert not window.document.modified
    saved = window.store.open(window.document.draft_id).filing
    assert [row.pre_registration for row in (*saved.table_i, *saved.table_ii)] == [True, False, False]
    # and unmarked the same way
    menu_of(qtbot, table, 0, choose=PRE_REGISTRATION_TEXT)
    assert window.document.filing.table_i[0].pre_registration is False and row_heading(table, 0) == "1"
    assert stack.undoText() == "Unmark row 1 as reported under Rule 16a-2(a)"


def test_the_mark_is_offered_on_form_4_transactions_only(window, qtbot):
    filing = draft()
    filing.table_i.append(operations.new_holding(filing, "table_i"))
    filing.table_i[1].security_title = Footnoted("Common Stock")
    window.document.load(filing, None, None)
    window.editor.setCurrentIndex(2)
    table = window.editor.table_i
    assert PRE_REGISTRATION_TEXT in menu_of(qtbot, table, 0)
    assert PRE_REGISTRATION_TEXT not in menu_of(qtbot, table, 1)  # a holding: nothing to report under the rule
    window.editor.setCurrentIndex(3)
    assert PRE_REGISTRATION_TEXT in menu_of(qtbot, window.editor.table_ii, 0)  # a derivative transaction too
    form5, _ = change_form_type(draft(), "5")
    window.document.load(form5, None, None)
    window.editor.setCurrentIndex(2)
    assert PRE_REGISTRATION_TEXT not in menu_of(qtbot, window.editor.table_i, 0)
