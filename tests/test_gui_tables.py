"""Working in Tables I and II from the keyboard, as a new user did: Tab goes box to box and row to row without
leaving the table, amounts may be typed with grouping commas, the pickers show their whole choices, and a new row
starts in its first box (Title of Security)."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QFontMetrics  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox  # noqa: E402

from test_gui import draft, edit_cell  # noqa: E402
from test_gui_trust import findings_of  # noqa: E402


def _headers(tab) -> list[str]:
    model = tab.view.model()
    return [model.headerData(n, Qt.Orientation.Horizontal).replace("\n", " ") for n in range(model.columnCount())]


def _focused():
    return QApplication.focusWidget()


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as a person presses it: to whichever widget has the focus."""
    qtbot.keyClick(_focused(), key, modifier)
    qtbot.wait(5)


# -- 3. Tab stays in the table ---------------------------------------------------------------------------------------
def test_tab_from_a_rows_last_check_box_goes_on_to_the_next_row_and_typing_stays_in_the_table(window, qtbot):
    window.document.load(draft(), None, None)
    window.activateWindow()
    window.editor.setCurrentIndex(3)  # Table II: two rows
    table = window.editor.table_ii
    view, model = table.view, table.model
    headers = _headers(table)
    k = headers.index("K")
    view.setFocus()
    view.setCurrentIndex(model.index(0, k))  # the row's last check box
    qtbot.waitUntil(lambda: _focused() is view)
    for column in range(k + 1, model.columnCount()):
        _press(qtbot, Qt.Key.Key_Tab)
        assert _focused() is view and (view.currentIndex().row(), view.currentIndex().column()) == (0, column)
    _press(qtbot, Qt.Key.Key_Tab)  # past the row's last box: the next row's first
    assert _focused() is view and (view.currentIndex().row(), view.currentIndex().column()) == (1, 0)
    _press(qtbot, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == headers.index("1. Title of Derivative Security")
    for letter in "Warrant":  # typing opens the box, in the table, and goes on in it
        qtbot.keyClicks(_focused(), letter)
    _press(qtbot, Qt.Key.Key_Return)
    assert window.document.filing.table_ii[1].security_title.value == "Warrant"
    assert window.search.text() == ""  # nothing went into the draft list's search
    _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # Shift+Tab goes back a box
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 0)
    _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Tab leaves the table
    assert _focused() is not view


# -- 4. amounts with commas ------------------------------------------------------------------------------------------
def test_an_amount_typed_with_grouping_commas_is_taken_and_a_decimal_comma_is_refused(window, qtbot):
    window.document.load(draft(), None, None)
    table = window.editor.table_i
    amount = _headers(table).index("4. Amount")
    edit_cell(qtbot, table, 0, amount, "5,000")
    row = window.document.filing.table_i[0]
    assert row.shares.value == Decimal(5000)
    assert table.model.index(0, amount).data() == "5,000"  # shown as typed, and as saved
    assert findings_of(window, "TYPED-VALUE") == []
    editor = edit_cell(qtbot, table, 0, amount, "1,25")  # a decimal comma: refused, the box stays open
    assert editor.text() == "1,25" and row.shares.value == Decimal(5000)
    message = window.statusBar().currentMessage()
    assert message == "'1,25': a comma may only group thousands (1,250,000); write decimals after a period (1250.50)."


# -- 5. pickers show the whole choice --------------------------------------------------------------------------------
def _open_picker(qtbot, table, row: int, column: int):
    view = table.view
    view.setCurrentIndex(table.model.index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    [editor] = [child for child in view.viewport().children() if isinstance(child, QComboBox) and child.isVisible()]
    return editor


@pytest.mark.parametrize(
    "header, choice",
    [("6. D or I", "I — indirect"), ("3. Code", "G — Bona fide gift"), ("(A) or (D)", "D — disposed of")],
)
def test_a_picker_shows_its_whole_choice_closed_and_open_at_1280_by_800(window, qtbot, header, choice):
    window.resize(1280, 800)
    window.document.load(draft(), None, None)
    window.editor.setCurrentIndex(2)
    table = window.editor.table_i
    column = _headers(table).index(header)
    assert table.view.columnWidth(column) < QFontMetrics(table.view.font()).horizontalAdvance(choice)  # too narrow
    editor = _open_picker(qtbot, table, 0, column)
    editor.setCurrentIndex(editor.findText(choice))
    room = editor.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, _combo_option(editor), QStyle.SubControl.SC_ComboBoxEditField, editor
    )
    assert editor.fontMetrics().horizontalAdvance(choice) <= room.width()  # closed: "I — indirect", not "I —"
    assert editor.geometry().right() < table.view.viewport().width()  # and on the screen
    widest = max(editor.fontMetrics().horizontalAdvance(editor.itemText(n)) for n in range(editor.count()))
    editor.showPopup()
    popup = editor.view()
    qtbot.waitUntil(popup.isVisible)
    assert popup.viewport().width() >= widest  # open: every choice whole
    editor.hidePopup()


def _combo_option(editor: QComboBox) -> QStyleOptionComboBox:
    option = QStyleOptionComboBox()
    editor.initStyleOption(option)
    return option


# -- 6. a new row starts in its title ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "form, table_name, button, title",
    [
        ("3", "table_i", "add_holding", "1. Title of Security"),
        ("3", "table_ii", "add_holding", "1. Title of Derivative Security"),
        ("4", "table_i", "add_transaction", "1. Title of Security"),
        ("5", "table_i", "add_holding", "1. Title of Security"),
        ("5", "table_ii", "add_transaction", "1. Title of Derivative Security"),
    ],
)
def test_a_new_row_puts_the_cursor_in_its_title(window, qtbot, form, table_name, button, title):
    window.findChild(type(window.save_action), "new" if form == "4" else f"new_form{form}").trigger()
    window.activateWindow()
    table = window.editor.table_i if table_name == "table_i" else window.editor.table_ii
    window.editor.setCurrentIndex(2 if table_name == "table_i" else 3)
    qtbot.mouseClick(table.buttons[button], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _focused() is table.view)
    assert _headers(table)[table.view.currentIndex().column()] == title
    for letter in "Series A Preferred":  # typed straight away, into the title
        qtbot.keyClicks(_focused(), letter)
    _press(qtbot, Qt.Key.Key_Return)
    [row] = getattr(window.document.filing, table_name)
    assert row.security_title.value == "Series A Preferred"


def test_a_click_on_a_check_box_ticks_it_and_tab_goes_on_from_there(window, qtbot):
    window.document.load(draft(), None, None)
    window.activateWindow()
    window.editor.setCurrentIndex(2)
    table = window.editor.table_i
    view, model = table.view, table.model
    headers = _headers(table)
    k = headers.index("K")
    view.setFocus()
    view.setCurrentIndex(model.index(0, 1))
    qtbot.waitUntil(lambda: _focused() is view)
    box = view.visualRect(model.index(0, k)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert window.document.filing.table_i[0].coding.equity_swap_involved is True
    assert view.currentIndex().column() == k
    _press(qtbot, Qt.Key.Key_Tab)
    assert _focused() is view and view.currentIndex().column() == k + 1
